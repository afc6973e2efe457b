import type { DocEntry, DocNode, PlainValue } from "./types";
import { escapeSegment } from "./refs";
import { refValue } from "../shared";

type PathLike = string | readonly (string | number)[];

/** RFC 6901 pointer from path segments: `["resources", 0, "name"]` -> `/resources/0/name`; `[]` -> `""`. */
export function pointerFromPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) out += "/" + escapeSegment(p);
  return out;
}

/** Same as {@link pointerFromPath} (the name the team brief uses). */
export const pointerToString = pointerFromPath;

/** Segments of an RFC 6901 pointer (`""` is the root; `~1` -> `/`, `~0` -> `~`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  const body = pointer.startsWith("/") ? pointer.slice(1) : pointer;
  return body.split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

const segmentsOf = (p: PathLike): string[] => (typeof p === "string" ? parsePointer(p) : p.map(String));

/** Objects with this many entries or more get a key index (built once: nodes are immutable). */
const INDEX_FROM = 16;
const indexes = new WeakMap<DocNode, Map<string, DocEntry>>();

/** The entry of `key`; the last duplicate wins, as in JSON.parse and Python dicts. */
function entryOf(node: DocNode & { kind: "object" }, key: string): DocEntry | undefined {
  if (node.entries.length < INDEX_FROM) {
    for (let i = node.entries.length - 1; i >= 0; i--) {
      const e = node.entries[i];
      if (e && e.key === key) return e;
    }
    return undefined;
  }
  let index = indexes.get(node);
  if (!index) {
    index = new Map();
    for (const e of node.entries) index.set(e.key, e);
    indexes.set(node, index);
  }
  return index.get(key);
}

function child(node: DocNode, segment: string): { node: DocNode; entry?: DocEntry } | undefined {
  if (node.kind === "object") {
    const e = entryOf(node, segment);
    return e ? { node: e.value, entry: e } : undefined;
  }
  if (node.kind === "array" && /^(0|[1-9]\d*)$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item ? { node: item } : undefined;
  }
  return undefined;
}

/** The node at a pointer (or path), `undefined` when any segment is missing. */
export function findNode(root: DocNode | null, pointer: PathLike): DocNode | undefined {
  let node: DocNode | undefined = root ?? undefined;
  for (const s of segmentsOf(pointer)) {
    if (!node) return undefined;
    node = child(node, s)?.node;
  }
  return node;
}

/** The `key: value` entry a pointer ends at (for the key's range), if its last segment is an object key. */
export function findEntry(root: DocNode | null, pointer: PathLike): DocEntry | undefined {
  const segments = segmentsOf(pointer);
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  const parent = findNode(root, segments.slice(0, -1));
  return parent ? child(parent, last)?.entry : undefined;
}

/**
 * The deepest node that exists on the pointer's path, with how many segments matched and the entry
 * that holds it (if it is an object value): where to report something that is missing.
 */
export function nearestNode(root: DocNode | null, pointer: PathLike): { node: DocNode; depth: number; entry?: DocEntry } | undefined {
  if (!root) return undefined;
  let current: { node: DocNode; entry?: DocEntry } = { node: root };
  let depth = 0;
  for (const s of segmentsOf(pointer)) {
    const next = child(current.node, s);
    if (!next) break;
    current = next;
    depth++;
  }
  return { ...current, depth };
}

/**
 * The plain value of a node; references become `{"$secret": name}` / `{"$config": name}`, text made with
 * references `{"$format": [parts]}`, Python code `{"$python": text}`.
 */
export function toPlain(node: DocNode, hook?: (n: DocNode) => PlainValue | undefined): PlainValue {
  const hooked = hook?.(node);
  if (hooked !== undefined) return hooked;
  switch (node.kind) {
    case "object": {
      const out: Record<string, PlainValue> = {};
      for (const e of node.entries) {
        const v = toPlain(e.value, hook);
        // `__proto__` is an ordinary key in JSON, YAML and Python: keep it as data.
        if (e.key === "__proto__") Object.defineProperty(out, e.key, { value: v, enumerable: true, writable: true, configurable: true });
        else out[e.key] = v;
      }
      return out;
    }
    case "array":
      return node.items.map((item) => toPlain(item, hook));
    case "number":
    case "string":
    case "boolean":
      return node.value;
    case "null":
      return null;
    case "ref":
      return refValue(node.ref, node.name, node.cast, node.get, node.param);
    case "format":
      return { $format: node.parts.map((p) => (typeof p === "string" ? p : { ...p })) };
    case "python":
      return { $python: node.text };
  }
}

/**
 * The pointer of the deepest node whose range holds `offset` (`""` for the root or no root). Iterative:
 * used to locate problems found in the text before the document was built (a too-deep list).
 */
export function pointerAt(root: DocNode | null, offset: number): string {
  let pointer = "";
  let node: DocNode | undefined = root ?? undefined;
  const holds = (r: { start: number; end: number }) => r.start <= offset && offset < Math.max(r.end, r.start + 1);
  while (node) {
    let next: DocNode | undefined;
    if (node.kind === "object") {
      const entry = node.entries.find((e) => holds(e.range));
      if (entry) [next, pointer] = [entry.value, `${pointer}/${escapeSegment(entry.key)}`];
    } else if (node.kind === "array") {
      const i = node.items.findIndex((item) => holds(item.range));
      if (i >= 0) [next, pointer] = [node.items[i], `${pointer}/${i}`];
    }
    node = next;
  }
  return pointer;
}
