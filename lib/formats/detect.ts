import type { SourceFormat } from "./types";

/**
 * Guesses the format of pasted text. Python wins on its tell-tale tokens (a `rest_api_source(` call,
 * `dlt.`, imports, `True`/`False`/`None`, `#` comments); text opening with `{`/`[` is JSON; else YAML.
 */
export function detectFormat(text: string): SourceFormat {
  const head = text.trimStart();
  if (/\brest_api_source\s*\(|\bdlt\.(secrets|config)\b|^\s*(import|from)\s+\w/m.test(text)) return "python";
  if (head.startsWith("#")) return "python";
  if (head.startsWith("{") || head.startsWith("[")) {
    // A dict with Python literals or single quotes is Python, not JSON.
    if (/[:,[]\s*(True|False|None)\b|'[^'\n]*'\s*:/.test(text)) return "python";
    return "json";
  }
  return "yaml";
}
