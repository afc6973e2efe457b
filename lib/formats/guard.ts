/**
 * Text guards: a linear, non-recursive scan that runs before a parser and bounds what it is given
 * (limits.ts). Too-deep collections are hollowed out (their inside replaced by spaces, line breaks
 * kept) so the parser never recurses past MAX_DEPTH and every other offset stays exact; a text with
 * too many values is not parsed at all. Each format has its scanner (json-guard, python-guard,
 * yaml-guard); the spans, the hollowing and the diagnostics they lead to live here.
 */
import type { Diagnostic, DocNode, Range, SourceFormat } from "./types";
import { MAX_DEPTH, MAX_VALUES } from "./limits";
import { pointerAt } from "./pointer";

/** A too-deep collection: hollowed from `start` to `end` (exclusive). */
export interface DeepSpan extends Range {
  /** What is left in place: both brackets (`[   ]`), the opening one (not closed), or YAML's null `~` (a block collection). */
  readonly keep: "brackets" | "opening" | "yaml-null";
  /** What the collection is, for messages: "list", "dict", "tuple", "expression". */
  readonly what: string;
}

export interface TextGuard {
  /** The text for the parser: `text` with every deep span hollowed (same length, same line breaks). */
  readonly text: string;
  /** Too-deep collections, in text order (outermost only). */
  readonly deep: readonly DeepSpan[];
  /** Set when nothing may be parsed: where the text passed a limit, and which. */
  readonly refused: { readonly code: "too_many_values" | "too_deep"; readonly at: number; readonly what: string } | null;
}

/** The text with each span's inside replaced by spaces (line breaks kept, so lines and offsets stay). */
export function hollow(text: string, spans: readonly DeepSpan[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const s of spans) {
    const from = s.keep === "yaml-null" ? s.start : s.start + 1;
    const to = s.keep === "brackets" ? s.end - 1 : s.end;
    parts.push(text.slice(last, from), blank(text.slice(from, to), s.keep === "yaml-null"));
    last = to;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

/** Spaces for every character but line breaks; YAML's `~` (null) first when `nullFirst`. */
function blank(s: string, nullFirst: boolean): string {
  const out = s.replace(/[^\r\n]/g, " ");
  if (!nullFirst || out.length === 0) return out;
  // `- ` indicators: the null goes after the dash, so a sequence at its parent key's column stays indented.
  const at = /^[-?][ \t]/.test(s) ? 1 : 0;
  return out.slice(0, at) + "~" + out.slice(at + 1);
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** The diagnostics a guard leads to; `root` (the parsed document, if any) locates them by path. */
export function guardDiagnostics(original: string, guard: TextGuard, root: DocNode | null, format: SourceFormat): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (offset: number): Range => ({ start: offset, end: Math.min(original.length, offset + 1) });
  if (guard.refused?.code === "too_many_values") {
    const extra = format === "python" ? ", and operators" : "";
    out.push({
      severity: "error",
      code: "too_many_values",
      path: "",
      range: at(guard.refused.at),
      message:
        `This text holds more than ${fmt(MAX_VALUES)} values (keys, strings, numbers, lists and dicts${extra}); ` +
        `restplay reads at most ${fmt(MAX_VALUES)}, so it was not read. ` +
        "A 6,000-line config holds about 20,000: split the config, or move bulk data out of it.",
    });
  } else if (guard.refused) {
    out.push({
      severity: "error",
      code: "too_deep",
      path: "",
      range: at(guard.refused.at),
      message:
        `This ${guard.refused.what} is nested more than ${MAX_DEPTH} levels deep (brackets, and operators such as ` +
        "`not`, `-`, `lambda:` or `if … else` that nest what follows them), so restplay did not read this text. " +
        "Write the value out plainly.",
    });
  }
  const first = guard.deep[0];
  if (first) out.push(tooDeep(at(first.start), pointerAt(root, first.start), first.what, guard.deep.length - 1));
  return out;
}

/** `too_deep` at `range`: a collection (or Python expression) nested past MAX_DEPTH. `more`: further places cut. */
export function tooDeep(range: Range, path: string, what: string, more: number): Diagnostic {
  const others = more > 0 ? ` (${fmt(more)} more place${more === 1 ? " is" : "s are"} nested too deep as well)` : "";
  return {
    severity: "error",
    code: "too_deep",
    path,
    range,
    message:
      `This ${what} is nested more than ${MAX_DEPTH} levels deep, so restplay does not read what is inside it${others}. ` +
      "A real config needs about 10 levels: flatten the value, or send deep data as a JSON string.",
  };
}
