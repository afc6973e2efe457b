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
  ];
}
