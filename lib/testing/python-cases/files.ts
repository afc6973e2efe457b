/**
 * Long because it is one table of whole-file cases, each its input and the value dlt receives; split by theme when it grows.
 * Whole files: dlt's docs and `dlt init` pipelines, sources and resources with parameters, module constants.
 */
import type { PlainValue } from "../../formats";
import { BASE, fixture, H, row, type PyCase } from "./kit";

const GITHUB = fixture("github_docs_quick_example.py");
const TEMPLATE = fixture("dlt_init_rest_api_pipeline.py");
const NOT_REST = fixture("docs_basic_resource_not_rest.py");

const ghValue = (token: string): PlainValue => ({
  client: { base_url: "https://api.github.com/repos/dlt-hub/dlt/", auth: { token: { $secret: token, $param: true } } },
  resource_defaults: { primary_key: "id", write_disposition: "merge", endpoint: { params: { per_page: 100 } } },
  resources: [
    {
      name: "issues",
      endpoint: {
        path: "issues",
        params: {
          sort: "updated",
          direction: "desc",
          state: "open",
          since: { type: "incremental", cursor_path: "updated_at", initial_value: "2024-01-25T11:21:28Z" },
        },
      },
    },
    { name: "issue_comments", endpoint: { path: "issues/{resources.issues.number}/comments" }, include_from_parent: ["id"] },
  ],
});

export const FILE_CASES: PyCase[] = [
  row(
    "dlt's GitHub docs example, verbatim (no `import dlt`)",
    GITHUB,
    [["missing_import", "", "dlt"]],
    ghValue("sources.github_source.github_token"),
  ),
  row("dlt's GitHub docs example with `import dlt`", `import dlt\n${GITHUB}`, [], ghValue("sources.github_source.github_token")),
  row(
    "the `dlt init rest_api` pipeline: two configs, the GitHub one active",
    TEMPLATE,
    [
      ["multiple_configs", "", "config"],
      ["python_conditional", "/client/auth", "{\n"],
      ["python_computed", "/resources/0/endpoint/incremental/initial_value", "pendulum."],
    ],
    {
      client: {
        base_url: "https://api.github.com/repos/dlt-hub/dlt/",
        auth: { type: "bearer", token: { $secret: "sources.github.access_token", $param: true } },
      },
      resource_defaults: { primary_key: "id", write_disposition: "merge", endpoint: { params: { per_page: 100 } } },
      resources: [
        {
          name: "issues",
          endpoint: {
            path: "issues",
            params: { sort: "updated", direction: "desc", state: "open", since: "{incremental.start_value}" },
            incremental: {
              cursor_path: "updated_at",
              initial_value: { $python: "pendulum.today().subtract(days=30).to_iso8601_string()" },
            },
          },
        },
        { name: "issue_comments", endpoint: { path: "issues/{resources.issues.number}/comments" }, include_from_parent: ["id"] },
      ],
    },
  ),
  row(
    "the `dlt init rest_api` pipeline switched to `pokemon`",
    TEMPLATE.replace("if __name__", "# restplay: config=pokemon\nif __name__"),
    [["multiple_configs", "", "rest_api_source"]],
    {
      client: { base_url: "https://pokeapi.co/api/v2/" },
      resource_defaults: { endpoint: { params: { limit: 1000 } } },
      resources: ["pokemon", "berry", "location"],
    },
  ),
  row(
    "two configs, the second called first under `if __name__`: the first call's config is active",
    `${H}from dlt.sources.rest_api import RESTAPIConfig

first: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["items"]}
second: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["users"]}

if __name__ == "__main__":
    p = dlt.pipeline("multi", destination="duckdb")
    p.run(rest_api_source(second))
    p.run(rest_api_source(first))
`,
    [["multiple_configs", "", "second"]],
    { client: { base_url: BASE }, resources: ["users"] },
  ),
  row(
    "@dlt.source(name=...) with a typed secret parameter",
    `${H}from dlt.sources.rest_api import rest_api_resources\n\n
@dlt.source(name="blog")
def blog_source(access_token: str = dlt.secrets.value):
    config = {
        "client": {"base_url": "${BASE}", "auth": {"type": "bearer", "token": access_token}},
        "resources": ["posts"],
    }
    yield from rest_api_resources(config)
`,
    [],
    {
      client: { base_url: BASE, auth: { type: "bearer", token: { $secret: "sources.blog.access_token", $param: true } } },
      resources: ["posts"],
    },
  ),
  row(
    "a config value parameter as base_url",
    `${H}
@dlt.source
def shop(base_url: str = dlt.config.value, api_key: str = dlt.secrets.value):
    return rest_api_source({
        "client": {"base_url": base_url, "auth": {"type": "api_key", "name": "key", "api_key": api_key, "location": "query"}},
        "resources": ["orders"],
    }, name="shop")
`,
    [],
    {
      client: {
        base_url: { $config: "sources.shop.base_url", $param: true },
        auth: { type: "api_key", name: "key", api_key: { $secret: "sources.shop.api_key", $param: true }, location: "query" },
      },
      resources: ["orders"],
    },
  ),
  row(
    "@dlt.resource with a secret parameter",
    `${H}from dlt.sources.rest_api import rest_api_resources\n
@dlt.resource(name="tickets")
def tickets(token=dlt.secrets.value):
    yield from rest_api_resources({"client": {"base_url": "${BASE}", "auth": {"token": token}}, "resources": ["tickets"]})
`,
    [],
    { client: { base_url: BASE, auth: { token: { $secret: "sources.tickets.token", $param: true } } }, resources: ["tickets"] },
  ),
  row(
    "a plain function's dlt.secrets.value parameter: dlt injects nothing (dlt 1.26.0 sends the placeholder's text)",
    `${H}
def tickets(token=dlt.secrets.value):
    return rest_api_source({"client": {"base_url": "${BASE}", "auth": {"token": token}}, "resources": ["tickets"]})
`,
    [
      ["param_not_injected", "/client/auth/token", "token}"],
      ["python_not_executed", "/client/auth/token", "token}"],
    ],
    { client: { base_url: BASE, auth: { token: { $python: "token" } } }, resources: ["tickets"] },
  ),
  row(
    "@dlt.source(section=...) records the section its parameters are looked up under",
    `${H}
@dlt.source(section="shop", name="orders")
def orders_source(key=dlt.config.value):
    return rest_api_source({"client": {"base_url": "${BASE}"}, "resources": [{"name": "o", "endpoint": {"params": {"k": key}}}]})
`,
    [],
    {
      client: { base_url: BASE },
      resources: [{ name: "o", endpoint: { params: { k: { $config: "sources.orders.key", $param: "shop" } } } }],
    },
  ),
  row(
    "a plain function whose parameter has a default",
    `${H}
def load(base_url: str = "https://pokeapi.co/api/v2/", limit=1000):
    source = rest_api_source({
        "client": {"base_url": base_url},
        "resource_defaults": {"endpoint": {"params": {"limit": limit}}},
        "resources": ["pokemon"],
    })
    return source
`,
    [],
    {
      client: { base_url: "https://pokeapi.co/api/v2/" },
      resource_defaults: { endpoint: { params: { limit: 1000 } } },
      resources: ["pokemon"],
    },
  ),
  row(
    "a config built in a function, returned through rest_api_source(config, name=...)",
    `${H}
def make_source():
    page_size = 50
    config = {"client": {"base_url": "${BASE}"}, "resources": [{"name": "posts", "endpoint": {"params": {"per_page": page_size}}}]}
    return rest_api_source(config, name="blog")
`,
    [],
    { client: { base_url: BASE }, resources: [{ name: "posts", endpoint: { params: { per_page: 50 } } }] },
  ),
  row(
    "a module-level config used by `yield from rest_api_resources(config)`",
    `import dlt
from dlt.sources.rest_api import RESTAPIConfig, rest_api_resources

config: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["posts"]}


@dlt.source
def blog():
    yield from rest_api_resources(config)
`,
    [],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "a parameter without a default (dlt's caller passes it)",
    `${H}
@dlt.source
def blog(base_url):
    return rest_api_source({"client": {"base_url": base_url}, "resources": ["posts"]})
`,
    [["python_not_executed", "/client/base_url", "base_url"]],
    { client: { base_url: { $python: "base_url" } }, resources: ["posts"] },
  ),
  row(
    "module constants: base URL and page size",
    `${H}BASE_URL = "${BASE}"
PAGE_SIZE = 100

source = rest_api_source({
    "client": {"base_url": BASE_URL},
    "resources": [{"name": "posts", "endpoint": {"params": {"per_page": PAGE_SIZE}}}],
})
`,
    [],
    { client: { base_url: BASE }, resources: [{ name: "posts", endpoint: { params: { per_page: 100 } } }] },
  ),
  row(
    "an f-string of constants",
    `${H}HOST = "api.example.com"
VERSION = 2
source = rest_api_source({"client": {"base_url": f"https://{HOST}/v{VERSION}"}, "resources": ["posts"]})
`,
    [],
    { client: { base_url: "https://api.example.com/v2" }, resources: ["posts"] },
  ),
  row(
    "`+` of constant strings",
    `${H}ROOT = "${BASE}"
source = rest_api_source({"client": {"base_url": ROOT + "/v1"}, "resources": ["posts"]})
`,
    [],
    { client: { base_url: `${BASE}/v1` }, resources: ["posts"] },
  ),
  row(
    "a constant auth dict and a constant resource list",
    `${H}AUTH = {"type": "api_key", "name": "X-API-Key", "api_key": dlt.secrets["api_key"], "location": "header"}
RESOURCES = ["posts", "users"]
source = rest_api_source({"client": {"base_url": "${BASE}", "auth": AUTH}, "resources": RESOURCES})
`,
    [],
    {
      client: { base_url: BASE, auth: { type: "api_key", name: "X-API-Key", api_key: { $secret: "api_key" }, location: "header" } },
      resources: ["posts", "users"],
    },
  ),
  row(
    "one constant used by two endpoints",
    `${H}HEADERS = {"Accept": "application/json"}
source = rest_api_source({
    "client": {"base_url": "${BASE}"},
    "resources": [{"name": "a", "endpoint": {"headers": HEADERS}}, {"name": "b", "endpoint": {"headers": HEADERS}}],
})
`,
    [],
    {
      client: { base_url: BASE },
      resources: [
        { name: "a", endpoint: { headers: { Accept: "application/json" } } },
        { name: "b", endpoint: { headers: { Accept: "application/json" } } },
      ],
    },
  ),
  row(
    "an f-string with a format spec is left to dlt",
    `${H}PORT = 8080
source = rest_api_source({"client": {"base_url": f"http://localhost:{PORT:>5}"}, "resources": ["posts"]})
`,
    [["python_not_executed", "/client/base_url", 'f"http']],
    { client: { base_url: { $python: 'f"http://localhost:{PORT:>5}"' } }, resources: ["posts"] },
  ),
  row(
    "a constant reassigned after the call",
    `${H}URL = "${BASE}"
source = rest_api_source({"client": {"base_url": URL}, "resources": ["posts"]})
URL = "https://other.example.com"
`,
    [],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "a constant imported from another module",
    `${H}from settings import BASE_URL
source = rest_api_source({"client": {"base_url": BASE_URL}, "resources": ["posts"]})
`,
    [["python_not_executed", "/client/base_url", "BASE_URL"]],
    { client: { base_url: { $python: "BASE_URL" } }, resources: ["posts"] },
  ),
  row(
    "a constant built from another constant",
    `${H}ROOT = "${BASE}"
CLIENT = {"base_url": ROOT, "headers": {"User-Agent": "blog-loader"}}
source = rest_api_source({"client": CLIENT, "resources": ["posts"]})
`,
    [],
    { client: { base_url: BASE, headers: { "User-Agent": "blog-loader" } }, resources: ["posts"] },
  ),
  row(
    "os.environ and os.getenv",
    `import os\n${H}source = rest_api_source({
    "client": {"base_url": os.getenv("API_URL", "${BASE}"), "auth": {"type": "bearer", "token": os.environ["API_TOKEN"]}},
    "resources": ["posts"],
})
`,
    [],
    // A default that is a value is what Python gives where API_URL is not set (the playground has no environment).
    { client: { base_url: BASE, auth: { type: "bearer", token: { $secret: "API_TOKEN" } } }, resources: ["posts"] },
  ),
  row(
    "dlt.secrets.get and a dotted dlt.secrets name",
    `${H}source = rest_api_source({
    "client": {"base_url": "${BASE}", "auth": {"type": "http_basic", "username": dlt.secrets.get("user"), "password": dlt.secrets["sources.blog.password"]}},
    "resources": ["posts"],
})
`,
    [],
    {
      client: {
        base_url: BASE,
        auth: { type: "http_basic", username: { $secret: "user", $get: true }, password: { $secret: "sources.blog.password" } },
      },
      resources: ["posts"],
    },
  ),
  row(
    "a constant holding a dlt.secrets reference",
    `${H}TOKEN = dlt.secrets["blog_token"]
source = rest_api_source({"client": {"base_url": "${BASE}", "auth": {"token": TOKEN}}, "resources": ["posts"]})
`,
    [],
    { client: { base_url: BASE, auth: { token: { $secret: "blog_token" } } }, resources: ["posts"] },
  ),
  row(
    "annotated names (a module constant, a class field, a method's local) are defined",
    `${H}BASE_URL: str = "${BASE}"


class Helper:
    limit: int = 10

    def method(self) -> str:
        inner: str = "x"
        return inner


source = rest_api_source({"client": {"base_url": BASE_URL}, "resources": ["posts"]})
`,
    [],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "a name defined nowhere",
    `${H}source = rest_api_source({"client": {"base_url": BASE}, "resources": ["posts"]})
`,
    [
      ["undefined_name", "", "BASE"],
      ["python_not_executed", "/client/base_url", "BASE"],
    ],
    { client: { base_url: { $python: "BASE" } }, resources: ["posts"] },
  ),
  row(
    "a source function's `config: RESTAPIConfig` without its import: Python never evaluates a local annotation (PEP 526)",
    `import dlt
from dlt.sources.rest_api import rest_api_resources

@dlt.source
def github_source():
    config: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["posts"]}
    yield from rest_api_resources(config)
`,
    [],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "`from __future__ import annotations`: no annotation is evaluated (PEP 563), a module-level one neither",
    `from __future__ import annotations
import dlt
from dlt.sources.rest_api import rest_api_source

config: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["posts"]}
source = rest_api_source(config)
`,
    [],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    // dlt 1.26.0's basic.md, "Define a resource which is not a REST endpoint", verbatim: dlt stops with "NameError: name 'dlt' is
    // not defined" (then `Generator`: recorded by importing the file with dlt 1.26.0); each name gets its import as a quick fix.
    "dlt's docs: a resource that is not a REST endpoint, its annotation's `typing` names and `dlt` not imported (NameError)",
    NOT_REST,
    [
      ["missing_import", "", "dlt"],
      ["missing_import", "", "Generator"],
      ["missing_import", "", "List"],
      ["missing_import", "", "Dict"],
      ["missing_import", "", "Any"],
      ["python_not_executed", "/resources/1", "repositories()"],
    ],
    {
      client: { base_url: "https://github.com/api/v2" },
      resources: [
        {
          name: "issues",
          endpoint: {
            path: "dlt-hub/{repository}/issues/",
            params: { repository: { type: "resolve", resource: "repositories", field: "name" } },
          },
        },
        { $python: "repositories()" },
      ],
    },
  ),
  row(
    "a module-level `config: RESTAPIConfig` without its import: Python evaluates it (NameError)",
    `${H}config: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["posts"]}
source = rest_api_source(config)
`,
    [["missing_import", "", "RESTAPIConfig"]],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
];
