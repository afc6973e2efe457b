/**
 * The config's numbers as Python holds them, for the downloads (decision 0023, 0036). JavaScript reads
 * `1.0` as 1, `1e16` as 10000000000000000 and `12345678901234567890` rounded; written back as JavaScript
 * holds them, a JSON, YAML or generated Python download gave dlt `1`, `10000000000000000` and
 * `12345678901234567000`, where the user's text (and restplay's run, resolve/numbers.ts) has `1.0`, `1e+16`
 * and the exact integer. Here every number whose Python value JavaScript cannot give back becomes
 * `{"$number": text}` (Python's `repr`; the writers write it as that number), and YAML 1.1's text (`1e3`)
 * the string it is for `yaml.safe_load`. Text a Python file joins with `+` (`"a" + dlt.config["p"]`) is
 * marked so (`joinedWithPlus`): the Python written back joins it so, not as an f-string (which takes any value).
 */
import { findNode, joinedWithPlus, type DocNode, type ParsedDocument, type PlainValue } from "../formats";
import { isFormat, PY_NUMBER, setOwn } from "../shared";
import { asPython } from "./python-numbers";

/** Keys whose numbers the seed dialect's rewrite reads as numbers (canonical.ts's `error_handler`): left as they are. */
const READ_AS_NUMBERS = new Set(["error_handler"]);

/** `value` (the document's plain value) with its numbers as Python reads them from `doc`'s text; the same object when none differs. */
export function withPythonSpelling(value: PlainValue, doc: ParsedDocument): PlainValue {
  // An infinite float (JSON's and Python's 1e400, YAML's .inf) as 1e400: json.loads, Python and PyYAML (`!!float`) read inf
  // from it, which dlt sends as `inf`; JavaScript's Infinity was written as null (dlt then sent nothing).
  const spelled = (v: number, node: DocNode): PlainValue => {
    const py = asPython(doc.format, doc.text.slice(node.range.start, node.range.end).trim(), v);
    return typeof py === "number" && !Number.isFinite(py) && !Number.isNaN(py) ? { [PY_NUMBER]: py > 0 ? "1e400" : "-1e400" } : py;
  };
  const walk = (v: PlainValue, node: DocNode | undefined): PlainValue => {
    if (node === undefined) return v;
    if (typeof v === "number") return node.kind === "number" ? spelled(v, node) : v;
    if (typeof v !== "object" || v === null) return v;
    if (node.kind === "format" && node.concatenated && isFormat(v)) return joinedWithPlus(v, node.concatenated);
    if (Array.isArray(v)) {
      const items = node.kind === "array" ? node.items : [];
      const out = v.map((x: PlainValue, i) => walk(x, items[i]));
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (node.kind !== "object") return v;
    const o = v as { readonly [key: string]: PlainValue };
    let copy: { [key: string]: PlainValue } | null = null;
    for (const [k, x] of Object.entries(o)) {
      const m = READ_AS_NUMBERS.has(k) ? x : walk(x, findNode(node, [k]));
      if (m !== x) copy ??= { ...o };
      if (copy) setOwn(copy, k, m);
    }
    return copy ?? o;
  };
  return walk(value, doc.root ?? undefined);
}
