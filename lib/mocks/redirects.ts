/**
 * Redirects and a second origin for the lab API: a moved endpoint, a keyed endpoint that redirects
 * to another host, a keyed listing whose next link points at another host, and a redirect loop.
 * cdn.example.com answers without credentials and reports in each record whether any arrived, so a
 * run shows that credentials stayed on their origin. Implemented here, server-side, on its own.
 */
import { http, HttpResponse, type HttpHandler } from "msw";
import { LAB_SECRETS } from "./secrets";
import { json } from "./respond";

const LAB = "https://lab.example.com";
export const CDN = "https://cdn.example.com";
const PAGE = 10;
const rows = (from: number) => Array.from({ length: PAGE }, (_, i) => ({ id: from + i + 1, title: `item ${from + i + 1}` }));
const redirect = (status: 301 | 302 | 303 | 307 | 308, location: string) =>
  new HttpResponse(null, { status, headers: { Location: location } });
/** Whether a request carries anything that looks like a credential. */
const carriesCredentials = (request: Request) =>
  ["authorization", "x-api-key", "cookie"].some((h) => request.headers.has(h)) || new URL(request.url).searchParams.has("api_key");
const keyed = (request: Request) => request.headers.get("x-api-key") === LAB_SECRETS.lab_api_key;
const needKey = () => json({ error: "unauthorized", message: "Send the key in the X-API-Key header." }, 401);

export function redirectHandlers(): HttpHandler[] {
  return [
    // Moved for good: the same listing as /json-link/items (its relative next links resolve there).
    http.get(`${LAB}/moved/items`, ({ request }) => redirect(301, `/json-link/items${new URL(request.url).search}`)),
    // A keyed endpoint whose data lives on another origin: the key must not follow the redirect.
    http.get(`${LAB}/api-key/moved`, ({ request }) => (keyed(request) ? redirect(302, `${CDN}/lab/items`) : needKey())),
    // Page 1 here (keyed), page 2 on another origin through the next link.
    http.get(`${LAB}/api-key/cross-origin-pages`, ({ request }) =>
      keyed(request) ? json({ data: rows(0), next: `${CDN}/lab/items?page=2` }) : needKey(),
    ),
    http.get(`${CDN}/lab/items`, ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
      const credentials_received = carriesCredentials(request);
      return json({ data: rows((page - 1) * PAGE).map((r) => ({ ...r, credentials_received })), next: null });
    }),
    http.get(`${LAB}/faults/redirect-loop`, () => redirect(302, "/faults/redirect-loop-back")),
    http.get(`${LAB}/faults/redirect-loop-back`, () => redirect(302, "/faults/redirect-loop")),
  ];
}
