/**
 * What a shared config may hold: references, never secret values. Every credential written literally
 * becomes a `dlt.secrets` reference in the document's own syntax — the `hardcoded_secret` quick fixes
 * of lib/config for auth fields, and the same for credential headers, query parameters, body fields
 * and URLs that carry one (the secrets vocabulary of lib/shared says which).
 */
import { applyEdits, refText, secretNameFor as secretName, validateText } from "../config";
import type { DocNode, SourceFormat, TextEdit } from "../formats";
import { SENSITIVE_HEADERS, SENSITIVE_KEYS, SENSITIVE_PARAMS, redactUrl } from "../shared";

export interface Scrubbed {
  readonly text: string;
  readonly format: SourceFormat;
  /** Config paths whose literal value was replaced, e.g. `/client/auth/token`. */
  readonly replaced: readonly string[];
}

/** Whether the string at `path` (object keys from the root) is a credential. */
function credentialAt(path: readonly string[]): string | null {
  const key = path[path.length - 1] ?? "";
  const parent = path[path.length - 2] ?? "";
  const lower = key.toLowerCase();
  if (
    path.includes("auth") &&
    (SENSITIVE_KEYS.has(lower) || ["token", "api_key", "password", "client_secret", "access_token"].includes(lower))
  )
    return secretName(key);
  if (parent === "headers" && SENSITIVE_HEADERS.has(lower)) return secretName(key);
  if (parent === "params" && SENSITIVE_PARAMS.has(lower)) return secretName(key);
  if ((path.includes("json") || path.includes("data") || path.includes("access_token_request_data")) && SENSITIVE_KEYS.has(lower))
    return secretName(key);
  return null;
}

function walk(node: DocNode, path: string[], format: SourceFormat, edits: TextEdit[], replaced: string[], depth = 0): void {
  if (depth > 64) return;
  if (node.kind === "object") for (const e of node.entries) walk(e.value, [...path, e.key], format, edits, replaced, depth + 1);
  else if (node.kind === "array") node.items.forEach((item, i) => walk(item, [...path, String(i)], format, edits, replaced, depth + 1));
  else if (node.kind === "string" && node.value !== "") {
    const name = credentialAt(path);
    if (name) {
      edits.push({ range: node.range, newText: refText(format, name) });
      replaced.push(`/${path.join("/")}`);
    } else if (/^https?:\/\//i.test(node.value)) {
      // User info (`https://user:password@host`) is dropped; credential query parameters are masked.
      const masked = redactUrl(node.value.replace(/^(https?:\/\/)[^/?#@\s]*@/i, "$1"));
      if (masked !== node.value) {
        edits.push({ range: node.range, newText: JSON.stringify(masked) });
        replaced.push(`/${path.join("/")}`);
      }
    }
  }
}

/** The text with every literal credential replaced by a reference (unparseable text is returned as it is, flagged). */
export function scrubSecrets(text: string, format?: SourceFormat): Scrubbed & { readonly parsed: boolean } {
  const result = validateText(text, format);
  const root = result.document.root;
  if (!root) return { text, format: result.format, replaced: [], parsed: false };
  const edits: TextEdit[] = [];
  const replaced: string[] = [];
  walk(root, [], result.format, edits, replaced);
  // The validator's own quick fixes cover what it knows (one home for that rule); ours fill the rest.
  for (const d of result.diagnostics) {
    const fix = d.code === "hardcoded_secret" ? d.fixes?.[0] : undefined;
    if (fix) for (const edit of fix.edits) if (!edits.some((e) => e.range.start === edit.range.start)) edits.push(edit);
  }
  const unique = [...new Map(edits.map((e) => [e.range.start, e])).values()].sort((a, b) => a.range.start - b.range.start);
  const disjoint = unique.filter((e, i) => i === 0 || (unique[i - 1] as TextEdit).range.end <= e.range.start);
  return { text: applyEdits(text, disjoint), format: result.format, replaced, parsed: true };
}
