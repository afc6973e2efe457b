/**
 * Parses Python with @lezer/python and repairs what it can: a missing comma or colon, a doubled comma,
 * a stray closing bracket. Each repair swaps one character for one (offsets stay exact), re-parses
 * incrementally, and leaves its error diagnostic behind, so the tree after a typo still holds every entry.
 */
import { parser } from "@lezer/python";
import { TreeFragment, type SyntaxNode, type Tree } from "@lezer/common";
import type { Diagnostic } from "./types";
import { explainError } from "./python-errors";
import { indentationErrors } from "./python-indent";
import { parsePythonTree } from "./python-incremental";
import { positionAt } from "./positions";
import { isClosedString } from "./python-strings";
import { syntaxError, where } from "./syntax";

const MAX_REPAIRS = 16;
const MAX_ERRORS = 20;

/** One walk: the first error node, and strings lezer read to the end of their line without a closing quote. */
function scan(text: string, original: string, tree: Tree): { first: SyntaxNode | null; strings: Diagnostic[] } {
  let first: SyntaxNode | null = null;
  const strings: Diagnostic[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) first ??= cursor.node;
    else if (cursor.name === "String" && !isClosedString(text.slice(cursor.from, cursor.to))) {
      const quote = /^[rRuUbBfF]{0,2}('''|"""|'|")/.exec(text.slice(cursor.from, cursor.to))?.[1] ?? '"';
      strings.push(
        syntaxError(
          { start: cursor.from, end: cursor.to },
          `Python syntax error: the string opened at ${where(original, cursor.from)} is not closed — expected \`${quote}\`.`,
        ),
      );
    }
  } while (cursor.next());
  return { first, strings };
}

function firstError(tree: Tree): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  tree.iterate({
    enter: (n) => {
      if (found) return false;
      if (n.type.isError) {
        found = n.node;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

export interface PythonParse {
  readonly tree: Tree;
  /** The text that was parsed last (the input with repairs applied). */
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

/** `text` is what to parse (`//` comments already masked); `original` is what the user sees. */
export function parseWithRepairs(text: string, original: string): PythonParse {
  let current = text;
  let { tree, fragments } = parsePythonTree(current);
  const initial = scan(current, original, tree);
  const diagnostics: Diagnostic[] = initial.strings;
  if (!initial.first) return finish(current, original, tree, diagnostics);
  // After an unclosed string the rest of the text is misread: report only what comes before it.
  const limit = diagnostics[0]?.range.start ?? Infinity;
  for (let i = 0; i < MAX_REPAIRS; i++) {
    const err = i === 0 ? initial.first : firstError(tree);
    if (!err || err.from >= limit) break;
    const { diagnostic, repair } = explainError(current, original, tree, err);
    if (!repair) break;
    diagnostics.push(diagnostic);
    current = current.slice(0, repair.at) + repair.char + current.slice(repair.at + 1);
    fragments = TreeFragment.applyChanges(fragments, [{ fromA: repair.at, toA: repair.at + 1, fromB: repair.at, toB: repair.at + 1 }]);
    tree = parser.parse(current, fragments);
    fragments = TreeFragment.addTree(tree, fragments);
  }
  // What is left cannot be repaired: report it, one error per line (lezer nests several ⚠ at one spot).
  const lines = new Set(diagnostics.map((d) => positionAt(original, d.range.start).line));
  const finalText = current;
  const finalTree = tree;
  finalTree.iterate({
    enter: (n) => {
      if (diagnostics.length >= MAX_ERRORS || n.from >= limit) return false;
      if (!n.type.isError) return undefined;
      const { diagnostic } = explainError(finalText, original, finalTree, n.node);
      const line = positionAt(original, diagnostic.range.start).line;
      if (!lines.has(line)) {
        lines.add(line);
        diagnostics.push(diagnostic);
      }
      return false;
    },
  });
  return finish(current, original, tree, diagnostics, lines);
}

/** The parse with the indentation Python refuses (one error per line: `lines` has an error), its diagnostics in text order. */
function finish(
  text: string,
  original: string,
  tree: Tree,
  diagnostics: Diagnostic[],
  lines = new Set(diagnostics.map((d) => positionAt(original, d.range.start).line)),
): PythonParse {
  for (const d of indentationErrors(text, original, tree))
    if (diagnostics.length < MAX_ERRORS && !lines.has(positionAt(original, d.range.start).line)) diagnostics.push(d);
  diagnostics.sort((a, b) => a.range.start - b.range.start);
  return { tree, text, diagnostics };
}
