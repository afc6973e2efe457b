import type { DocEntry, DocNode, PlainValue } from "./types";

/** RFC 6901 pointer from path segments: `["resources", 0, "name"]` -> `/resources/0/name`. */
export function pointerFromPath(path: readonly (string | number)[]): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function child(node: DocNode, segment: string): { node: DocNode; entry?: DocEntry } | undefined {
  if (node.kind === "object") {
    // Last one wins, as with JSON.parse and Python dicts.
    for (let i = node.entries.length - 1; i >= 0; i--) {
      const e = node.entries[i];
      if (e && e.key === segment) return { node: e.value, entry: e };
    }
    return undefined;
  }
  if (node.kind === "array" && /^\d+$/.test(segment)) {
    const item = node.items[Number(segment)];
    return item ? { node: item } : undefined;
  }
  return undefined;
}

export function findNode(root: DocNode | null, pointer: string | readonly (string | number)[]): DocNode | undefined {
  const segments = typeof pointer === "string" ? parsePointer(pointer) : pointer.map(String);
  let node: DocNode | undefined = root ?? undefined;
  for (const s of segments) {
    if (!node) return undefined;
    node = child(node, s)?.node;
  }
  return node;
}

/** The `key: value` entry a pointer ends at (for the key's range), if the last segment is an object key. */
export function findEntry(root: DocNode | null, pointer: string | readonly (string | number)[]): DocEntry | undefined {
  const segments = typeof pointer === "string" ? parsePointer(pointer) : pointer.map(String);
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  const parent = findNode(root, segments.slice(0, -1));
  return parent ? child(parent, last)?.entry : undefined;
}

/** The deepest node that exists on the pointer's path, with how many segments matched. */
export function nearestNode(
  root: DocNode | null,
  pointer: string | readonly (string | number)[],
): { node: DocNode; depth: number; entry?: DocEntry } | undefined {
  const segments = typeof pointer === "string" ? parsePointer(pointer) : pointer.map(String);
  if (!root) return undefined;
  let current: { node: DocNode; entry?: DocEntry } = { node: root };
  let depth = 0;
  for (const s of segments) {
    const next = child(current.node, s);
    if (!next) break;
    current = next;
    depth++;
  }
  return { ...current, depth };
}

/** The plain value of a node; references become `{"$secret": name}` / `{"$config": name}`, Python code `{"$python": text}`. */
export function toPlain(node: DocNode): PlainValue {
  switch (node.kind) {
    case "object": {
      const out: Record<string, PlainValue> = {};
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
    case "array":
      return node.items.map(toPlain);
    case "string":
    case "number":
    case "boolean":
      return node.value;
    case "null":
      return null;
    case "ref":
      return node.ref === "secret" ? { $secret: node.name } : { $config: node.name };
    case "python":
      return { $python: node.text };
  }
}

/** Recognises `{"$secret": "x"}`, `{"$config": "x"}` and `{"$python": "src"}` objects in JSON/YAML. */
export function specialObject(
  entries: readonly { key: string; value: DocNode }[],
  range: DocNode["range"],
): DocNode | null {
  if (entries.length !== 1) return null;
  const e = entries[0];
  if (!e || e.value.kind !== "string") return null;
  if (e.key === "$secret") return { kind: "ref", ref: "secret", name: e.value.value, range };
  if (e.key === "$config") return { kind: "ref", ref: "config", name: e.value.value, range };
  if (e.key === "$python") return { kind: "python", text: e.value.value, range };
  return null;
}
