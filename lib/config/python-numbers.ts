/**
 * What Python makes of a number as the document spells it: `1.0` and `1e3` are floats for
 * `json.loads` and a Python dict literal, and YAML 1.1 (`yaml.safe_load`) reads an exponent without a
 * fraction (`1e3`) as text. JavaScript reads them all as the number 1000 or 1: where dlt sends or
 * checks the Python value, the spelling decides (lib/config/rules/integers.ts, resolve/numbers.ts).
 */
import type { SourceFormat } from "../formats";
import { floatSpelling, pyFloatRepr, PY_NUMBER, type PyNumber } from "../shared";

/** A float (a fraction or an exponent), text (YAML 1.1's exponent without a fraction), or `null`: an integer. */
export function pythonReading(format: SourceFormat, spelled: string): "float" | "text" | null {
  if (format === "yaml") {
    // A quoted number is a tagged one (`!!float "1.0e+21"`, as the YAML download writes it): PyYAML's
    // `float()`/`int()` of the text.
    const quoted = /^(["'])(.*)\1$/.exec(spelled);
    if (quoted) return /[.eE]|inf|nan/i.test(quoted[2] ?? "") ? "float" : null;
    // YAML 1.1's float: a fraction, and an exponent only with its sign (`1.0e+2`; `1.0e2` and `1e2` are text).
    if (/^[-+]?([0-9][0-9_]*)?\.[0-9._]*([eE][-+][0-9]+)?$/.test(spelled)) return "float";
    return /[eE]/.test(spelled) && !/^[-+]?0[xXoO]/.test(spelled) ? "text" : null;
  }
  return !/^[-+]?0[xXoObB]/.test(spelled) && floatSpelling(spelled) ? "float" : null;
}

/**
 * A number node's `value` as Python holds it where JavaScript's number says otherwise: a whole float or
 * an integer beyond 2^53 becomes `{"$number": text}` (Python's `str()` of it, which the engine sends and
 * the downloads write), YAML 1.1's exponent without a fraction the text it is; any other stays `value`.
 * `spelled`: the node's text. A spelling of another number (a node looked up for another value) changes nothing.
 */
export function asPython(format: SourceFormat, spelled: string, value: number): number | string | PyNumber {
  const bare = spelled.replace(/^(["'])(.*)\1$/, "$2");
  if (Number(bare.replace(/_/g, "")) !== value) return value;
  const reading = pythonReading(format, spelled);
  if (reading === "text") return spelled;
  if (reading === "float") return Number.isInteger(value) ? { [PY_NUMBER]: pyFloatRepr(value) } : value;
  return !Number.isSafeInteger(value) && /^-?[1-9]\d*$/.test(bare) ? { [PY_NUMBER]: bare } : value;
}
