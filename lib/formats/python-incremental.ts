/**
 * Incremental lezer parsing across calls: validation re-parses the whole text on every keystroke,
 * so the previous tree is kept and only the changed region (common prefix/suffix diff) is re-parsed.
 * Lezer guarantees the result equals a full parse; this only saves time.
 */
import { parser } from "@lezer/python";
import { TreeFragment, type Tree } from "@lezer/common";

interface Parsed {
  readonly text: string;
  readonly tree: Tree;
  readonly fragments: readonly TreeFragment[];
}

let last: Parsed | null = null;

const BLOCK = 2048;

/** Length of the common prefix of `a` and `b`; whole blocks are compared natively first. */
function commonPrefix(a: string, b: string, max: number): number {
  let i = 0;
  while (i + BLOCK <= max && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** The one changed range between two texts, as lezer's ChangedRange. */
function changedRange(a: string, b: string) {
  const start = commonPrefix(a, b, Math.min(a.length, b.length));
  const end = commonSuffix(a, b, Math.min(a.length, b.length) - start);
  return { fromA: start, toA: a.length - end, fromB: start, toB: b.length - end };
}

/** Parses `text`, reusing the previous call's tree for the unchanged parts. */
export function parsePythonTree(text: string): { tree: Tree; fragments: readonly TreeFragment[] } {
  if (last && last.text === text) return last;
  const fragments = last ? TreeFragment.applyChanges(last.fragments, [changedRange(last.text, text)]) : [];
  const tree = parser.parse(text, fragments);
  last = { text, tree, fragments: TreeFragment.addTree(tree, fragments) };
  return last;
}
