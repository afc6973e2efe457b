/**
 * f-strings and `+` of dlt's references (`f"Bearer {dlt.secrets['token']}"`): read as text made with
 * references (`{"$format": [...]}`) where the config takes a reference, joined when the run binds the
 * values, as dlt evaluates them. A conversion or format spec on a reference, and such text where the
 * config takes no reference, stay Python restplay does not evaluate (with its info).
 */
import { BASE, H, row, type PyCase } from "./kit";

const fmt = (...parts: (string | { $secret: string; $get?: true; $param?: true } | { $config: string })[]) => ({ $format: parts });
const secret = (name: string) => ({ $secret: name });

export const FORMAT_CASES: PyCase[] = [
  row(
    "Zendesk: the subdomain in base_url and the token in a header, each an f-string of a secret",
    `${H}source = rest_api_source({
    "client": {
        "base_url": f"https://{dlt.secrets['subdomain']}.zendesk.com/api/v2/",
        "headers": {"Authorization": f"Bearer {dlt.secrets['api_token']}"},
    },
    "resources": ["tickets"],
})
`,
    [],
    {
      client: {
        base_url: fmt("https://", secret("subdomain"), ".zendesk.com/api/v2/"),
        headers: { Authorization: fmt("Bearer ", secret("api_token")) },
      },
      resources: ["tickets"],
    },
  ),
  row(
    "an auth field built by an f-string of a secret (dlt evaluates it; so does a run)",
    `${H}source = rest_api_source({
    "client": {"base_url": "${BASE}", "auth": {"type": "bearer", "token": f"{dlt.secrets['email']}/token"}},
    "resources": ["posts"],
})
`,
    [],
    { client: { base_url: BASE, auth: { type: "bearer", token: fmt(secret("email"), "/token") } }, resources: ["posts"] },
  ),
  row(
    "dlt.config and dlt.secrets.get in an f-string, literal braces doubled, a constant between them",
    `${H}VERSION = 2
source = rest_api_source({
    "client": {"base_url": f"https://{dlt.config['host']}/v{VERSION}/{{id}}/{dlt.secrets.get('tenant')}"},
    "resources": ["posts"],
})
`,
    [],
    {
      client: { base_url: fmt("https://", { $config: "host" }, "/v2/{id}/", { $secret: "tenant", $get: true }) },
      resources: ["posts"],
    },
  ),
  row(
    "`+` of a string and a secret, through a constant",
    `${H}TOKEN = dlt.secrets["token"]
PREFIX = f"https://{dlt.secrets['sub']}.example.com"
source = rest_api_source({
    "client": {"base_url": PREFIX + "/api", "headers": {"X-Key": "key-" + TOKEN}},
    "resources": ["posts"],
})
`,
    [],
    {
      client: {
        base_url: fmt("https://", secret("sub"), ".example.com/api"),
        headers: { "X-Key": fmt("key-", secret("token")) },
      },
      resources: ["posts"],
    },
  ),
  row(
    "an f-string of a source parameter defaulting to dlt.secrets.value, in a query parameter",
    `${H}@dlt.source
def shop(api_key=dlt.secrets.value):
    return rest_api_source({
        "client": {"base_url": "${BASE}"},
        "resources": [{"name": "posts", "endpoint": {"params": {"key": f"k:{api_key}"}}}],
    })
`,
    [],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { params: { key: fmt("k:", { $secret: "sources.shop.api_key", $param: true }) } } }],
    },
  ),
  row(
    "an f-string's doubled braces make a parent placeholder for dlt: the child resource reads its parent",
    `${H}source = rest_api_source({
    "client": {"base_url": "${BASE}"},
    "resources": [
        "users",
        {"name": "posts", "endpoint": {"params": {"uid": f"{{resources.users.id}}-{dlt.secrets['org']}"}}},
    ],
})
`,
    [],
    {
      client: { base_url: BASE },
      resources: ["users", { name: "posts", endpoint: { params: { uid: fmt("{resources.users.id}-", secret("org")) } } }],
    },
  ),
  row(
    "a placeholder in an f-string's text that dlt refuses is dlt's error (checked with dlt 1.26.0)",
    `${H}source = rest_api_source({
    "client": {"base_url": "${BASE}"},
    "resources": [{"name": "posts", "endpoint": {"params": {"uid": f"{{foo}}-{dlt.secrets['org']}"}}}],
})
`,
    [["invalid_placeholder", "/resources/0/endpoint/params/uid", "{foo}"]],
    { client: { base_url: BASE }, resources: [{ name: "posts", endpoint: { params: { uid: fmt("{foo}-", secret("org")) } } }] },
  ),
  row(
    "a format spec on a secret is left to dlt",
    `${H}source = rest_api_source({"client": {"base_url": f"https://{dlt.secrets['host']:>5}"}, "resources": ["posts"]})
`,
    [["python_not_executed", "/client/base_url", 'f"https']],
    { client: { base_url: { $python: `f"https://{dlt.secrets['host']:>5}"` } }, resources: ["posts"] },
  ),
  row(
    "a conversion of a secret (`!r`) is left to dlt",
    `${H}source = rest_api_source({
    "client": {"base_url": "${BASE}", "headers": {"X-Key": f"{dlt.secrets['key']!r}"}},
    "resources": ["posts"],
})
`,
    [["python_not_executed", "/client/headers/X-Key", 'f"{dlt']],
    { client: { base_url: BASE, headers: { "X-Key": { $python: `f"{dlt.secrets['key']!r}"` } } }, resources: ["posts"] },
  ),
  row(
    "an f-string of a secret where dlt's config takes no reference (the path) stays Python restplay does not evaluate",
    `${H}source = rest_api_source({
    "client": {"base_url": "${BASE}"},
    "resources": [{"name": "posts", "endpoint": {"path": f"{dlt.config['org']}/posts"}}],
})
`,
    [["python_not_executed", "/resources/0/endpoint/path", 'f"{dlt']],
    { client: { base_url: BASE }, resources: [{ name: "posts", endpoint: { path: { $python: `f"{dlt.config['org']}/posts"` } } }] },
  ),
];
