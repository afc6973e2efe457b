/**
 * The response-action cases of scripts/dlt-diff.ts (`--actions`): an API of a few pages whose
 * answers include errors (404, 422, 401, 500) and pages whose body says "not found", children fetched
 * per parent where some parents' children answer an error, and `response_actions` written as dlt's
 * docs write them and as users get them wrong (`status_code` as a string, which never matches; `content`
 * in another case; an action that is not "ignore"; a dict without an action). Compared by the requests
 * each resource makes, the records it loads and whether the run fails (dlt-rest-api.md §13).
 */
import type { Json } from "../lib/engine";
import { rng, type Rng } from "./dlt-diff-cases";

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface ActionsCase {
  readonly config: Record<string, Json>;
  /** The API's answer to `url`. */
  serve(url: URL): Answer;
  /** Forgets what it answered (an API that fails a page a few times counts the tries of each side afresh). */
  reset?(): void;
}

/** An error answer: a JSON error body, or text (some APIs answer a 404 in HTML or plain text). */
function failure(r: Rng, status: number): { status: number; body: string; type: string } {
  const text = r.next() < 0.3;
  const says = status === 404 ? "Not Found" : status === 422 ? "Unprocessable: bad page" : status === 401 ? "Unauthorized" : "boom";
  return text
    ? { status, body: `${says} (${status})`, type: "text/plain" }
    : { status, body: JSON.stringify({ error: says }), type: "application/json" };
}

/** One response action as users write it, right or wrong. */
function action(r: Rng): Json {
  return r.pick<Json>([
    { status_code: 404, action: "ignore" },
    { status_code: 404, action: "ignore" },
    { status_code: "404", action: "ignore" },
    { status_code: 422, action: "ignore" },
    { status_code: 500, action: "ignore" },
    { status_code: 500, content: "boom", action: "ignore" },
    { status_code: 404, content: "Not Found", action: "ignore" },
    { content: "not found", action: "ignore" },
    { content: "Not Found", action: "ignore" },
    { content: "empty page", action: "ignore" },
    { status_code: 401, action: "ignore" },
    { status_code: 422, action: "foobar" },
    { status_code: 404 },
  ]);
}

export function makeActionsCase(seed: number, baseUrl: string): ActionsCase {
  const r = rng(seed);
  const size = 2;
  const items = Array.from({ length: 1 + r.int(7) }, (_, i) => ({ id: i + 1, name: `item ${i + 1}` }));
  const pages = Math.ceil(items.length / size);
  // A page (1-based) of the list that answers an error or a 200 whose body says it is empty.
  const odd = r.next() < 0.7 ? 1 + r.int(pages + 1) : 0;
  const oddStatus = r.pick([404, 404, 422, 401, 500, 200]);
  const oddAnswer = oddStatus === 200 ? null : failure(r, oddStatus);
  const withTotal = r.next() < 0.6;
  const family = r.next() < 0.5;
  // Children of some parents answer an error.
  const childStatus = r.pick([404, 404, 422, 500]);
  const failing = new Set(items.filter(() => r.next() < 0.35).map((i) => i.id));
  const childAnswer = failure(r, childStatus);
  const listActions = Array.from({ length: r.int(3) }, () => action(r));
  const childActions = Array.from({ length: r.int(3) }, () => action(r));
  const list: Record<string, Json> = {
    name: "items",
    endpoint: {
      path: "items",
      data_selector: "data",
      paginator: { type: "page_number", base_page: 1, total_path: withTotal ? "total" : null },
      ...(listActions.length > 0 ? { response_actions: listActions } : {}),
    },
  };
  const resources: Json[] = [list];
  if (family)
    resources.push({
      name: "details",
      endpoint: {
        path: "items/{resources.items.id}/details",
        data_selector: "data",
        paginator: { type: "single_page" },
        ...(childActions.length > 0 ? { response_actions: childActions } : {}),
      },
    });
  const json = (status: number, body: Json): Answer => ({
    status,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  return {
    config: { client: { base_url: baseUrl }, resources },
    serve(url) {
      const parts = url.pathname.split("/").filter(Boolean);
      if (parts[0] === "items" && parts.length === 1) {
        const n = Number(url.searchParams.get("page") ?? 1);
        if (n === odd) {
          if (oddAnswer === null) return json(200, { data: [], message: "empty page" });
          return { status: oddAnswer.status, body: oddAnswer.body, headers: { "content-type": oddAnswer.type } };
        }
        const data = items.slice((n - 1) * size, n * size);
        return json(200, withTotal ? { data, total: pages } : { data });
      }
      const id = Number(parts[1]);
      if (failing.has(id)) return { status: childAnswer.status, body: childAnswer.body, headers: { "content-type": childAnswer.type } };
      return json(200, { data: [{ detail: `d${id}`, size: id * 10 }] });
    },
  };
}

/**
 * `--retries`: pages that fail a few times before they answer (429 with `Retry-After: 0`, 5xx, and 404 and 408, which
 * dlt does not retry), some past dlt's five attempts; compared by every request the API saw, attempts included.
 */
export function makeRetryCase(seed: number, baseUrl: string): ActionsCase {
  const r = rng(seed);
  const size = 2;
  const items = Array.from({ length: 1 + r.int(6) }, (_, i) => ({ id: i + 1 }));
  const pages = Math.ceil(items.length / size);
  // Per page: how many times it fails first, and with what.
  const plan = Array.from({ length: pages }, () => ({
    fails: r.pick([0, 0, 1, 2, 4, 5, 6]),
    status: r.pick([429, 500, 502, 503, 599, 404, 408]),
    retryAfter: r.next() < 0.5,
    text: r.next() < 0.3,
  }));
  const seen = new Map<number, number>();
  const actions = r.next() < 0.3 ? [{ status_code: r.pick([404, 503, 429]), action: "ignore" }] : [];
  return {
    config: {
      client: { base_url: baseUrl },
      resources: [
        {
          name: "items",
          endpoint: {
            path: "items",
            data_selector: "data",
            paginator: { type: "page_number", base_page: 1, total_path: "total" },
            ...(actions.length > 0 ? { response_actions: actions } : {}),
          },
        },
      ],
    },
    serve(url) {
      const n = Number(url.searchParams.get("page") ?? 1);
      const p = plan[n - 1];
      const tries = (seen.get(n) ?? 0) + 1;
      seen.set(n, tries);
      if (p && tries <= p.fails)
        return {
          status: p.status,
          body: p.text ? `failed (${p.status})` : JSON.stringify({ error: "try again" }),
          headers: { "content-type": p.text ? "text/plain" : "application/json", ...(p.retryAfter ? { "retry-after": "0" } : {}) },
        };
      return { status: 200, body: JSON.stringify({ data: items.slice((n - 1) * size, n * size), total: pages }), headers: {} };
    },
    reset() {
      seen.clear();
    },
  };
}
