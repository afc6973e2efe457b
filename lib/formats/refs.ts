import type { DocEntry, DocNode, Range } from "./types";

/** One RFC 6901 pointer segment: `~` -> `~0`, `/` -> `~1`. */
export function escapeSegment(segment: string | number): string {
  const s = String(segment);
  return s.includes("~") || s.includes("/") ? s.replace(/~/g, "~0").replace(/\//g, "~1") : s;
}

/**
 * JSON/YAML spelling of references and code: an object with exactly one key, `$secret`, `$config` or
 * `$python`, whose value is a string. Anything else (two keys, a non-string name) stays a plain object
 * so that validation can point at it.
 */
export function specialObject(entries: readonly DocEntry[], range: Range): DocNode | null {
  if (entries.length !== 1) return null;
  const e = entries[0];
  if (!e || e.value.kind !== "string") return null;
  if (e.key === "$secret") return { kind: "ref", ref: "secret", name: e.value.value, range };
  if (e.key === "$config") return { kind: "ref", ref: "config", name: e.value.value, range };
  if (e.key === "$python") return { kind: "python", text: e.value.value, range };
  return null;
}

/** Duplicate-key warning (last one wins, as in JSON.parse, YAML loaders and Python dicts). */
export function duplicateKeyWarning(key: string, pointer: string, keyRange: Range) {
  return {
    severity: "warning" as const,
    code: "duplicate_key",
    path: pointer,
    range: keyRange,
    message: `Duplicate key \`${key}\`: the last one wins and the earlier value is ignored. Remove one of them.`,
  };
}
