/**
 * Python's `IndentationError`s that @lezer/python lets through: it reads a statement at the top level
 * of the file whatever its indentation (`    import dlt` parses), and a line that dedents to no level
 * of an enclosing block (`  b = 2` after a body at 4 under a statement at 0) as a top-level one. Python
 * refuses both before running anything (`unexpected indent`, `unindent does not match any outer
 * indentation level`). A statement deeper than its block's lezer already reports (an error node).
 * Only a statement that begins its line counts (`a = 1; b = 2` has one); comments are not statements.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { Diagnostic } from "./types";
import { syntaxError, where } from "./syntax";

const MAX = 20;

/** The indentation of the statement starting at `from`, or `null` when something precedes it on its line. */
function indentOf(text: string, from: number): { lineStart: number; width: number } | null {
  const lineStart = text.lastIndexOf("\n", from - 1) + 1;
  return /^[ \t\f]*$/.test(text.slice(lineStart, from)) ? { lineStart, width: from - lineStart } : null;
}

/** The deepest indentation a compound statement's last body reached (0 when it has none). */
function innerIndent(text: string, node: SyntaxNode): number {
  let deepest = 0;
  for (let body = node.lastChild; body; body = body.lastChild) {
    if (body.name !== "Body") continue;
    for (let s = body.firstChild; s; s = s.nextSibling) {
      const at = s.name === ":" || s.name === "Comment" ? null : indentOf(text, s.from);
      if (at) {
        deepest = at.width;
        break;
      }
    }
  }
  return deepest;
}

/**
 * `text` is what was parsed (offsets as in `original`, which messages quote). A fragment pasted from
 * inside a function (every top-level statement indented alike) is read as it is: the level is the
 * least indentation of the top-level statements, and only a statement off it is Python's error.
 */
export function indentationErrors(text: string, original: string, tree: Tree): Diagnostic[] {
  const statements: { s: SyntaxNode; before: SyntaxNode | null; lineStart: number; width: number }[] = [];
  let previous: SyntaxNode | null = null;
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) {
    if (s.name === "Comment" || s.type.isError) continue;
    const at = indentOf(text, s.from);
    if (at !== null) statements.push({ s, before: previous, ...at });
    previous = s;
  }
  // A loop, not Math.min(...): a file may hold more statements than a call takes arguments.
  let level = Infinity;
  for (const x of statements) level = Math.min(level, x.width);
  const out: Diagnostic[] = [];
  for (const { s, before, lineStart, width } of statements) {
    if (width === level || out.length >= MAX) continue;
    // Python's tokenizer: deeper than the level it is at is "unexpected"; between two levels matches none.
    const unindent = before !== null && width < innerIndent(text, before);
    const range = { start: lineStart + level, end: s.from };
    out.push(
      syntaxError(
        range,
        unindent
          ? `Python syntax error: unindent does not match any outer indentation level at ${where(original, s.from)} — ` +
              "indent it as the block above, or as the statements around it."
          : `Python syntax error: unexpected indent at ${where(original, s.from)} — ` +
              "a statement at the top level starts where the others do.",
        [{ title: "Remove the extra indentation", edits: [{ range, newText: "" }] }],
      ),
    );
  }
  return out;
}
