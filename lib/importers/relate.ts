/**
 * Relations between candidate resources: unique names, and parent/child from path parameters —
 * `/users/{user_id}/posts` is a child of the `/users` collection, its `{user_id}` filled from each
 * user record's `id` (dlt's `{resources.users.id}`).
 */
import type { EndpointDraft, PlainObject } from "./types";
import { isObj, singular, snake } from "./values";
import { braceSpans, trimChars } from "../shared";

const pathParams = (path: string) => braceSpans(path, true).map((s) => s.name);

/** Names made unique: a clash takes the segment before it as a prefix (`user_posts`), then a number. */
export function uniqueNames(endpoints: readonly EndpointDraft[]): EndpointDraft[] {
  const count = new Map<string, number>();
  for (const e of endpoints) count.set(e.name.value, (count.get(e.name.value) ?? 0) + 1);
  const used = new Set<string>();
  return endpoints.map((e) => {
    let name = e.name.value;
    let evidence = e.name.evidence;
    if ((count.get(name) ?? 0) > 1) {
      const statics = e.path.split("/").filter((s) => s && !s.startsWith("{"));
      const before = statics[statics.length - 2];
      if (before && e.path.includes("{")) {
        name = `${snake(singular(before))}_${name}`;
        evidence = `${evidence}; prefixed with \`${singular(before)}\` to tell it from another \`${e.name.value}\``;
      }
    }
    for (let n = 2; used.has(name); n++) name = `${e.name.value}_${n}`;
    used.add(name);
    return { ...e, name: { value: name, evidence } };
  });
}

/** The parent record's field for a path parameter: the same name, `id` for `user_id`/`userId`/`id`, else the key. */
function fieldFor(param: string, parent: EndpointDraft, fields: readonly string[]): { field: string; why: string } | null {
  if (fields.includes(param) && param !== "id") return { field: param, why: `the parent's records have a \`${param}\` field` };
  const segs = parent.path.split("/").filter((s) => s && !s.startsWith("{"));
  const one = singular(segs[segs.length - 1] ?? "").toLowerCase();
  const lower = param.toLowerCase();
  const pk = typeof parent.primary_key?.value === "string" ? parent.primary_key.value : null;
  const key = pk ?? (fields.includes("id") ? "id" : null);
  if (key && (lower === "id" || lower === `${one}_id` || lower === `${one}id` || lower === `${one}_${key.toLowerCase()}`)) {
    return { field: key, why: `\`${param}\` names the key of ${parent.name.value} (\`${key}\`)` };
  }
  if (key && /id$/i.test(param)) return { field: key, why: `\`${param}\` looks like a key; the parent's key is \`${key}\`` };
  return null;
}

/**
 * Links each nested endpoint to the collection its path is under; the linked parameters leave `params`.
 * A path parameter no parent field fills (`{project_id}` in `/projects/{project_id}/tasks/{task_id}/comments`,
 * when tasks carry no `project_id`) keeps a fixed value, and `notes` says so: dlt would request every
 * parent's children under that one value.
 */
export function linkParents(
  endpoints: readonly EndpointDraft[],
  fieldsOf: (e: EndpointDraft) => readonly string[],
  notes: string[] = [],
): EndpointDraft[] {
  return endpoints.map((e) => {
    const params = pathParams(e.path);
    const lastParam = params[params.length - 1];
    if (!lastParam) return e;
    const prefix = trimChars(e.path.slice(0, e.path.lastIndexOf(`{${lastParam}}`)), "/", "end");
    const parent = endpoints.find((p) => p.kind === "collection" && trimChars(p.path, "/", "end") === prefix && p !== e);
    if (!parent) return e;
    const fields = fieldsOf(parent);
    const main = fieldFor(lastParam, parent, fields);
    if (!main) return e;
    const bindings = [{ param: lastParam, field: main.field }];
    for (const p of params.slice(0, -1)) if (fields.includes(p)) bindings.push({ param: p, field: p });
    const bound = new Set(bindings.map((b) => b.param));
    for (const p of params.filter((x) => !bound.has(x)))
      notes.push(
        `${e.id}: \`{${p}}\` is not a field of ${parent.name.value}'s records, so no parent fills it: it is fixed to ` +
          `\`${String(e.params?.value[p] ?? "")}\` (the spec's example, or 1). Set the value you need: dlt requests every ` +
          `${parent.name.value} record's ${e.name.value} under that one \`${p}\`.`,
      );
    const rest: Record<string, PlainObject[string]> = {};
    for (const [k, v] of Object.entries(e.params?.value ?? {})) if (!bound.has(k)) rest[k] = v;
    return {
      ...e,
      params: e.params && Object.keys(rest).length ? { ...e.params, value: rest } : null,
      parent: { value: { endpoint: parent.id, bindings }, evidence: `${e.path} is under ${parent.path}; ${main.why}` },
    };
  });
}

/** A path segment that is a record's id as captured (`/users/123/posts`, a UUID): not a name. */
export const isIdSegment = (segment: string): boolean => /^\d+$/.test(segment) || /^[0-9a-f-]{16,}$/i.test(segment);

/**
 * Captured requests (HAR, curl) hold ids where a spec has parameters: `/users/123/posts` is a child of the
 * `/users` collection when 123 is a value of its records (the recorded response's `id`, its primary key, or
 * another field holding it), or — without a recorded response — its `id` by guess, said in the evidence.
 * The id becomes `{user_id}` bound to that field, and the requests of one template (`/users/1/posts`,
 * `/users/2/posts`) become one resource. `recordsOf` gives an endpoint's recorded records (none: null).
 */
export function linkIdSegments(
  endpoints: readonly EndpointDraft[],
  recordsOf: (e: EndpointDraft) => readonly unknown[] | null,
  capturedOf: (e: EndpointDraft) => number,
): { endpoints: EndpointDraft[]; templates: ReadonlyMap<string, string> } {
  // The collections by path, a GET one first (a listing is what dlt reads parents from).
  const collections = new Map<string, EndpointDraft>();
  for (const e of [...endpoints].sort((a, b) => Number(b.method === "GET") - Number(a.method === "GET")))
    if (e.kind === "collection" && !collections.has(trimChars(e.path, "/", "end"))) collections.set(trimChars(e.path, "/", "end"), e);
  const templates = new Map<string, string>();
  const captured = new Map<string, number>();
  const out: EndpointDraft[] = [];
  for (const e of endpoints) {
    const linked = linkOne(e, collections, recordsOf);
    if (!linked) {
      out.push(e);
      continue;
    }
    templates.set(e.id, linked.path);
    const before = captured.get(linked.id);
    captured.set(linked.id, (before ?? 0) + capturedOf(e));
    if (before === undefined) out.push(linked);
  }
  return { endpoints: out.map((e) => (captured.has(e.id) ? { ...e, summary: capturedSummary(captured.get(e.id) ?? 1) } : e)), templates };
}

/** How many captured requests an endpoint stands for, as its summary says it. */
export const capturedSummary = (n: number): string => `${n} request${n === 1 ? "" : "s"} captured`;

function linkOne(
  e: EndpointDraft,
  collections: ReadonlyMap<string, EndpointDraft>,
  recordsOf: (e: EndpointDraft) => readonly unknown[] | null,
): EndpointDraft | null {
  const segs = e.path.split("/");
  let at = segs.length - 1;
  while (at > 0 && !isIdSegment(segs[at] ?? "")) at--;
  if (at < 1) return null;
  const parent = collections.get(segs.slice(0, at).join("/"));
  if (!parent || parent === e) return null;
  const value = segs[at] as string;
  const records = recordsOf(parent);
  let field: string | null = null;
  let why: string;
  if (records) {
    const pk = typeof parent.primary_key?.value === "string" ? parent.primary_key.value : null;
    const holding = (k: string) =>
      records.some((r) => isObj(r) && (typeof r[k] === "string" || typeof r[k] === "number") && String(r[k]) === value);
    const keys = [...new Set(records.flatMap((r) => (isObj(r) ? Object.keys(r) : [])))];
    field = [pk, "id", ...keys].find((k): k is string => k !== null && holding(k)) ?? null;
    if (field === null) return null;
    why = `\`${value}\` is the \`${field}\` of a recorded ${parent.name.value} record`;
  } else {
    field = "id";
    why = `guessed: \`${value}\` looks like an id and no response of ${parent.path} was recorded to check it`;
  }
  const param = `${snake(singular(segs[at - 1] ?? "parent"))}_id`;
  const path = [...segs.slice(0, at), `{${param}}`, ...segs.slice(at + 1)].join("/");
  return {
    ...e,
    id: `${e.method} ${path}`,
    path,
    parent: { value: { endpoint: parent.id, bindings: [{ param, field }] }, evidence: `${e.path} is under ${parent.path}; ${why}` },
  };
}
