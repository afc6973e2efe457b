/** What the built-in mock APIs serve, for the UI ("Mock target" help) and the docs. */
import { MOCK_DEMO_SECRETS } from "./secrets";

export interface MockEndpointDescription {
  readonly host: string;
  readonly method: "GET" | "POST";
  /** Path on `host`; `{id}` marks a path parameter. */
  readonly path: string;
  readonly auth: string;
  /** Query or form parameters the endpoint reads (and validates). */
  readonly params: string;
  readonly paging: string;
  readonly response: string;
  /** Faults injected on purpose; "per instance" means once per createMockApi() (once per run). */
  readonly faults: string;
  /** The demo credentials (secret name -> value) this endpoint accepts; no other values work. */
  readonly credentials: Readonly<Record<string, string>>;
  /** Gallery example ids that run against this endpoint. */
  readonly usedBy: readonly string[];
}

const creds = (...names: string[]) => Object.fromEntries(names.map((n) => [n, MOCK_DEMO_SECRETS[n] ?? ""]));
const CLIENT = creds("client_id", "client_secret");
const TOKEN_PARAMS =
  "form (application/x-www-form-urlencoded): grant_type=client_credentials, client_id, " +
  "client_secret; or HTTP Basic client_id:client_secret";
const TOKEN_RESPONSE =
  '{"access_token": "<opaque>", "token_type": "Bearer", "expires_in": 3600}; wrong or ' +
  "missing client -> 401 invalid_client; other grant_type -> 400 unsupported_grant_type; " +
  "missing grant_type or a non-form body -> 400 invalid_request";

const token = (host: string, path: string, usedBy: string[]): MockEndpointDescription => ({
  host,
  method: "POST",
  path,
  auth: "OAuth2 client credentials (token endpoint)",
  params: TOKEN_PARAMS,
  paging: "none",
  response: TOKEN_RESPONSE,
  faults: "none",
  credentials: CLIENT,
  usedBy,
});

const accounting = (path: string, key: string, id: string): MockEndpointDescription => ({
  host: "api.example.com",
  method: "GET",
  path,
  auth:
    "Bearer token from identity.example.com/connect/token, or the demo access_token; missing, " +
    'unknown, expired or foreign token -> 401 (WWW-Authenticate: Bearer error="invalid_token")',
  params: "page (integer >= 0, default 0), page_size (1..1000, default 100); anything else non-integer -> 400",
  paging:
    "page numbers from 0 as dlt's page_number paginator sends them (base_page 0); `total` is the number of PAGES: 251 entries / 100 = 3 pages (100, 100, 51)",
  response: `{"${key}": [...], "total": <pages>, "page": n, "page_size": n}; 250 distinct records keyed ${id} (no \`id\` field) + 1 updated duplicate on a later page`,
  faults: "429 with Retry-After: 2 on the first request for page=1 (per instance); seed 004 retries only 401/403/429, so no 5xx",
  credentials: { ...CLIENT, ...creds("access_token") },
  usedBy: ["seed-004"],
});

const LAB = "lab.example.com";
const lab = (
  path: string,
  auth: string,
  paging: string,
  usedBy: string[],
  extra: Partial<MockEndpointDescription> = {},
): MockEndpointDescription => ({
  host: LAB,
  method: "GET",
  path,
  auth,
  params: "see paging",
  paging,
  response: "45 items {id, title, updated_at, score (nullable)}",
  faults: "none",
  credentials: {},
  usedBy,
  ...extra,
});

const REDIRECTS = ["lab-redirects"];
const KEY_AUTH = "api_key in the X-API-Key header; missing or wrong -> 401";

export function describeMocks(): readonly MockEndpointDescription[] {
  return [
    token("login.example.com", "/oauth2/v2.0/token", ["seed-000"]),
    token("api.example.com", "/oauth/token", ["seed-001"]),
    token("identity.example.com", "/connect/token", ["seed-004"]),
    {
      host: "api.example.com",
      method: "GET",
      path: "/v1/resource",
      auth:
        "EITHER a Bearer token from any of the three token endpoints (or the demo access_token) OR " +
        '?api_key=demo-api-key; no credentials -> 401; wrong api_key -> 403 {"error": "forbidden", ' +
        '"message": "invalid api key"}',
      params: "offset (integer >= 0, default 0), limit (1..1000, default 100), api_key; a non-integer or out-of-range value -> 400",
      paging:
        "offset/limit as dlt's offset paginator sends them; `total` is the number of ITEMS (251): offsets 0, 100, 200 give 100, 100, 51 records",
      response:
        '{"data": [...], "total": 251, "offset": n, "limit": n}; ids 1..250 + an updated id 42 at ' +
        "offset 230 (a merge by id collapses exactly one duplicate); nullable value, nested " +
        "owner.address, tags, metadata",
      faults:
        "429 with Retry-After: 2 on the first request for offset=100, 503 on the first request for " +
        "offset=200 (per instance; dlt retries both)",
      credentials: { ...CLIENT, ...creds("api_key", "access_token") },
      usedBy: ["seed-000", "seed-001", "seed-002", "seed-003"],
    },
    accounting("/v1/bank_transactions", "BankTransactions", "BankTransactionID"),
    accounting("/v1/contacts", "Contacts", "ContactID"),
    lab(
      "/json-link/items",
      "none",
      "json_link: body `next` is a relative URL (?page=n, from 1), null on the last page; records under `items`",
      ["lab-json-link", "lab-auto"],
    ),
    lab("/odata/items", "none", "json_link: `@odata.nextLink` absolute URL ($skip=n); records under `value`", ["lab-odata"]),
    lab("/header-link/items", "none", 'header_link: RFC 8288 `Link: <…>; rel="next"` (?page=n, from 1); the body is a bare list', [
      "lab-header-link",
    ]),
    lab(
      "/cursor/items",
      "none",
      "cursor: body `cursors.next` (base64), sent back as ?cursor=; null on the last page; records under `data`",
      ["lab-cursor"],
    ),
    lab("/header-cursor/items", "none", "header_cursor: `X-Next-Cursor` response header, sent back as ?cursor=; absent on the last page", [
      "lab-header-cursor",
    ]),
    lab("/page-number/items", "none", "page_number from 1; `total_pages` = 5; records under `results`", ["lab-page-number"]),
    lab("/users/{id}", "none", "single entity (ids 1..5; others 404)", [], { response: "{id, name, email}" }),
    lab("/basic/items", "http_basic: lab_user / lab_password; missing -> 401, wrong -> 403", "single page under `data`", ["lab-auth"], {
      credentials: creds("lab_user", "lab_password"),
    }),
    lab("/api-key/items", "api_key in the X-API-Key header; missing -> 401, wrong -> 403", "single page under `data`", ["lab-auth"], {
      credentials: creds("lab_api_key"),
    }),
    lab("/bearer/items", "bearer: lab_token; anything else -> 401", "single page under `data`", ["lab-auth"], {
      credentials: creds("lab_token"),
    }),
    lab("/posts", "none", "single page (bare list of 5 posts)", ["lab-parent-child"], {
      response: "5 posts {id, title, author{id, name}}",
    }),
    lab("/posts/{id}/comments", "none", "single page under `data` (3–5 comments per post)", ["lab-parent-child"], {
      response: "{id, post_id, body}",
    }),
    lab("/events", "none", "single page under `data`; ?since=<ISO time> returns only events updated at or after it", ["lab-incremental"]),
    {
      ...lab("/oauth/token", "OAuth2 client credentials (form)", "none", ["lab-expiring-token"]),
      method: "POST",
      params: "form: grant_type=client_credentials, client_id, client_secret",
      response: '{"access_token", "token_type": "Bearer", "expires_in": 1}',
      credentials: CLIENT,
    },
    lab(
      "/expiring/items",
      "Bearer token from lab.example.com/oauth/token; each token works for 2 requests, then 401 invalid_token",
      "page_number from 1, `total` pages = 5, records under `data`",
      ["lab-expiring-token"],
      { faults: "tokens expire after two requests (a refresh on 401 is needed)" },
    ),
    lab("/faults/error-in-200", "none", "single page", ["lab-faults"], { faults: "200 with an error object and `data: null`" }),
    lab("/faults/malformed", "none", "single page", ["lab-faults"], { faults: "200 with truncated JSON" }),
    lab("/faults/html", "none", "single page", ["lab-faults"], { faults: "200 with an HTML page (text/html)" }),
    lab("/faults/repeating-cursor", "none", "cursor that repeats forever", ["lab-faults"], {
      faults: "the same `cursors.next` on every page",
    }),
    lab("/faults/burst", "none", "single page under `data`", ["lab-faults"], {
      faults: "503 on the first three requests (per instance), then 200",
    }),
    lab("/slow/items", "none", "single page under `data` (10 items)", ["lab-slow"], {
      faults: "the first request (per instance) answers after 75 s, past dlt's 60 s request_timeout; later ones at once",
    }),
    lab("/moved/items", "none", "301 to /json-link/items (query kept): the engine follows it, one traced request per hop", REDIRECTS),
    lab("/api-key/moved", KEY_AUTH, "302 to cdn.example.com/lab/items (another origin)", REDIRECTS, { credentials: creds("lab_api_key") }),
    lab("/api-key/cross-origin-pages", KEY_AUTH, "json_link: page 1 here, `next` on cdn.example.com", REDIRECTS, {
      credentials: creds("lab_api_key"),
    }),
    {
      ...lab("/lab/items", "none: each record says whether credentials arrived (`credentials_received`)", "10 items (?page=n)", REDIRECTS),
      host: "cdn.example.com",
    },
    lab("/faults/redirect-loop", "none", "302 to /faults/redirect-loop-back, which redirects back", [], {
      faults: "a redirect loop: the run ends with too_many_redirects",
    }),
    lab("/slow/always", "none", "single page under `data` (10 items)", [], {
      faults: "every request answers after 75 s: with dlt's defaults the run gives up after 5 timed-out attempts",
    }),
    ...docs(),
  ];
}

const GITHUB_AUTH = "none needed (a public repository); a bearer token other than github_token or access_token -> 401 Bad credentials";
const LINK_PAGING = 'GitHub\'s: ?per_page (1..100, default 30) and ?page; `Link: <…>; rel="next"` until the last page';

/** dlt's documented examples (mocks/docs.ts). */
function docs(): MockEndpointDescription[] {
  const gh = (path: string, response: string): MockEndpointDescription => ({
    host: "api.github.com",
    method: "GET",
    path,
    auth: GITHUB_AUTH,
    params: "per_page, page; issues also since, state, sort, direction",
    paging: LINK_PAGING,
    response,
    faults: "none",
    credentials: creds("github_token"),
    usedBy: ["docs-github"],
  });
  return [
    gh(
      "/repos/dlt-hub/dlt/issues",
      "a bare list of 160 open issues {id, number, title, state, user, labels, comments, " +
        "created_at, updated_at}: 130 updated every 12 h from 2024-01-01, then 30 every 36 h from 2025-11-16",
    ),
    gh("/repos/dlt-hub/dlt/issues/{id}/comments", "a bare list of (number mod 4) comments {id, body, user, created_at}"),
    ...["pokemon", "berry", "location"].map((r): MockEndpointDescription => ({
      host: "pokeapi.co",
      method: "GET",
      path: `/api/v2/${r}`,
      auth: "none",
      params: "limit (default 20), offset",
      paging: "json_link: body `next` is the absolute URL of the next page, null on the last",
      response: '{"count", "next", "previous", "results": [{name, url}]}',
      faults: "none",
      credentials: {},
      usedBy: ["docs-pokemon"],
    })),
  ];
}
