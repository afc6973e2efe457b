/**
 * `invalid_jsonpath`: a JSONPath (`data_selector`, the paginators' paths, an incremental's
 * `cursor_path`, a resolve param's `field`) that dlt's parser refuses. dlt compiles them with
 * jsonpath-ng's "ext" parser — paginator and incremental paths as it builds the source, the others on
 * the first page — and restplay parses them with the same grammar and tables (lib/shared/jsonpath-ng),
 * so the error sits where jsonpath-ng stops, with what it expected there. An empty path is left to the
 * schema: dlt reads an empty `total_path` or `has_more_path` as none. `jsonpath_intersect`: a path with
 * `&`, which jsonpath-ng parses and cannot evaluate (dlt's run fails where it reaches it).
 */
import type { QuickFix, Range } from "../../formats";
import { hasIntersect, JsonPathSyntaxError, parseJsonPath, refusedMessage, shownPath } from "../../shared/jsonpath-ng";
import { where, type Path } from "../located";
import type { RuleContext } from "./context";

/** What jsonpath-ng makes of a path: whether it holds `&`, or its refusal. */
type Reading = { readonly intersect: boolean } | { readonly error: JsonPathSyntaxError };

/**
 * Readings by path, shared by every validation: a config repeats its paths, and each keystroke
 * validates the same ones again. Bounded: emptied when full (hostile texts hold many distinct paths).
 */
const READINGS = new Map<string, Reading>();
const MAX_READINGS = 2000;

function read(s: string): Reading {
  let r = READINGS.get(s);
  if (r) return r;
  try {
    r = { intersect: hasIntersect(parseJsonPath(s)) };
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    r = { error: e };
  }
  if (READINGS.size >= MAX_READINGS) READINGS.clear();
  READINGS.set(s, r);
  return r;
}

export function checkJsonPathSyntax(ctx: RuleContext, s: string, at: Path): void {
  if (s === "") return;
  const r = read(s);
  if ("intersect" in r) {
    if (r.intersect)
      ctx.add({
        at,
        severity: "warning",
        code: "jsonpath_intersect",
        range: ctx.loc.value(at),
        message:
          `The JSONPath \`${shownPath(s)}\` in ${where(at)} holds \`&\`, which jsonpath-ng parses but does not implement: ` +
          "dlt's run fails (NotImplementedError) wherever it evaluates that part, and so do runs here. Use `|` for either path.",
      });
    return;
  }
  const e = r.error;
  const token = ctx.loc.value(at);
  const fix = e.unquoted ? quoteFix(ctx, token, s, e.unquoted) : null;
  ctx.add({
    at,
    severity: "error",
    code: "invalid_jsonpath",
    range: inToken(ctx, token, s, e.start, e.end),
    message: refusedMessage(s, e, where(at)),
    ...(fix ? { fixes: [fix] } : {}),
  });
}

/**
 * "Quote `name`": the name wrapped in the quote its string token does not use (`'` inside `"…"` and
 * plain YAML, `"` inside `'…'`); none where the path shows through escapes, or where a plain YAML
 * scalar would start with the quote (it would become a quoted scalar).
 */
function quoteFix(ctx: RuleContext, token: Range, s: string, name: { start: number; end: number }): QuickFix | null {
  const raw = ctx.text.slice(token.start, token.end);
  const i = raw.indexOf(s);
  if (i < 0) return null;
  const open = raw.replace(/^[rRuUbBfF]+/, "")[0];
  if (open !== '"' && open !== "'" && i + name.start === 0) return null;
  const q = open === "'" ? '"' : "'";
  const word = s.slice(name.start, name.end);
  const at = token.start + i + name.start;
  return {
    title: `Quote \`${word}\` (${q}${word}${q})`,
    edits: [{ range: { start: at, end: at + word.length }, newText: `${q}${word}${q}` }],
  };
}

/** The offsets [start, end) of the path mapped into its token (the whole token when escapes hide the path). */
function inToken(ctx: RuleContext, token: Range, s: string, start: number, end: number): Range {
  const i = ctx.text.slice(token.start, token.end).indexOf(s);
  if (i < 0) return token;
  const from = token.start + i;
  // An error at the end of the path marks its last character.
  const a = start >= s.length ? Math.max(0, s.length - 1) : start;
  const b = Math.max(end, a + 1);
  return { start: from + a, end: from + Math.min(b, s.length) };
}
