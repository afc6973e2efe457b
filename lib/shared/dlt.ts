/** The dlt release restplay follows: every rule, request and table is checked against it (../shared/dlt-golden). */
export const DLT_VERSION = "1.26.0";

const HEX = /^0x([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)$/;
const INT = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT = /^[+-]?(?:\d+(?:_\d+)*\.?(?:\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;

/** The Python type `auto_cast` makes of text (`dltAutoCast`), an integer past 2^53 included: `"12345"` is an `int`. */
export function dltAutoCastType(text: string): "bool" | "int" | "float" | "list" | "dict" | "str" {
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "false") return "bool";
  const t = text.trim();
  if (HEX.test(t) || INT.test(t)) return "int";
  if (FLOAT.test(t)) return "float";
  const v = dltAutoCast(text);
  return Array.isArray(v) ? "list" : typeof v === "object" && v !== null ? "dict" : "str";
}

/**
 * The value `dlt.config[name]` / `dlt.secrets[name]` gives for text (an environment variable, a TOML string, a run's
 * `--secret`): dlt's `auto_cast` (dlt/common/configuration/utils.py), checked with dlt 1.26.0 — `true`/`false` in any
 * case a bool, an integer (spaces around, `0x` hex) an int, a float a float, a JSON list or dict that, else the text.
 * Python's `inf`/`nan` spellings and an integer past 2^53 stay text here (restplay holds no such number).
 */
export function dltAutoCast(text: string): unknown {
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  const t = text.trim();
  const hex = HEX.exec(t);
  const n = hex ? parseInt(hex[1]!.replace(/_/g, ""), 16) : INT.test(t) ? Number(t.replace(/_/g, "")) : null;
  if (n !== null) return Number.isSafeInteger(n) ? n : text;
  if (FLOAT.test(t)) return Number(t.replace(/_/g, ""));
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) return parsed;
  } catch {
    // not JSON: the text itself
  }
  return text;
}
