export interface MockDescription {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly auth: string;
  readonly paging: string;
  readonly faults: string;
}

/** What the built-in mock APIs serve, for the UI and the docs. */
export function describeMocks(): MockDescription[] {
  return [
    { host: "login.example.com", method: "POST", path: "/oauth2/v2.0/token", auth: "client_id + client_secret (form or HTTP Basic)", paging: "—", faults: "wrong credentials: 401 invalid_client" },
    { host: "api.example.com", method: "POST", path: "/oauth/token", auth: "client_id + client_secret (form or HTTP Basic)", paging: "—", faults: "wrong credentials: 401 invalid_client" },
    { host: "identity.example.com", method: "POST", path: "/connect/token", auth: "client_id + client_secret (form or HTTP Basic)", paging: "—", faults: "wrong credentials: 401 invalid_client" },
    { host: "api.example.com", method: "GET", path: "/v1/resource", auth: "bearer token from any token endpoint, or ?api_key=", paging: "offset/limit; body {data, total (items), offset, limit}; 251 entries (250 ids + 1 updated)", faults: "429 Retry-After: 2 at offset=100, then 503 at offset=200 (once per run)" },
    { host: "api.example.com", method: "GET", path: "/v1/bank_transactions", auth: "bearer token from identity.example.com", paging: "page (from 0) + page_size; body {BankTransactions, total (pages)}; 251 entries keyed BankTransactionID", faults: "429 Retry-After: 2 at page=1 (once per run)" },
    { host: "api.example.com", method: "GET", path: "/v1/contacts", auth: "bearer token from identity.example.com", paging: "page (from 0) + page_size; body {Contacts, total (pages)}; 251 entries keyed ContactID", faults: "429 Retry-After: 2 at page=1 (once per run)" },
    { host: "lab.example.com", method: "GET", path: "/json-link/items, /odata/items, /header-link/items, /cursor/items, /header-cursor/items, /page-number/items", auth: "none", paging: "one endpoint per dlt paginator, 45 items in pages of 10", faults: "—" },
    { host: "lab.example.com", method: "GET", path: "/basic/items, /api-key/items, /bearer/items, /expiring/items (+ POST /oauth/token)", auth: "http_basic demo-user/demo-password, X-API-Key demo-lab-key, bearer demo-lab-token, OAuth2 tokens that expire after 2 requests", paging: "—", faults: "wrong credentials: 401/403" },
    { host: "lab.example.com", method: "GET", path: "/posts, /posts/{id}/comments, /users/{id}, /events?since=", auth: "none", paging: "parent/child, single entity, incremental filter by `since`", faults: "—" },
    { host: "lab.example.com", method: "GET", path: "/faults/error-in-200, /faults/malformed, /faults/html, /faults/repeating-cursor, /faults/burst", auth: "none", paging: "—", faults: "an error inside a 200, malformed JSON, an HTML page, a cursor that repeats forever, three 503s then success" },
  ];
}
