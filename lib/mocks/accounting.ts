/**
 * api.example.com GET /v1/bank_transactions and /v1/contacts (seed 004): page-number paging from 0
 * (`page`, `page_size`), `total` = number of pages, bearer token from identity.example.com (or the demo
 * access_token). Records are keyed BankTransactionID / ContactID and have no `id` field.
 * Injected fault, once per instance and resource: the first request for page=1 gets 429 with
 * Retry-After: 2 (seed 004 retries only 401/403/429, so no 5xx here).
 */
import { http, type HttpHandler } from "msw";
import { bankTransactionRecords, contactRecords, type Rec } from "./data";
import { intParam, json, methodNotAllowed } from "./respond";
import { firstTime, type MockState } from "./state";
import { requireBearer } from "./tokens";

export const ACCOUNTING_ISSUERS = ["identity.example.com"] as const;
const MAX_PAGE_SIZE = 1000;
const MAX_PAGE = 100_000;

export const ACCOUNTING_LISTINGS = [
  { url: "https://api.example.com/v1/bank_transactions", key: "BankTransactions", rows: bankTransactionRecords },
  { url: "https://api.example.com/v1/contacts", key: "Contacts", rows: contactRecords },
] as const;

function listing(state: MockState, url: string, key: string, rows: () => readonly Rec[]): HttpHandler[] {
  const get = http.get(url, ({ request }) => {
    const denied = requireBearer(
      state,
      request,
      ACCOUNTING_ISSUERS,
      "credentials required: send a bearer token from identity.example.com/connect/token",
    );
    if (denied) return denied;
    const params = new URL(request.url);
    const page = intParam(params, "page", 0, 0, MAX_PAGE);
    if (page instanceof Response) return page;
    const size = intParam(params, "page_size", 100, 1, MAX_PAGE_SIZE);
    if (size instanceof Response) return size;
    if (page === 1 && firstTime(state, `${url}:page=1`)) {
      return json({ Type: "RateLimitExceeded", Title: "Too many requests", Detail: "Rate limit exceeded; retry after 2 seconds" }, 429, {
        "Retry-After": "2",
      });
    }
    const all = rows();
    return json({ [key]: all.slice(page * size, page * size + size), total: Math.ceil(all.length / size), page, page_size: size });
  });
  return [get, methodNotAllowed(url, "GET")];
}

export function accountingHandlers(state: MockState): HttpHandler[] {
  return ACCOUNTING_LISTINGS.flatMap((l) => listing(state, l.url, l.key, l.rows));
}
