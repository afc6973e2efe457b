/** Helpers that turn document paths into ranges and values into safe, short descriptions. */
import {
  findEntry,
  findNode,
  nearestNode,
  pointerFromPath,
  type DocNode,
  type ParsedDocument,
  type Range,
  type SourceFormat,
} from "../formats";
import { isCredentialName, markedAs, maskSecret, type Marker } from "../shared";

export type Path = readonly (string | number)[];

/** A path as users read it: `resources[0].endpoint.paginator`, or "the config" for the root. */
export const where = (path: Path): string =>
  path.length
    ? `\`${path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${clip(p, 60)}` : clip(p, 60))).join("")}\``
    : "the config";

/** What a value written with a marker is, as messages name it. */
const MARKER_NAMES: Readonly<Record<Marker, string>> = {
  $secret: "a dlt.secrets[...] reference",
  $config: "a dlt.config[...] reference",
  $format: "text made with dlt.secrets[...]/dlt.config[...] references",
  $python: "Python code",
};

/** The value as a message names it, in the words of the user's format (`True` in Python, `true` in JSON/YAML). */
export function describeValue(v: unknown, path: Path = [], format: SourceFormat = "python"): string {
  const last = path[path.length - 1];
  if (typeof v === "string") {
    const shown = typeof last === "string" && isCredentialName(last) ? maskSecret(v) : v.length > 60 ? `${v.slice(0, 57)}…` : v;
    return `the string "${shown}"`;
  }
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "boolean") return format === "python" ? `\`${v ? "True" : "False"}\`` : `\`${String(v)}\``;
  if (v === null) return format === "python" ? "`None`" : "`null`";
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") {
    // Written as a reference or as code, rightly or not: named so (validation says what is wrong with it).
    const marker = markedAs(v);
    return marker ? MARKER_NAMES[marker] : "a dict";
  }
  return typeof v;
}

/** A user's string as a message quotes it: long ones cut (a key or a path may be a megabyte). */
export const clip = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** `o[key]` if `o` has it as its own property (a key such as `constructor` must not find Object's). */
export function own(o: unknown, key: string | number): unknown {
  return typeof o === "object" && o !== null && Object.hasOwn(o, String(key)) ? (o as Record<string, unknown>)[String(key)] : undefined;
}

export function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const p of path) v = own(v, p);
  return v;
}

export class Locator {
  constructor(readonly doc: ParsedDocument) {}
  get root(): DocNode | null {
    return this.doc.root;
  }
  pointer(path: Path): string {
    return pointerFromPath(path);
  }
  /** The value's range, or the nearest existing ancestor's key (for something missing). */
  value(path: Path): Range {
    const node = findNode(this.root, path);
    if (node) return node.range;
    return this.missing(path);
  }
  /** The key token's range (quotes included); the value's range for list items and the root. */
  key(path: Path): Range {
    return findEntry(this.root, path)?.keyRange ?? this.value(path);
  }
  /** Where to report something missing at `path`: the key of the deepest existing ancestor. */
  missing(path: Path): Range {
    const near = nearestNode(this.root, path);
    if (!near) return { start: 0, end: Math.min(1, this.doc.text.length) };
    if (near.entry) return near.entry.keyRange;
    const r = near.node.range;
    return { start: r.start, end: Math.min(r.end, r.start + 1) };
  }
  node(path: Path): DocNode | undefined {
    return findNode(this.root, path);
  }
}
