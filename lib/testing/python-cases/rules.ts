/** dlt's rules added for issue 9, several configs in one file, and Python habits in whole files. */
import { BASE, file, H, P, plain, posts, row, type PyCase } from "./kit";

export const RULE_CASES: PyCase[] = [
  row(
    "stop_after_empty_page=None is false to dlt (its truth), not the default",
    file(posts('{"paginator": {"type": "page_number", "stop_after_empty_page": None, "total_path": "meta.total"}}')),
    [["paginator_none_is_false", `${P}/stop_after_empty_page`, '"stop_after_empty_page"']],
    plain({ type: "page_number", stop_after_empty_page: null, total_path: "meta.total" }),
  ),
  row(
    "a Client as the session (advanced.md's timeout example): dlt fails copying it; its .session is what the key takes",
    file(
      `{"client": {"base_url": "${BASE}", "session": requests.Client(request_timeout=(1.0, 1.0))}, "resources": ["posts"]}`,
      "",
      `${H}from dlt.sources.helpers import requests\n\n`,
    ),
    [["session_not_a_session", "/client/session", "requests.Client("]],
    { client: { base_url: BASE, session: { $python: "requests.Client(request_timeout=(1.0, 1.0))" } }, resources: ["posts"] },
  ),
  row(
    "page_param=None falls back to dlt's default",
    file(posts('{"paginator": {"type": "page_number", "page_param": None, "total_path": None}}')),
    [["paginator_param_none", `${P}/page_param`, '"page_param"']],
    plain({ type: "page_number", page_param: null, total_path: null }),
  ),
  row(
    "offset_param=None in OffsetPaginator is its default",
    file(
      posts('{"paginator": OffsetPaginator(limit=10, offset_param=None, total_path=None)}'),
      "",
      `${H}from dlt.sources.helpers.rest_client.paginators import OffsetPaginator\n\n`,
    ),
    [],
    plain({ type: "offset", limit: 10, total_path: null }),
  ),
  row(
    "an empty offset_param",
    file(posts('{"paginator": {"type": "offset", "limit": 10, "offset_param": "", "total_path": None}}')),
    [["param_and_body_path", `${P}/offset_param`, '"offset_param"']],
    plain({ type: "offset", limit: 10, offset_param: "", total_path: null }),
  ),
  row(
    "an empty page_param in PageNumberPaginator",
    file(
      posts('{"paginator": PageNumberPaginator(page_param="", total_path=None)}'),
      "",
      `${H}from dlt.sources.helpers.rest_client.paginators import PageNumberPaginator\n\n`,
    ),
    [["page_param_and_body_path", `${P}/page_param`, "page_param"]],
    plain({ type: "page_number", page_param: "", total_path: null }),
  ),
  row(
    "a credential written into a header",
    file(`{"client": {"base_url": "${BASE}", "headers": {"X-API-Key": "abc123secret"}}, "resources": ["posts"]}`),
    [["hardcoded_secret", "/client/headers/X-API-Key", '"abc123']],
    { client: { base_url: BASE, headers: { "X-API-Key": "abc123secret" } }, resources: ["posts"] },
  ),
  row(
    "a key written into the query parameters",
    file(posts('{"params": {"api_key": "k-123456"}}')),
    [["hardcoded_secret", "/resources/0/endpoint/params/api_key", '"k-123']],
    plain({ params: { api_key: "k-123456" } }, "endpoint"),
  ),
  row(
    "two rest_api_source calls with names",
    `${H}blog = rest_api_source({"client": {"base_url": "${BASE}"}, "resources": ["posts"]}, name="blog")
shop = rest_api_source({"client": {"base_url": "https://shop.example.com"}, "resources": ["orders"]}, name="shop")
`,
    [["multiple_configs", "", "rest_api_source"]],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "two configs, the second chosen with `# restplay: config=`",
    `${H}# restplay: config=shop
blog = rest_api_source({"client": {"base_url": "${BASE}"}, "resources": ["posts"]}, name="blog")
shop = rest_api_source({"client": {"base_url": "https://shop.example.com"}, "resources": ["orders"]}, name="shop")
`,
    [["multiple_configs", "", "rest_api_source"]],
    { client: { base_url: "https://shop.example.com" }, resources: ["orders"] },
  ),
  row(
    "`# restplay: config=` naming no config",
    `${H}# restplay: config=nope
source = rest_api_source({"client": {"base_url": "${BASE}"}, "resources": ["posts"]})
`,
    [["multiple_configs", "", "rest_api_source"]],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "an annotated config no call uses, and one a call uses",
    `${H}from dlt.sources.rest_api import RESTAPIConfig

draft: RESTAPIConfig = {"client": {"base_url": "https://draft.example.com"}, "resources": ["drafts"]}
live: RESTAPIConfig = {"client": {"base_url": "${BASE}"}, "resources": ["posts"]}
source = rest_api_source(live)
`,
    [["multiple_configs", "", "live"]],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "JSON words and a `//` comment in a whole file",
    file(`{
    "client": {"base_url": "${BASE}"},  // the API
    "resources": [{"name": "posts", "selected": true}],
}`),
    [
      ["js_comment", "", "//"],
      ["json_literal", "/resources/0/selected", "true"],
    ],
    { client: { base_url: BASE }, resources: [{ name: "posts", selected: true }] },
  ),
  row(
    "auth only when a secret is set",
    `${H}TOKEN = dlt.secrets.get("token")
AUTH = {"type": "bearer", "token": TOKEN}
source = rest_api_source({"client": {"base_url": "${BASE}", "auth": AUTH if TOKEN else None}, "resources": ["posts"]})
`,
    [["python_conditional", "/client/auth", "AUTH if"]],
    { client: { base_url: BASE, auth: { type: "bearer", token: { $secret: "token", $get: true } } }, resources: ["posts"] },
  ),
  row(
    "a condition that is False reads the else branch",
    `${H}source = rest_api_source({"client": {"base_url": "${BASE}", "paginator": "json_link" if False else "header_link"}, "resources": ["posts"]})
`,
    [["python_conditional", "/client/paginator", '"json_link" if']],
    { client: { base_url: BASE, paginator: "header_link" }, resources: ["posts"] },
  ),
  row(
    "config= keyword with a local variable",
    `${H}
def build():
    cfg = {"client": {"base_url": "${BASE}"}, "resources": ["posts"]}
    return rest_api_source(name="blog", config=cfg)
`,
    [],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "a config made by a function restplay cannot read",
    `${H}source = rest_api_source(load_config())\n`,
    [["no_config_dict", "", "load_config()"]],
    null,
  ),
  row(
    "a file with no REST API config: a decorator's dict argument is not one (dlt's hub/runtime docs)",
    `import dlt
from dlt.hub import run
from dlt.hub.run import trigger

@run.pipeline(
    "github_pipeline",
    trigger=trigger.every("5m"),
    expose={"tags": ["ingest"], "display_name": "GitHub commits ingest"},
)
def load_commits():
    pipeline = dlt.pipeline(pipeline_name="github_pipeline", destination="warehouse", dataset_name="github_data")
    pipeline.run(github_rest_api_source())
`,
    [["no_config_dict", "", "import"]],
    null,
  ),
  row(
    "records a @dlt.resource yields are data, not a config (dlt's rest_api docs)",
    `@dlt.resource
def repositories() -> Generator[Dict[str, Any], Any, Any]:
    """Not working seed list of repositories to fetch"""
    yield from [{"name": "dlt"}, {"name": "verified-sources"}, {"name": "dlthub-education"}]
`,
    [["no_config_dict", "", "@dlt"]],
    null,
  ),
  row(
    "a part of a config pasted alone after the class it names (dlt's rest_api docs)",
    `${H}class CustomAuth(AuthConfigBase):
    pass

{"type": "bearer", "token": dlt.secrets["token"]}
`,
    [
      ["missing_import", "", "AuthConfigBase"],
      ["missing_key", "/client", "{"],
      ["missing_key", "/resources", "{"],
      ["unknown_key", "/type", '"type"'],
      ["unknown_key", "/token", '"token"'],
    ],
    { type: "bearer", token: { $secret: "token" } },
  ),
  row(
    "rest_api_source used without its import",
    `import dlt\n\nsource = rest_api_source({"client": {"base_url": "${BASE}"}, "resources": ["posts"]})\n`,
    [["missing_import", "", "rest_api_source"]],
    { client: { base_url: BASE }, resources: ["posts"] },
  ),
  row(
    "`**defaults` in a whole file",
    `${H}DEFAULTS = {"primary_key": "id"}
source = rest_api_source({"client": {"base_url": "${BASE}"}, "resources": [{"name": "posts", **DEFAULTS}]})
`,
    [["python_unpacking", "/resources/0", "**DEFAULTS"]],
    { client: { base_url: BASE }, resources: [{ name: "posts" }] },
  ),
];
