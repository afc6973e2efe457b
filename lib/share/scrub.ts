/**
 * What a shared config may hold: references, never secret values. Every credential written literally
 * becomes a `dlt.secrets` reference in the document's own syntax by the validator's own `hardcoded_secret`
 * quick fixes (one home: lib/config's auth rule for auth fields, rules/secret-literals.ts for headers,
 * query parameters, bodies and URLs). A credential whose fix cannot be applied to the text is replaced
 * by a reference as it is.
 */
import { applyEdits, refText, validateText } from "../config";
import type { SourceFormat, TextEdit } from "../formats";
import { isCredentialName } from "../shared";

export interface Scrubbed {
  readonly text: string;
  readonly format: SourceFormat;
  /** Config paths whose literal value was replaced, e.g. `/client/auth/token` (`line 5: token` where the text does not parse). */
  readonly replaced: readonly string[];
}

/**
 * The text with every literal credential replaced by a reference. `checked` is false when the text did
 * not parse cleanly (a syntax error, a YAML slip that folds `token:` into the line above): what the
 * parser could not read was not checked, and the Share dialog says so instead of "no literal secrets".
 * A Markdown document (a seed pasted whole) is checked through its config block.
 */
export function scrubSecrets(text: string, format?: SourceFormat): Scrubbed & { readonly checked: boolean } {
  // A Markdown document is read through its block (lib/formats parseDocument), its ranges the document's own.
  const result = validateText(text, format);
  const markdown = result.document.diagnostics.some((d) => d.code === "markdown_document");
  // Not fully checked either: a key given twice (only the value that counts is read) or a second
  // Markdown block (only the first is the config).
  const checked =
    result.document.root !== null &&
    !result.document.diagnostics.some((d) => d.severity === "error" || d.code === "duplicate_key") &&
    !(markdown && (text.match(/^[^\S\n\r\u2028\u2029]*(?:```|~~~)/gm) ?? []).length > 2);
  if (!result.document.root) return { text, format: result.format, replaced: [], checked };
  const edits: TextEdit[] = [];
  const replaced: string[] = [];
  for (const d of result.diagnostics) {
    if (d.code !== "hardcoded_secret") continue;
    replaced.push(d.path);
    edits.push(...(d.fixes?.[0]?.edits ?? [{ range: d.range, newText: refText(result.format, "secret") }]));
  }
  const unique = [...new Map(edits.map((e) => [`${e.range.start}:${e.range.end}:${e.newText}`, e])).values()];
  unique.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const disjoint = unique.filter((e, i) => i === 0 || (unique[i - 1] as TextEdit).range.end <= e.range.start);
  const scrubbed = applyEdits(text, disjoint);
  return checked ? { text: scrubbed, format: result.format, replaced, checked } : byName(scrubbed, result.format, replaced);
}

/** Names that say where a credential goes or comes from, not what it is (`access_token_url`, `token_path`, `api_key_param`). */
const NAMES_A_PLACE = /[-_](?:url|uri|path|param|params|location|name|type|header)$/i;

const namesCredential = (name: string): boolean => isCredentialName(name) && !NAMES_A_PLACE.test(name);

/**
 * `key: value`, `"key": "value"` or `key="value"`: the key, and a quoted value or a plain one up to the
 * line's end, a `,`, a bracket or a ` #` comment (a plain one never holds `: `, so `type: bearer token: x`
 * is read as far as `token: x`).
 */
const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
const PLAIN = String.raw`[^\s"'{[,}\]#](?:[^,}\]\n:]|:(?![ \t]|$))*?`;
const KEY = String.raw`(?<![\w$-])(["']?)([A-Za-z][\w-]*)\1[ \t]*[:=][ \t]*`;
// The user's own text, in their own browser (a share link's scrub), at most the editor's size: a long run of spaces inside
// a plain value makes this quadratic on that run, not worth an unreadable pattern.
// eslint-disable-next-line regexp/no-super-linear-backtracking
const KEYED = new RegExp(String.raw`${KEY}(?:(${QUOTED})|(${PLAIN}))(?=[ \t]*(?:[,}\]\n]|$)|[ \t]+#)`, "g");
const NOT_LITERAL = /^(?:null|none|true|false|~|yes|no)$/i;

/**
 * A text that does not parse, scrubbed by name as well: every credential-named key's literal value (a
 * quoted one, or a YAML plain one) becomes a reference, wherever the parser lost the structure around it.
 * Python and JSON take only quoted values as literals (`TOKEN` is a variable).
 */
function byName(text: string, format: SourceFormat, replaced: readonly string[]): Scrubbed & { readonly checked: boolean } {
  const more: string[] = [];
  const out = text.replace(KEYED, (whole: string, _q: string, key: string, quoted?: string, plain?: string, at?: number) => {
    const value = quoted ?? plain ?? "";
    if (!namesCredential(key) || NOT_LITERAL.test(value.trim()) || (quoted === undefined && format !== "yaml")) return whole;
    more.push(`line ${text.slice(0, at).split("\n").length}: ${key}`);
    return whole.slice(0, whole.length - value.length) + refText(format, key);
  });
  return { text: out, format, replaced: [...replaced, ...more], checked: false };
}
