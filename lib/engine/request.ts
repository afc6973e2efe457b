/** The engine's request description: immutable, edited by paginators and auth through copies. */
import type { Json } from "./types";

export interface RequestSpec {
  readonly method: "GET" | "POST";
  /** URL without the params below (a link paginator's next URL may carry its own query). */
  readonly url: string;
  /** Query parameters in order; a list value becomes repeated keys. */
  readonly params: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly json?: Json;
  readonly data?: Json;
}

export function setParam(spec: RequestSpec, key: string, value: string): RequestSpec {
  return { ...spec, params: [...spec.params.filter(([k]) => k !== key), [key, value]] };
}

/** Writes `value` at a dot path of the JSON body, creating dicts on the way. */
export function setBodyPath(spec: RequestSpec, dotPath: string, value: Json): RequestSpec {
  const body: { [k: string]: Json } = spec.json && typeof spec.json === "object" && !Array.isArray(spec.json) ? structuredClone(spec.json) as { [k: string]: Json } : {};
  const keys = dotPath.split(".");
  let cur = body;
  keys.slice(0, -1).forEach((k) => {
    const next = cur[k];
    cur[k] = next && typeof next === "object" && !Array.isArray(next) ? next : {};
    cur = cur[k] as { [k: string]: Json };
  });
  cur[keys[keys.length - 1] ?? ""] = value;
  return { ...spec, json: body };
}

export function fullUrl(spec: RequestSpec): string {
  const u = new URL(spec.url);
  for (const [k, v] of spec.params) u.searchParams.append(k, v);
  return u.toString();
}

function formBody(data: Json): string | null {
  if (Array.isArray(data)) {
    const p = new URLSearchParams();
    for (const pair of data) if (Array.isArray(pair) && pair.length === 2) p.append(String(pair[0]), String(pair[1]));
    return p.toString();
  }
  if (data && typeof data === "object") {
    const entries = Object.entries(data);
    if (entries.length === 0) return null;
    const p = new URLSearchParams();
    for (const [k, v] of entries) p.append(k, v === null ? "None" : String(v));
    return p.toString();
  }
  return null;
}

export function toFetchRequest(spec: RequestSpec, signal?: AbortSignal): { request: Request; body?: string } {
  const headers = new Headers(spec.headers);
  let body: string | undefined;
  if (spec.json !== undefined) {
    body = JSON.stringify(spec.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  } else if (spec.data !== undefined && spec.data !== null) {
    if (typeof spec.data === "string") body = spec.data;
    else {
      const form = formBody(spec.data);
      if (form !== null) {
        body = form;
        if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
      }
    }
  }
  return { request: new Request(fullUrl(spec), { method: spec.method, headers, body, signal }), body };
}
