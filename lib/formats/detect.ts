import type { SourceFormat } from "./types";
import { sniffFormat } from "./sniff";
import { parseYaml } from "./yaml";

export { FORMAT_NAMES } from "./sniff";

/**
 * Guesses the format of pasted text (./sniff's rules). Text opening with `{`/`[` that is neither
 * JSON nor Python by its tokens is YAML flow style when our YAML reader takes it without errors,
 * else JSON (so the user sees JSON errors).
 */
export function detectFormat(text: string): SourceFormat {
  const sniffed = sniffFormat(text);
  if (sniffed !== null) return sniffed;
  // Our YAML reader, bounded like every parse (yaml's own checked unique keys in quadratic time: 70 s for 60,000 keys).
  return parseYaml(text).diagnostics.some((d) => d.severity === "error") ? "json" : "yaml";
}
