/** Gallery examples for the lab mock API (lab.example.com): every paginator, auth type, parents, incremental, faults. */
import type { Example } from "./index";

const j = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
const lab = (resources: unknown[], client: object = {}) => ({ client: { base_url: "https://lab.example.com", ...client }, resources });
const ex = (
  id: string,
  title: string,
  description: string,
  format: Example["format"],
  text: string,
  counts: Record<string, number>,
): Example => ({
  id,
  title,
  description,
  format,
  text,
  source: "restplay lab API (lab.example.com)",
  expected: { resources: Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, { fetched: n, merged: n }])) },
});

const KEY = { type: "api_key", name: "X-API-Key", api_key: { $secret: "lab_api_key" }, location: "header" };

export const LAB_EXAMPLES: readonly Example[] = [
  ex(
    "lab-json-link",
    "json_link — relative next URLs",
    "Follows the `next` URL in the body; relative links resolve against the request URL and the original params are dropped.",
    "json",
    j(
      lab([
        {
          name: "items",
          primary_key: "id",
          endpoint: { path: "/json-link/items", data_selector: "items", paginator: { type: "json_link", next_url_path: "next" } },
        },
      ]),
    ),
    { items: 45 },
  ),
  ex(
    "lab-odata",
    "json_link — @odata.nextLink",
    "An OData-style next link, selected with bracket quoting.",
    "yaml",
    `client:\n  base_url: https://lab.example.com\nresources:\n  - name: items\n    primary_key: id\n    endpoint:\n      path: /odata/items\n      data_selector: value\n      paginator:\n        type: json_link\n        next_url_path: "['@odata.nextLink']"\n`,
    { items: 45 },
  ),
  ex(
    "lab-header-link",
    "header_link — RFC 8288 Link header",
    'Pages through `Link: <…>; rel="next"` response headers; the body is a bare list.',
    "json",
    j(lab([{ name: "items", primary_key: "id", endpoint: { path: "/header-link/items", paginator: "header_link" } }])),
    { items: 45 },
  ),
  ex(
    "lab-cursor",
    "cursor — token in the body",
    "Sends `cursors.next` back as `?cursor=`; a null cursor stops.",
    "yaml",
    `client:\n  base_url: https://lab.example.com\nresources:\n  - name: items\n    primary_key: id\n    endpoint:\n      path: /cursor/items\n      data_selector: data\n      paginator:\n        type: cursor\n        cursor_path: cursors.next\n        cursor_param: cursor\n`,
    { items: 45 },
  ),
  ex(
    "lab-header-cursor",
    "header_cursor — token in a header",
    "Reads the next cursor from the `X-Next-Cursor` response header.",
    "json",
    j(
      lab([
        {
          name: "items",
          primary_key: "id",
          endpoint: {
            path: "/header-cursor/items",
            data_selector: "data",
            paginator: { type: "header_cursor", cursor_key: "X-Next-Cursor", cursor_param: "cursor" },
          },
        },
      ]),
    ),
    { items: 45 },
  ),
  ex(
    "lab-page-number",
    "page_number — 1-based with total_pages",
    "Pages 1…5, the total number of pages read from `total_pages`.",
    "python",
    `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {"base_url": "https://lab.example.com"},\n    "resources": [\n        {\n            "name": "items",\n            "primary_key": "id",\n            "endpoint": {\n                "path": "/page-number/items",\n                "data_selector": "results",\n                "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"},\n            },\n        }\n    ],\n})\n`,
    { items: 45 },
  ),
  ex(
    "lab-auto",
    "auto — detection on the first response",
    "No paginator configured: restplay detects one the way dlt does and says why.",
    "json",
    j(lab([{ name: "items", endpoint: { path: "/json-link/items" } }])),
    { items: 45 },
  ),
  ex(
    "lab-auth",
    "http_basic, api_key header, bearer",
    "Three resources, each with its own endpoint auth.",
    "python",
    `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {"base_url": "https://lab.example.com"},\n    "resource_defaults": {"endpoint": {"data_selector": "data", "paginator": "single_page"}},\n    "resources": [\n        {"name": "basic_items", "endpoint": {"path": "/basic/items", "auth": {"type": "http_basic", "username": dlt.secrets["lab_user"], "password": dlt.secrets["lab_password"]}}},\n        {"name": "key_items", "endpoint": {"path": "/api-key/items", "auth": {"type": "api_key", "name": "X-API-Key", "api_key": dlt.secrets["lab_api_key"], "location": "header"}}},\n        {"name": "bearer_items", "endpoint": {"path": "/bearer/items", "auth": {"type": "bearer", "token": dlt.secrets["lab_token"]}}},\n    ],\n})\n`,
    { basic_items: 10, key_items: 10, bearer_items: 10 },
  ),
  ex(
    "lab-parent-child",
    "Parent and child resources",
    "Comments are fetched for every post through `{resources.posts.id}`; `include_from_parent` adds `_posts_title`.",
    "yaml",
    `client:\n  base_url: https://lab.example.com\nresources:\n  - name: posts\n    primary_key: id\n    endpoint:\n      path: /posts\n      paginator: single_page\n  - name: comments\n    primary_key: id\n    include_from_parent: [title]\n    endpoint:\n      path: /posts/{resources.posts.id}/comments\n      data_selector: data\n      paginator: single_page\n`,
    { posts: 5, comments: 21 },
  ),
  ex(
    "lab-incremental",
    "Incremental — only new events",
    "`since` carries the last seen `updated_at`; run twice and the second run asks only for newer events.",
    "json",
    j(
      lab([
        {
          name: "events",
          primary_key: "id",
          write_disposition: "merge",
          endpoint: {
            path: "/events",
            data_selector: "data",
            paginator: "single_page",
            incremental: { cursor_path: "updated_at", initial_value: "2025-06-02T06:00:00Z", start_param: "since" },
          },
        },
      ]),
    ),
    { events: 15 },
  ),
  ex(
    "lab-expiring-token",
    "OAuth2 — tokens that expire",
    "The API rejects each token after two requests; restplay fetches a fresh one on the 401 and carries on.",
    "json",
    j(
      lab(
        [
          {
            name: "items",
            primary_key: "id",
            endpoint: {
              path: "/expiring/items",
              data_selector: "data",
              paginator: { type: "page_number", base_page: 1, total_path: "total" },
            },
          },
        ],
        {
          auth: {
            type: "oauth2_client_credentials",
            access_token_url: "https://lab.example.com/oauth/token",
            client_id: { $secret: "client_id" },
            client_secret: { $secret: "client_secret" },
          },
        },
      ),
    ),
    { items: 45 },
  ),
  ex(
    "lab-slow",
    "Slow response — the per-request timeout",
    "The first request answers after 75 s, past dlt's 60 s `request_timeout`: the attempt times out, dlt's backoff waits 1 s, and the retry succeeds (all in virtual time).",
    "yaml",
    `client:\n  base_url: https://lab.example.com\nresources:\n  - name: slow_items\n    primary_key: id\n    endpoint:\n      path: /slow/items\n      data_selector: data\n      paginator: single_page\n`,
    { slow_items: 10 },
  ),
  ex(
    "lab-redirects",
    "Redirects — followed hop by hop, credentials kept home",
    "A moved endpoint (301), a keyed endpoint that redirects to another host, and a next link to another host: each hop is its " +
      "own request in the trace, and the X-API-Key never leaves lab.example.com (`credentials_received` is false in the records).",
    "json",
    j(
      lab([
        { name: "moved_items", primary_key: "id", endpoint: { path: "/moved/items", data_selector: "items", paginator: "json_link" } },
        {
          name: "keyed_elsewhere",
          primary_key: "id",
          endpoint: { path: "/api-key/moved", data_selector: "data", paginator: "single_page", auth: KEY },
        },
        {
          name: "keyed_pages",
          primary_key: "id",
          endpoint: { path: "/api-key/cross-origin-pages", data_selector: "data", paginator: "json_link", auth: KEY },
        },
      ]),
    ),
    { moved_items: 45, keyed_elsewhere: 10, keyed_pages: 20 },
  ),
  ex(
    "lab-faults",
    "Faults — what breaks and how it is reported",
    "An error inside a 200, malformed JSON, an HTML page, a cursor that repeats forever, and a burst of 503s.",
    "json",
    j(
      lab([
        { name: "error_in_200", endpoint: { path: "/faults/error-in-200", data_selector: "data", paginator: "single_page" } },
        { name: "malformed_json", endpoint: { path: "/faults/malformed", paginator: "single_page" } },
        { name: "html_page", endpoint: { path: "/faults/html", paginator: "single_page" } },
        {
          name: "repeating_cursor",
          endpoint: { path: "/faults/repeating-cursor", data_selector: "data", paginator: { type: "cursor", cursor_path: "cursors.next" } },
        },
        { name: "burst_of_503", endpoint: { path: "/faults/burst", data_selector: "data", paginator: "single_page" } },
      ]),
    ),
    { error_in_200: 0, malformed_json: 0, html_page: 0, repeating_cursor: 20, burst_of_503: 10 },
  ),
];
