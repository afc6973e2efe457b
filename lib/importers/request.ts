/**
 * Captured requests (curl commands, HAR entries) → one draft: the most used origin becomes the
 * client, each distinct method + path a resource; credentials become `dlt.secrets` references and are
 * never copied; browser noise headers are dropped. With recorded responses (HAR) the records, the
 * paging and the key are guessed from them, and the responses become a mock of the API.
 */
import type { MockEndpoint } from "../mocks";
import { isCredentialHeader, SENSITIVE_KEYS } from "../shared";
import { authFromRequest } from "./auth";
import { findRecords, guessPaging, guessPrimaryKey, type Param } from "./detect";
import { type Source } from "./fields";
import { pagingParamNames } from "./openapi-ops";
import { capturedSummary, isIdSegment, linkIdSegments, uniqueNames } from "./relate";
import { clean, exampleRecordsOf, shapeOf } from "./shape";
import type { EndpointDraft, ImportResult, ImportSource, PlainObject } from "./types";
import { configKey, droppedKeyNote, isObj, literal, plain, snake } from "./values";
import { jsonPathOf } from "../shared/jsonpath-ng";

export interface Captured {
  readonly method: string;
  readonly url: URL;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string | null;
  readonly contentType: string | null;
  /** The recorded response (HAR), or null (curl). */
  readonly response: { readonly headers: readonly string[]; readonly body: unknown } | null;
}

/** Headers a browser or curl adds on its own: not part of the API's contract. */
const NOISE_HEADERS = new Set([
  "accept-encoding",
  "accept-language",
  "user-agent",
  "origin",
  "referer",
  "connection",
  "cache-control",
  "pragma",
  "dnt",
  "priority",
  "content-length",
  "host",
  "if-none-match",
  "if-modified-since",
  "upgrade-insecure-requests",
  "te",
]);
const isNoise = (name: string) => NOISE_HEADERS.has(name.toLowerCase()) || /^(sec-|:)/i.test(name);

/** A resource name from a request path: its last segment that is not an id, without a format suffix (`comments.json`). */
function nameOf(path: string): string {
  const segs = path
    .split("/")
    .map((s) => s.replace(/\.(json|xml|csv)$/i, ""))
    .filter((s) => s && !isIdSegment(s));
  return snake(segs[segs.length - 1] ?? "resource");
}

const secretRef = (key: string) => ({ $secret: key.toLowerCase() });

/**
 * A body as `json` (an object) or `data` (form fields); sensitive fields become secret references, and
 * literal braces are doubled (dlt formats placeholders in both). A JSON object sent without a JSON
 * Content-Type (curl's `--data` defaults to a form) is taken as the JSON it is, and said so.
 */
function bodyOf(c: Captured, notes: string[]): { json: PlainObject | null; data: PlainObject | null } {
  if (c.body === null) return { json: null, data: null };
  const dropped = droppedKeyNote(`the body of ${c.method} ${c.url.pathname}`, notes);
  const scrub = (o: Record<string, unknown>): PlainObject =>
    Object.fromEntries(
      Object.entries(o).flatMap(([k, v]) => {
        const key = configKey(k, dropped);
        return key === null ? [] : [[key, SENSITIVE_KEYS.has(k.toLowerCase()) ? secretRef(k) : literal(plain(v), dropped)]];
      }),
    );
  const declared = /json/i.test(c.contentType ?? "");
  if (declared || /^\s*\{/.test(c.body)) {
    try {
      const v: unknown = JSON.parse(c.body);
      if (isObj(v)) {
        if (!declared)
          notes.push(
            `The body of ${c.method} ${c.url.pathname} is a JSON object sent without a JSON Content-Type (curl's --data sends a form): ` +
              "the config sends it as JSON (`json`), as APIs that take a JSON body expect.",
          );
        return { json: scrub(v as Record<string, unknown>), data: null };
      }
      if (declared) {
        const what = Array.isArray(v) ? "a JSON array" : v === null ? "JSON null" : `a JSON ${typeof v}`;
        notes.push(`The body of ${c.method} ${c.url.pathname} is ${what}: a dlt endpoint's \`json\` is a dict, so the body was left out.`);
        return { json: null, data: null };
      }
    } catch {
      /* not JSON after all: sent as form data below */
    }
  }
  return { json: null, data: scrub(Object.fromEntries(new URLSearchParams(c.body))) };
}

export function draftFromRequests(source: Extract<ImportSource, "curl" | "har">, all: readonly Captured[], notes: string[]): ImportResult {
  const usable = all.filter((c) => {
    // Another scheme (`ttps://…`, `file:`) has no origin to make a base_url of: dlt's requests sends only http(s).
    if (c.url.protocol !== "http:" && c.url.protocol !== "https:") {
      notes.push(`\`${c.url.href.slice(0, 200)}\` skipped: dlt's rest_api reads http and https URLs only.`);
      return false;
    }
    if (c.method === "GET" || c.method === "POST") return true;
    notes.push(`${c.method} ${c.url.pathname} skipped: dlt's rest_api reads with GET or POST.`);
    return false;
  });
  if (usable.length === 0) return { ok: false, message: "No GET or POST request to an http or https URL to import." };
  const origins = new Map<string, number>();
  for (const c of usable) origins.set(c.url.origin, (origins.get(c.url.origin) ?? 0) + 1);
  const origin = [...origins].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  for (const [o, n] of origins) if (o !== origin) notes.push(`${n} request(s) to ${o} skipped: one config reads one API (${origin}).`);
  const mine = usable.filter((c) => c.url.origin === origin);
  const auths = mine.map((c) => authFromRequest(c.headers, [...c.url.searchParams]));
  const auth = auths.find((a) => a !== null) ?? null;
  // One config has one auth: a request that authenticates otherwise is said, not silently given the first one's.
  auths.forEach((a, i) => {
    if (a === null || auth === null || JSON.stringify(a.guess.value) === JSON.stringify(auth.guess.value)) return;
    const c = mine[i] as Captured;
    notes.push(
      `${c.method} ${c.url.pathname} authenticates with ${String(a.guess.value.type)}, the config with the first request's ` +
        `${String(auth.guess.value.type)} (one auth per config): give that resource its own \`auth\` by hand if it needs it.`,
    );
  });
  const authHeader =
    auth && auth.mock.kind === "api_key" && auth.mock.location === "header" ? auth.mock.name.toLowerCase() : "authorization";
  const authParam = auth && auth.mock.kind === "api_key" && auth.mock.location === "query" ? auth.mock.name : null;
  const kept = (c: Captured) =>
    c.headers.filter(([k]) => {
      const lower = k.toLowerCase();
      if (lower === authHeader && auth) return false;
      if (lower === "cookie") {
        if (!notes.some((n) => n.startsWith("Cookies"))) notes.push("Cookies are not imported: dlt's rest_api has no cookie auth.");
        return false;
      }
      if (isCredentialHeader(lower)) {
        notes.push(
          `The \`${k}\` header was left out: it carries a credential (add it as a dlt.secrets reference by hand if the API needs it).`,
        );
        return false;
      }
      return !isNoise(k) && !(lower === "content-type" && c.body === null);
    });
  const common = kept(mine[0] as Captured).filter(([k, v]) =>
    mine.every((c) => kept(c).some(([k2, v2]) => k2.toLowerCase() === k.toLowerCase() && v2 === v)),
  );
  const commonNames = new Set(common.map(([k]) => k.toLowerCase()));

  const byPath = new Map<string, Captured[]>();
  for (const c of mine) byPath.set(`${c.method} ${c.url.pathname}`, [...(byPath.get(`${c.method} ${c.url.pathname}`) ?? []), c]);
  const mockOf = new Map<string, MockEndpoint>();
  const recorded = new Map<string, readonly unknown[]>();
  const captured: EndpointDraft[] = [...byPath].map(([id, group]) => {
    const first = group[0] as Captured;
    const query: Param[] = [...first.url.searchParams]
      .filter(([k]) => k !== authParam)
      .map(([name, value]) => ({ name, in: "query", required: false, value: /^\d+$/.test(value) ? Number(value) : value }));
    const body: Source | null =
      first.response && first.response.body !== undefined ? { kind: "values", values: [first.response.body] } : null;
    const records = body ? findRecords(body) : null;
    const paging = guessPaging(query, body, first.response?.headers ?? [], records);
    const skip = pagingParamNames(paging.guess.value);
    const params: Record<string, PlainObject[string]> = {};
    // Another credential in the query string (the auth guess took one) becomes a reference too: never a literal.
    const droppedParam = droppedKeyNote(`the query of ${first.method} ${first.url.pathname}`, notes);
    for (const p of query) {
      const key = skip.has(p.name) ? null : configKey(p.name, droppedParam);
      if (key !== null) params[key] = SENSITIVE_KEYS.has(p.name.toLowerCase()) ? secretRef(p.name) : literal(p.value ?? "");
    }
    const own = kept(first).filter(([k]) => !commonNames.has(k.toLowerCase()));
    const name = nameOf(first.url.pathname);
    const { json, data } = bodyOf(first, notes);
    if (records && records.items.kind === "values") recorded.set(id, records.items.values);
    if (records && body)
      mockOf.set(id, {
        path: first.url.pathname,
        kind: "collection",
        records_path: records.path.slice(),
        record: shapeOf(records.items),
        examples: exampleRecordsOf(records.items.kind === "values" ? records.items.values : []),
        count: 45,
        paging: paging.mock,
        filters: [],
      });
    return {
      id,
      method: first.method === "POST" ? "POST" : "GET",
      path: first.url.pathname,
      summary: capturedSummary(group.length),
      kind: "collection",
      selected: true,
      name: { value: name, evidence: `the URL's last path segment (${first.url.pathname})` },
      params: Object.keys(params).length ? { value: params, evidence: "the request's query string" } : null,
      headers: own.length ? configHeaders(own, notes) : null,
      json,
      data,
      data_selector: records ? { value: jsonPathOf(records.path), evidence: `${records.evidence} (recorded response)` } : null,
      // Without a response and without paging parameters, dlt detects the paginator from the first page.
      paginator: body || paging.mock.kind !== "none" ? paging.guess : null,
      primary_key: records ? guessPrimaryKey(records, name) : null,
      parent: null,
      incremental: null,
    };
  });
  // Ids in paths (`/users/123/posts`) become parameters filled from the parent's records; one resource per template.
  const { endpoints, templates } = linkIdSegments(
    captured,
    (e) => recorded.get(e.id) ?? null,
    (e) => byPath.get(e.id)?.length ?? 1,
  );
  const mocks = [
    ...new Map([...mockOf].map(([id, m]) => [templates.get(id) ?? m.path, { ...m, path: templates.get(id) ?? m.path }])).values(),
  ];
  const base = origin;
  const mock =
    mocks.length === endpoints.length && mocks.length > 0
      ? clean({ title: new URL(origin).host, base_url: base, auth: auth?.mock ?? { kind: "none" as const }, endpoints: mocks })
      : null;
  return {
    ok: true,
    draft: {
      source,
      title: new URL(origin).host,
      base_url: { value: base, evidence: `the requests' origin${origins.size > 1 ? " (the most used one)" : ""}` },
      auth: auth?.guess ?? null,
      headers: common.length ? configHeaders(common, notes) : null,
      endpoints: uniqueNames(endpoints),
      notes: [...new Set(notes)],
      mock,
    },
  };
}

/** Headers as the config holds them: literal braces doubled (dlt formats headers too), a prototype's name left out. */
function configHeaders(pairs: readonly (readonly [string, string])[], notes: string[]): PlainObject | null {
  const dropped = droppedKeyNote("the headers", notes);
  const kept = pairs.flatMap(([k, v]) => {
    const key = configKey(k, dropped);
    return key === null ? [] : [[key, literal(v) as string] as const];
  });
  return kept.length ? Object.fromEntries(kept) : null;
}
