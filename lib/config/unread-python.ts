/**
 * Python restplay does not evaluate (`settings.BASE_URL`, `build_path()`) where dlt's config wants a
 * plain value: dlt evaluates it and goes on, so it must not block Run (decision 0022). Such values are
 * left out before the schema sees them, with an info saying so (a playground run goes without them);
 * where the schema takes Python (callables, paginator and auth objects, dlt resources) they stay. So is
 * an f-string of references (`{"$format": …}`) where dlt's config takes no reference (`table_name`,
 * `path`): restplay reads it as the Python it is.
 */
import {
  convertDocument,
  pointerFromPath,
  toPlain,
  type Conversion,
  type DocNode,
  type ParsedDocument,
  type PlainValue,
  type SourceFormat,
} from "../formats";
import { RestApiConfigSchema } from "./schema";
import { schemaAt } from "./schema-walk";
import { clip, where, type Locator } from "./located";
import type { DiagnosticOut } from "./sink";
import { isFormat, isPython } from "../shared";
import { closestTypedKey, keysOfSomeType, typedKindAt } from "./type-keys";
import { renameKeyFix } from "./fixes";

type Path = (string | number)[];

/** Every `{"$python": …}` in the value (not inside another), with its path. */
function pythonValues(value: PlainValue): [Path, string][] {
  const out: [Path, string][] = [];
  // Containers only, each with a link to the one holding it: a path is made only for Python found (a config of
  // thousands of values has a handful), not copied for every value on the way.
  interface At {
    readonly v: object;
    readonly up: At | null;
    readonly key: string | number;
  }
  const pathOf = (at: At): Path => {
    const path: Path = [];
    for (let x: At | null = at; x !== null && x.up !== null; x = x.up) path.push(x.key);
    return path.reverse();
  };
  const stack: At[] = typeof value === "object" && value !== null ? [{ v: value, up: null, key: "" }] : [];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const v = top.v;
    if (isPython(v)) out.push([pathOf(top), v.$python]);
    else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === "object" && x !== null) stack.push({ v: x, up: top, key: i });
      }
    } else
      for (const k of Object.keys(v)) {
        const x: unknown = (v as Record<string, unknown>)[k];
        if (typeof x === "object" && x !== null) stack.push({ v: x, up: top, key: k });
      }
  }
  return out;
}

/**
 * A Python file's f-strings of references (`{"$format": …}`) where the config takes no reference, as
 * the Python code they are (`{"$python": text}`): dlt evaluates them there, restplay does not (a
 * JSON or YAML `$format` there is the wrong type, as a `$secret` is). The document the checks, the
 * Secrets panel and the downloads read.
 */
export function formatsAsPython(doc: ParsedDocument): ParsedDocument {
  if (doc.format !== "python" || doc.root === null) return doc;
  const value = toPlain(doc.root);
  const found: Path[] = [];
  const stack: [unknown, Path][] = [[value, []]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, path] = top;
    if (isFormat(v)) {
      const schema = path.length ? schemaAt(RestApiConfigSchema, value, path) : null;
      if (schema !== null && !schema.safeParse(v).success) found.push(path);
    } else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...path, i]]));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, [...path, k]]);
  }
  const asCode = (n: DocNode, path: Path): DocNode => {
    const [head, ...rest] = path;
    if (head === undefined)
      return n.kind === "format" ? { kind: "python", range: n.range, text: doc.text.slice(n.range.start, n.range.end) } : n;
    if (n.kind === "array" && typeof head === "number")
      return { ...n, items: n.items.map((item, i) => (i === head ? asCode(item, rest) : item)) };
    if (n.kind !== "object") return n;
    // The last entry of a key is its value (a duplicate key: the last one wins).
    const last = n.entries.map((e) => e.key).lastIndexOf(String(head));
    return { ...n, entries: n.entries.map((e, i) => (i === last ? { ...e, value: asCode(e.value, rest) } : e)) };
  };
  return found.length === 0 ? doc : { ...doc, root: found.reduce((root, path) => asCode(root, path), doc.root) };
}

/**
 * The config in another format, read as the checks read it: a Python f-string of references where the
 * config takes none goes over as the Python it is (`formatsAsPython`), not as a `$format` JSON would refuse.
 */
export const convertConfig = (text: string, from: SourceFormat, to: SourceFormat): Conversion =>
  convertDocument(text, from, to, formatsAsPython);

/** A list comprehension (`[{…} for n in NAMES]`): a list, whatever its items. */
const LIST_COMPREHENSION = /^\[[^]*\sfor\s[^]*\sin\s[^]*\]$/;

/**
 * Errors that say what a config lacks or how its keys fit together (a missing `name`, a path
 * placeholder without its param, `include_from_parent` without a parent): where a value they depend on
 * is Python restplay left out, they say nothing about the config dlt gets (issue: dlt's own chess.com
 * example names its resources with an f-string).
 */
const RELATIONAL: ReadonlySet<string> = new Set([
  "missing_key",
  "missing_resource_name",
  "missing_base_url",
  "path_param_missing",
  "resolve_param_not_in_path",
  "include_from_parent_without_parent",
  "placeholder_unknown_resource",
  "offset_without_limit",
  "paginator_never_stops",
  "multiple_parents",
  "scd2_timestamp",
  "scd2_validity_columns",
]);

/** Keys whose values other keys' checks read (a path's params, a resource's name and endpoint). */
const READ_BY_OTHERS: ReadonlySet<string> = new Set([
  "params",
  "json",
  "data",
  "endpoint",
  "path",
  "name",
  "resources",
  "paginator",
  "incremental",
]);

/** The part of the config a left-out value at `path` can make incomplete: its resource, or everything (client, defaults, the root). */
const scopeOf = (path: Path): string => (path[0] === "resources" && path.length > 2 ? `/resources/${String(path[1])}` : "");

/**
 * Whether `d` is an error only because Python at `removed` was left out: a relational error in the
 * resource that lost a value, in any resource when the defaults, the client, the resources list or a
 * resource's name (which others refer to) did; a key of a dict whose `type` was left out (which keys
 * it takes is that type's: `{"type": AUTH_TYPE, "api_key": …}`).
 */
export function excusedByUnreadPython(
  d: { readonly severity: string; readonly code: string; readonly path: string },
  removed: readonly Path[],
): boolean {
  if (d.severity === "error" && d.code === "unknown_key") {
    const dict = d.path.slice(0, d.path.lastIndexOf("/"));
    return removed.some((p) => p[p.length - 1] === "type" && pointerFromPath(p.slice(0, -1)) === dict);
  }
  if (d.severity !== "error" || !RELATIONAL.has(d.code)) return false;
  return removed.some((p) => {
    const scope = scopeOf(p);
    const resourceName = p.length === 3 && p[0] === "resources" && p[2] === "name";
    return scope === "" || resourceName || d.path === scope || d.path.startsWith(`${scope}/`);
  });
}

/** `removed`: receives the paths of the values left out. */
export function withoutUnreadPython(value: PlainValue, loc: Locator, out: DiagnosticOut, removed: Path[] = []): PlainValue {
  // A lambda, a set or dict comprehension, bytes or a complex number is surely the wrong type: the schema says so.
  const all = pythonValues(value);
  const found = all.filter(([path, text]) => {
    if (!LIST_COMPREHENSION.test(text.trim()) && /^(lambda\b|[[{(]|[bB][rR]?['"]|[\d.]+[jJ]$)/.test(text.trim())) return false;
    const schema = path.length ? schemaAt(RestApiConfigSchema, value, path) : null;
    return schema !== null && !schema.safeParse({ $python: "x" }).success;
  });
  // Python the schema takes (kept, run as dlt runs it or left out of a playground run) under a key other
  // keys' checks read: relational errors there are excused too (`"params": params` with a resolved param).
  for (const [path] of all)
    if (READ_BY_OTHERS.has(String(path[path.length - 1])) && !found.some(([p]) => p.join("\u0000") === path.join("\u0000")))
      removed.push(path);
  if (found.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const [path, text] of found.sort((a, b) => b[0].length - a[0].length)) {
    removed.push(path);
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((o, k) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined), copy);
    const last = path[path.length - 1];
    // An unknown base URL stays a key (its resources are not "missing base_url"); the run then fails to build their URLs.
    // So do the keys dlt requires, as empty as they can be: the config is checked, and runs, without them.
    if (last === "base_url" && typeof parent === "object" && parent !== null) (parent as Record<string, unknown>)[last] = "";
    else if (path.length === 1 && last === "resources") (parent as Record<string, unknown>)[last] = [];
    else if (path.length === 1 && last === "client") (parent as Record<string, unknown>)[last] = { base_url: "" };
    else if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
    else if (typeof parent === "object" && parent !== null && last !== undefined) delete (parent as Record<string, unknown>)[last];
    const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
    const range = loc.value(path);
    // A `\N{…}` escape: the reader's error says it (lib/formats/python-convert.ts).
    if (loc.doc.diagnostics.some((d) => d.code === "python_named_escape" && d.range.start >= range.start && d.range.end <= range.end))
      continue;
    out.push({
      severity: "info",
      code: "python_not_executed",
      path: loc.pointer(path),
      range: loc.value(path),
      message:
        `${where(path)} is Python that restplay does not evaluate (\`${shown}\`): dlt evaluates it when it runs. restplay leaves it ` +
        "out of its checks and runs; write a literal or a module-level constant here to have it checked and run in the playground.",
    });
  }
  return copy;
}

/**
 * A paginator or auth dict whose `type` is Python restplay left out (`{"type": PAGINATOR_TYPE, "limt": 10}`):
 * which keys it takes is its type's, so the schema's `unknown_key`s there are excused; a key no type takes is
 * refused by dlt whatever the type turns out to be (lib/config/type-keys.ts), and is reported here.
 */
export function keysNoTypeTakes(value: PlainValue, loc: Locator, out: DiagnosticOut, removed: readonly Path[]): void {
  for (const typePath of removed) {
    if (typePath[typePath.length - 1] !== "type") continue;
    const at = typePath.slice(0, -1);
    const kind = typedKindAt(at);
    const dict = at.reduce<unknown>((o, k) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[k] : undefined), value);
    if (kind === null || typeof dict !== "object" || dict === null || Array.isArray(dict)) continue;
    const known = keysOfSomeType(kind);
    for (const key of Object.keys(dict)) {
      if (known.has(key)) continue;
      const range = loc.key([...at, key]);
      const guess = closestTypedKey(kind, key, dict);
      const type = clip(loc.doc.text.slice(loc.value(typePath).start, loc.value(typePath).end), 40);
      out.push({
        severity: "error",
        code: "unknown_key",
        path: loc.pointer([...at, key]),
        range,
        message:
          `Unknown key \`${clip(key)}\` in ${where(at)}: no ${kind} type takes it, so dlt refuses the dict whatever \`${type}\` gives ` +
          `(its validator: "received unexpected fields").${guess ? ` Did you mean \`${guess}\`?` : ""}`,
        ...(guess ? { fixes: [renameKeyFix(loc.doc.text, range, guess)] } : {}),
      });
    }
  }
}
