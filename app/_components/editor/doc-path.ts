/** Where an offset sits in the document tree: the key path for hovers and the enclosing object for completions. */
import type { DocNode, Range } from "@/lib/formats";

export type Path = (string | number)[];

const inside = (r: Range, offset: number) => r.start <= offset && offset < r.end;

/** The entry whose key (or scalar value) is at `offset`, as a path; `null` between entries. */
export function locateKey(root: DocNode | null, offset: number): { path: Path; range: Range } | null {
  const walk = (node: DocNode, path: Path): { path: Path; range: Range } | null => {
    if (node.kind === "object") {
      for (const e of node.entries) {
        if (inside(e.keyRange, offset)) return { path: [...path, e.key], range: e.keyRange };
        if (inside(e.value.range, offset)) {
          const deeper = e.value.kind === "object" || e.value.kind === "array" ? walk(e.value, [...path, e.key]) : null;
          return (
            deeper ?? (e.value.kind === "object" || e.value.kind === "array" ? null : { path: [...path, e.key], range: e.value.range })
          );
        }
      }
    } else if (node.kind === "array") {
      for (const [i, item] of node.items.entries()) if (inside(item.range, offset)) return walk(item, [...path, i]);
    }
    return null;
  };
  return root && inside(root.range, offset) ? walk(root, []) : null;
}

/** Children of an object or list whose value range holds `offset` (both ends included), with their paths. */
function* childrenAt(node: DocNode, path: Path, offset: number): Generator<[DocNode, Path]> {
  const holds = (r: Range) => r.start <= offset && offset <= r.end;
  if (node.kind === "object") {
    for (const e of node.entries) if (holds(e.value.range)) yield [e.value, [...path, e.key]];
  } else if (node.kind === "array") {
    for (const [i, item] of node.items.entries()) if (holds(item.range)) yield [item, [...path, i]];
  }
}

/** The deepest path `leaf` accepts, descending through the children that hold `offset`. */
function deepest(root: DocNode | null, offset: number, leaf: (node: DocNode, path: Path) => Path | null): Path | null {
  const walk = (node: DocNode, path: Path): Path | null => {
    for (const [child, childPath] of childrenAt(node, path, offset)) {
      const found = walk(child, childPath);
      if (found) return found;
    }
    return leaf(node, path);
  };
  return root ? walk(root, []) : null;
}

/**
 * The path of the innermost object (dict / mapping) whose braces enclose `offset`. With the document's
 * `text`, a Python dict being written counts too: `{""}` (a set, right after typing `"` in `{}`) and
 * `dict(…)` are read as Python expressions, not dicts.
 */
export function objectPathAt(root: DocNode | null, offset: number, text?: string): Path | null {
  return deepest(root, offset, (node, path) => {
    if (node.kind === "object") return node.range.start < offset && offset <= node.range.end ? path : null;
    if (node.kind !== "python" || text === undefined) return null;
    const open = /^(?:\{|dict\()/.exec(text.slice(node.range.start, node.range.start + 5))?.[0].length ?? 0;
    return open > 0 && node.range.start + open <= offset && offset < node.range.end ? path : null;
  });
}

/** The string value whose token holds `offset` (its end included: YAML plain scalars end at the cursor). */
export function stringAt(root: DocNode | null, offset: number): Path | null {
  return deepest(root, offset, (node, path) =>
    node.kind === "string" && node.range.start < offset && offset <= node.range.end ? path : null,
  );
}

/** Whether `offset` is between the quotes of a string value (not at its ends). */
export const insideString = (root: DocNode | null, offset: number): boolean =>
  deepest(root, offset, (node, path) => (node.kind === "string" && node.range.start < offset && offset < node.range.end ? path : null)) !==
  null;

/** The expression typed after an open `{` on this line up to the cursor, or null (`{{` is an escape). */
export function openPlaceholder(linePrefix: string): { typed: string; braceIndex: number } | null {
  const brace = linePrefix.lastIndexOf("{");
  if (brace < 0 || linePrefix[brace - 1] === "{") return null;
  const typed = linePrefix.slice(brace + 1);
  return /^[\w.]*$/.test(typed) ? { typed, braceIndex: brace } : null;
}
