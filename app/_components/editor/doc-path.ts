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
          return deeper ?? (e.value.kind === "object" || e.value.kind === "array" ? null : { path: [...path, e.key], range: e.value.range });
        }
      }
    } else if (node.kind === "array") {
      for (const [i, item] of node.items.entries()) if (inside(item.range, offset)) return walk(item, [...path, i]);
    }
    return null;
  };
  return root && inside(root.range, offset) ? walk(root, []) : null;
}

/** The path of the innermost object (dict / mapping) whose braces enclose `offset`. */
export function objectPathAt(root: DocNode | null, offset: number): Path | null {
  const walk = (node: DocNode, path: Path): Path | null => {
    if (node.kind === "object") {
      for (const e of node.entries) {
        if (e.value.range.start <= offset && offset <= e.value.range.end) {
          const deeper = walk(e.value, [...path, e.key]);
          if (deeper) return deeper;
        }
      }
      return node.range.start < offset && offset <= node.range.end ? path : null;
    }
    if (node.kind === "array") {
      for (const [i, item] of node.items.entries()) {
        if (item.range.start <= offset && offset <= item.range.end) {
          const deeper = walk(item, [...path, i]);
          if (deeper) return deeper;
        }
      }
    }
    return null;
  };
  return root ? walk(root, []) : null;
}

/** The string value whose token holds `offset` (its end included: YAML plain scalars end at the cursor). */
export function stringAt(root: DocNode | null, offset: number): Path | null {
  const walk = (node: DocNode, path: Path): Path | null => {
    if (node.kind === "string") return node.range.start < offset && offset <= node.range.end ? path : null;
    if (node.kind === "object") {
      for (const e of node.entries) {
        if (e.value.range.start <= offset && offset <= e.value.range.end) {
          const found = walk(e.value, [...path, e.key]);
          if (found) return found;
        }
      }
    } else if (node.kind === "array") {
      for (const [i, item] of node.items.entries()) {
        if (item.range.start <= offset && offset <= item.range.end) {
          const found = walk(item, [...path, i]);
          if (found) return found;
        }
      }
    }
    return null;
  };
  return root ? walk(root, []) : null;
}

/** The expression typed after an open `{` on this line up to the cursor, or null (`{{` is an escape). */
export function openPlaceholder(linePrefix: string): { typed: string; braceIndex: number } | null {
  const brace = linePrefix.lastIndexOf("{");
  if (brace < 0 || linePrefix[brace - 1] === "{") return null;
  const typed = linePrefix.slice(brace + 1);
  return /^[\w.]*$/.test(typed) ? { typed, braceIndex: brace } : null;
}
