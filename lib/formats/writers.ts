/** Deterministic JSON and YAML writers (2-space indent); see python-writer.ts for Python. */
import { Document, isMap, isScalar, isSeq, Scalar, visit } from "yaml";
import type { PlainValue } from "./types";
import { isMarker, isPyNumber, isRef, MARKERS, PY_NUMBER } from "../shared";

/** A number as Python spells it (`{"$number": "1.0"}`, lib/config/export-numbers.ts): the text, marked so writeJson can unquote it. */
const NUMBER_MARK = "\u0000$number:";
const MARKED = /"\\u0000\$number:(-?[0-9][0-9.eE+-]*)"/g;
/** A special value JSON.stringify spread over three lines: `{\n  "$secret": "token"\n}`. */
const SPREAD_SPECIAL = new RegExp(`\\{\\n\\s*"(${MARKERS.map((m) => `\\${m}`).join("|")})": ("(?:[^"\\\\]|\\\\.)*")\\n\\s*\\}`, "g");

/**
 * A reference with `$cast`, `$get` and/or `$param` JSON.stringify spread over lines: `{\n  "$config": "lim",\n  "$cast": "int"\n}`
 * (each line checked to be a reference's key: a dict of other keys is data, left as it is).
 */
const SPREAD_REF = /\{((?:\n\s*"\$(?:secret|config|cast|get|param)": (?:"(?:[^"\\]|\\.)*"|true),?){2,4})\n\s*\}/g;
const oneLineRef = (whole: string, lines: string): string =>
  isRef(JSON.parse(whole))
    ? `{${lines
        .trim()
        .split(/,?\n\s*/)
        .join(", ")}}`
    : whole;

/** A `$format`'s part on its own line: text, or a reference (perhaps cast) already on one line. */
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
const FORMAT_PART = String.raw`(?:${QUOTED}|\{"\$(?:secret|config)": ${QUOTED}(?:, "\$(?:cast|get|param)": (?:"\w+"|true))*\})`;
/** A `$format` JSON.stringify spread over lines, its references already on one line each. */
const SPREAD_FORMAT = new RegExp(String.raw`\{\n\s*"\$format": \[((?:\n\s*${FORMAT_PART},?)*)\n\s*\]\n\s*\}`, "g");

export function writeJson(value: PlainValue): string {
  const text = JSON.stringify(value, (_, v: unknown) => (isPyNumber(v) ? `${NUMBER_MARK}${v[PY_NUMBER]}` : v), 2);
  // References read best on one line, as in the examples: `"token": {"$secret": "token"}`, and so does text made with them.
  const refs = text.replace(MARKED, "$1").replace(SPREAD_SPECIAL, '{"$1": $2}').replace(SPREAD_REF, oneLineRef);
  return (
    refs.replace(
      SPREAD_FORMAT,
      (_, items: string) =>
        `{"$format": [${items
          .trim()
          .split(/,?\n\s*/)
          .join(", ")}]}`,
    ) + "\n"
  );
}

/** A Python number's text as a YAML scalar PyYAML reads as that number: `1.0`, `12345678901234567890`, `!!float "1.0e+16"`. */
function yamlNumber(text: string): Scalar {
  if (/^-?[0-9]+$/.test(text)) return new Scalar(BigInt(text));
  const fraction = /^-?[0-9]+\.([0-9]+)$/.exec(text);
  if (fraction) {
    const s = new Scalar(Number(text));
    s.minFractionDigits = fraction[1]?.length ?? 1;
    return s;
  }
  // YAML 1.1's float needs a fraction before its exponent (`1e+16` is text for PyYAML).
  const s = new Scalar(text.includes(".") ? text : text.replace(/[eE]/, ".0e"));
  s.tag = "tag:yaml.org,2002:float";
  return s;
}

/** Plain scalars PyYAML reads as merge (`<<`) and value (`=`) tags, which `yaml`'s 1.1 schema leaves plain. */
const PYYAML_TAGS = new Set(["<<", "="]);

/**
 * Plain scalars YAML 1.2's core schema (how restplay reads YAML) takes for a number, bool or null where
 * 1.1 (the writer's) reads text: `0o17`, `1e3`. Quoted, so both read the same string.
 */
const CORE_1_2 = new RegExp(
  "^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|" +
    "[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
);

/**
 * YAML with references as flow maps (`token: {$secret: token}`), strings quoted only where needed —
 * needed as `yaml.safe_load` reads YAML (PyYAML, YAML 1.1; the downloads' loading snippet): a string such
 * as `2024-01-01T00:00:00Z`, `yes`, `on`, `1_000` or `1:30` is quoted, or Python would get a datetime, a
 * bool or an int — and one YAML 1.2 reads as another type (`0o17`, `1e3`), or restplay would.
 */
export function writeYaml(value: PlainValue): string {
  const doc = new Document(value, { version: "1.1", aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      const v: unknown = node.value;
      // A float JavaScript writes without a fraction (`1e+21`) is text for PyYAML: written as PyYAML writes it.
      if (typeof v === "number" && /e/.test(String(v)) && !String(v).includes(".")) {
        node.value = String(v).replace("e", ".0e");
        node.tag = "tag:yaml.org,2002:float";
        return;
      }
      if (typeof v !== "string") return;
      // Line and paragraph separators and a BOM break PyYAML's plain scalars (it reads U+2028 as a line break).
      if (/[\u2028\u2029\ufeff]/.test(v) || CORE_1_2.test(v)) node.type = "QUOTE_DOUBLE";
      if (!PYYAML_TAGS.has(v)) return;
      node.type = "QUOTE_DOUBLE";
      // `yaml` writes `<<` plain whatever its type: an explicit string tag keeps it text for PyYAML (and for restplay).
      if (v === "<<") node.tag = "tag:yaml.org,2002:str";
    },
    Map(_, node) {
      const only = node.items.length === 1 ? node.items[0] : undefined;
      if (only && isScalar(only.key) && only.key.value === PY_NUMBER && isScalar(only.value) && typeof only.value.value === "string")
        return yamlNumber(only.value.value);
      if (only && isScalar(only.key) && only.key.value === "$format" && isSeq(only.value)) node.flow = true;
      if (only && isScalar(only.key) && isMarker(only.key.value) && isScalar(only.value) && typeof only.value.value === "string") {
        node.flow = true;
        // Multi-line code reads better as one double-quoted line than as a folded flow scalar.
        if (only.value.value.includes("\n")) only.value.type = "QUOTE_DOUBLE";
      }
      if (isMap(node) && node.items.length === 0) node.flow = true;
      // A cast reference, or one read by `get`, reads as one too: `limit: {$config: lim, $cast: int}`.
      if (isRef(node.toJSON())) node.flow = true;
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 });
}
