/**
 * lab.example.com: one small API per dlt paginator and auth type, parent/child and incremental
 * endpoints, and fault scenarios (issue 4). Paging is implemented here, server-side, on its own.
 */
import { http, HttpResponse, type HttpHandler, type JsonBodyType } from "msw";
import { LAB_SECRETS } from "./secrets";
import { bearerOf } from "./respond";
import { bump, checkToken, issueToken, SLOW_RESPONSE_MS, wait, type MockState } from "./state";

const HOST = "https://lab.example.com";
const N = 45;
const PAGE = 10;
const T0 = Date.UTC(2025, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const items = Array.from({ length: N }, (_, i) => ({
  id: i + 1,
  title: `item ${i + 1}`,
  updated_at: iso(T0 + i * 3_600_000),
  score: i % 7 === 0 ? null : (i * 37) % 100,
}));
const posts = Array.from({ length: 5 }, (_, i) => ({
  id: i + 1,
  title: `post ${i + 1}`,
  author: { id: 100 + i, name: `author ${i + 1}` },
}));
const comments = (postId: number) =>
  Array.from({ length: 3 + (postId % 3) }, (_, i) => ({
    id: postId * 100 + i,
    post_id: postId,
    body: `comment ${i + 1} on post ${postId}`,
  }));

const json = (body: JsonBodyType, init: { status?: number; headers?: Record<string, string> } = {}) => HttpResponse.json(body, init);
const intOr = (v: string | null, d: number) => (v !== null && /^\d+$/.test(v) ? Number(v) : d);
/** base64 text, or "" when it is not valid base64. */
const decodeCursor = (c: string) => {
  try {
    return atob(c);
  } catch {
    return "";
  }
};
const slice = (from: number) => items.slice(from, from + PAGE);
const unauthorized = (msg: string) =>
  json({ error: "unauthorized", message: msg }, { status: 401, headers: { "WWW-Authenticate": 'Basic realm="lab"' } });

export function labHandlers(state: MockState): HttpHandler[] {
  const count = (key: string) => bump(state, `lab:${key}`);
  return [
    http.get(`${HOST}/json-link/items`, ({ request }) => {
      const page = intOr(new URL(request.url).searchParams.get("page"), 1);
      const next = page * PAGE < N ? `/json-link/items?page=${page + 1}` : null;
      return json({ items: slice((page - 1) * PAGE), next });
    }),
    http.get(`${HOST}/odata/items`, ({ request }) => {
      const skip = intOr(new URL(request.url).searchParams.get("$skip"), 0);
      return json({ value: slice(skip), ...(skip + PAGE < N ? { "@odata.nextLink": `${HOST}/odata/items?$skip=${skip + PAGE}` } : {}) });
    }),
    http.get(`${HOST}/header-link/items`, ({ request }) => {
      const page = intOr(new URL(request.url).searchParams.get("page"), 1);
      const links = [`<${HOST}/header-link/items?page=1>; rel="first"`];
      if (page * PAGE < N) links.push(`<${HOST}/header-link/items?page=${page + 1}>; rel="next"`);
      return json(slice((page - 1) * PAGE), { headers: { Link: links.join(", ") } });
    }),
    http.get(`${HOST}/cursor/items`, ({ request }) => {
      const c = new URL(request.url).searchParams.get("cursor");
      const from = c ? intOr(decodeCursor(c), -1) : 0;
      if (from < 0) return json({ error: "bad_request", message: `unknown cursor "${c}"` }, { status: 400 });
      const next = from + PAGE < N ? btoa(String(from + PAGE)) : null;
      return json({ data: slice(from), cursors: { next } });
    }),
    http.get(`${HOST}/header-cursor/items`, ({ request }) => {
      const from = intOr(new URL(request.url).searchParams.get("cursor"), 0);
      return json({ data: slice(from) }, { headers: from + PAGE < N ? { "X-Next-Cursor": String(from + PAGE) } : {} });
    }),
    http.get(`${HOST}/page-number/items`, ({ request }) => {
      const page = intOr(new URL(request.url).searchParams.get("page"), 1);
      return json({ results: slice((page - 1) * PAGE), total_pages: Math.ceil(N / PAGE), page });
    }),
    http.get(`${HOST}/users/:id`, ({ params }) => {
      const id = Number(params.id);
      return id >= 1 && id <= 5
        ? json({ id, name: `user ${id}`, email: `user${id}@example.com` })
        : json({ error: "not_found" }, { status: 404 });
    }),
    http.get(`${HOST}/basic/items`, ({ request }) => {
      const m = /^Basic (.+)$/.exec(request.headers.get("authorization") ?? "");
      if (!m?.[1]) return unauthorized("HTTP basic credentials required.");
      if (decodeCursor(m[1]) !== `${LAB_SECRETS.lab_user}:${LAB_SECRETS.lab_password}`)
        return json({ error: "forbidden", message: "wrong user name or password" }, { status: 403 });
      return json({ data: slice(0) });
    }),
    http.get(`${HOST}/api-key/items`, ({ request }) => {
      const key = request.headers.get("x-api-key");
      if (!key) return json({ error: "unauthorized", message: "Send the key in the X-API-Key header." }, { status: 401 });
      if (key !== LAB_SECRETS.lab_api_key) return json({ error: "forbidden", message: "invalid api key" }, { status: 403 });
      return json({ data: slice(0) });
    }),
    http.get(`${HOST}/bearer/items`, ({ request }) =>
      request.headers.get("authorization") === `Bearer ${LAB_SECRETS.lab_token}`
        ? json({ data: slice(0) })
        : json({ error: "invalid_token" }, { status: 401 }),
    ),
    http.get(`${HOST}/posts`, () => json(posts)),
    http.get(`${HOST}/posts/:id/comments`, ({ params }) => json({ data: comments(Number(params.id)) })),
    http.get(`${HOST}/events`, ({ request }) => {
      const since = new URL(request.url).searchParams.get("since");
      return json({ data: since ? items.filter((i) => i.updated_at >= since) : items });
    }),
    http.get(`${HOST}/faults/error-in-200`, () =>
      json({ status: "error", error: { code: 4711, message: "quota exceeded for this account" }, data: null }),
    ),
    http.get(
      `${HOST}/faults/malformed`,
      () => new HttpResponse('{"data": [{"id": 1}, {"id": 2', { headers: { "Content-Type": "application/json" } }),
    ),
    http.get(
      `${HOST}/faults/html`,
      () =>
        new HttpResponse("<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        }),
    ),
    http.get(`${HOST}/faults/repeating-cursor`, () => json({ data: slice(0), cursors: { next: "c2FtZQ==" } })),
    // Slow responses: the first request of a run (per instance) answers after 75 s, past dlt's 60 s
    // request_timeout; the retry answers at once. `/slow/always` is slow every time.
    http.get(`${HOST}/slow/items`, async () => {
      if (count("slow") === 0) await wait(state, SLOW_RESPONSE_MS);
      return json({ data: slice(0) });
    }),
    http.get(`${HOST}/slow/always`, async () => {
      await wait(state, SLOW_RESPONSE_MS);
      return json({ data: slice(0) });
    }),
    http.get(`${HOST}/faults/burst`, () =>
      count("burst") < 3 ? json({ error: "unavailable" }, { status: 503 }) : json({ data: slice(0) }),
    ),
    http.post(`${HOST}/oauth/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      if (form.get("grant_type") !== "client_credentials") return json({ error: "unsupported_grant_type" }, { status: 400 });
      if (form.get("client_id") !== "demo-client-id" || form.get("client_secret") !== "demo-client-secret")
        return json({ error: "invalid_client" }, { status: 401 });
      return json({ access_token: issueToken(state, "lab.example.com", 1), token_type: "Bearer", expires_in: 1 });
    }),
    http.get(`${HOST}/expiring/items`, ({ request }) => {
      const token = bearerOf(request);
      const check = token === null ? null : checkToken(state, token);
      if (!token || !check?.ok || check.issuer !== "lab.example.com") return json({ error: "invalid_token" }, { status: 401 });
      // Each token is good for two requests, then the API says it expired.
      const uses = count(`uses-${token}`);
      if (uses >= 2) return json({ error: "invalid_token", message: "token expired" }, { status: 401 });
      const page = intOr(new URL(request.url).searchParams.get("page"), 1);
      return json({ data: slice((page - 1) * PAGE), total: Math.ceil(N / PAGE) });
    }),
  ];
}
