/**
 * YAML anchors and aliases, resolved once per document. `yaml`'s own `Alias.resolve(doc)` walks the
 * whole document on every call, so expanding thousands of aliases cost minutes (issue #13); here one
 * walk in document order maps every alias to its anchor (the last one defined before it, as `yaml`
 * does) and counts how many values each node expands to, without expanding anything.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node as YNode } from "yaml";

export interface AliasTable {
  /** The node an alias names, or `undefined` if no anchor of that name comes before it. */
  target(alias: Alias): YNode | undefined;
  /** Values `node` stands for with its aliases expanded (at most `cap + 1`: only "too many" matters). */
  size(node: YNode): number;
}

/** Children in document order: a pair's key, then its value. */
function children(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) return node.items;
  if (isPair(node)) return [node.key, node.value];
  return [];
}

/** One walk without recursion: anchors in pre-order (as `yaml` resolves them), sizes in post-order. */
export function aliasTable(doc: Document, cap: number): AliasTable {
  const anchors = new Map<string, YNode>();
  const targets = new Map<Alias, YNode | undefined>();
  const sizes = new Map<unknown, number>();
  const sizeOf = (n: unknown): number => {
    if (isAlias(n)) {
      const t = targets.get(n);
      // An alias inside its own anchor (recursive) has no size yet; it is reported, not expanded.
      return t === undefined ? 1 : (sizes.get(t) ?? 1);
    }
    return sizes.get(n) ?? 0;
  };
  const stack: { node: unknown; next: number; kids: unknown[] }[] = [];
  const enter = (node: unknown) => {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
    stack.push({ node, next: 0, kids: children(node) });
  };
  if (doc.contents) enter(doc.contents);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (!top) break;
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++];
      if (kid !== null && kid !== undefined) enter(kid);
      continue;
    }
    stack.pop();
    const { node, kids } = top;
    if (isAlias(node)) continue;
    // A map counts itself and its values (keys are not values of their own); a list itself and its items.
    const counted = isPair(node) ? [node.value] : kids;
    let total = isPair(node) ? 0 : 1;
    for (const k of counted) if (k !== null && k !== undefined) total = Math.min(cap + 1, total + sizeOf(k));
    sizes.set(node, total);
  }
  return { target: (alias) => targets.get(alias), size: (node) => Math.max(1, sizeOf(node)) };
}
