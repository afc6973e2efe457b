import type { Tree } from "@lezer/common";
import type { Diagnostic } from "./types";

const VALUE_END = /["'\])}\w]$/;
const VALUE_START = /^["'[{(\w-]/;

/** Syntax problems from lezer's error-recovery nodes, with a guess at what was meant. */
export function pythonSyntaxErrors(text: string, tree: Tree): Diagnostic[] {
  const out: Diagnostic[] = [];
  let lastEnd = -1;
  tree.iterate({
    enter: (n) => {
      if (!n.type.isError || n.from < lastEnd) return;
      lastEnd = Math.max(n.to, n.from + 1);
      const before = text.slice(0, n.from).trimEnd();
      const afterText = text.slice(n.from);
      const after = afterText.trimStart();
      const at = n.from + (afterText.length - after.length);
      const token = /^(\S+?)(?=[\s,:{}[\]()]|$)/.exec(after)?.[1] ?? after.slice(0, 1);
      let message: string;
      if (after.length === 0) message = "Python syntax error: unexpected end of text — a bracket or brace is not closed.";
      else if (VALUE_END.test(before) && VALUE_START.test(after)) message = `Python syntax error: unexpected \`${token}\` — missing comma before it?`;
      else message = `Python syntax error: unexpected \`${token || after[0]}\`.`;
      const start = Math.min(at, text.length);
      out.push({
        severity: "error",
        code: "syntax_error",
        path: "",
        range: { start: after.length === 0 ? Math.max(0, text.length - 1) : start, end: after.length === 0 ? text.length : start + Math.max(1, token.length) },
        message,
      });
    },
  });
  return out;
}
