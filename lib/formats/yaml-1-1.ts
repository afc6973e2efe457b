/**
 * What `yaml.safe_load` makes of a plain scalar: dlt gets YAML configs through PyYAML (the loading
 * snippet of every YAML download), which reads YAML 1.1 — `yes`/`on`/`off` are booleans, `1_000`, `0777`
 * and `1:30` integers, `2024-01-01` a date, `2024-01-01T00:00:00Z` a datetime, while `1e3` (no fraction,
 * or an exponent without its sign) stays text. restplay reads YAML 1.2 as the editor shows it; where the
 * two differ, the document says so on the value (`yaml_1_1_value`) with a fix that keeps restplay's
 * reading for dlt too. The patterns are PyYAML 6's implicit resolvers (`yaml/resolver.py`).
 */
import type { Diagnostic, Range } from "./types";

type PyYamlType = "bool" | "int" | "float" | "null" | "timestamp" | "merge" | "value" | "str";

/** A whole-text pattern of the given alternatives. */
const alternatives = (...parts: RegExp[]) => new RegExp(`^(?:${parts.map((p) => p.source).join("|")})$`);

const RESOLVERS: readonly (readonly [PyYamlType, RegExp])[] = [
  ["bool", /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/],
  [
    "float",
    // Parts of one pattern anchored at both ends by `alternatives` (the rule reads each literal as if unanchored).
    alternatives(
      // eslint-disable-next-line regexp/no-super-linear-move
      /[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?/,
      /\.[0-9_]+(?:[eE][-+][0-9]+)?/,
      // eslint-disable-next-line regexp/no-super-linear-move
      /[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*/,
      /[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)/,
    ),
  ],
  ["int", /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/],
  ["merge", /^<<$/],
  ["null", /^(?:~|null|Null|NULL|)$/],
  [
    "timestamp",
    alternatives(
      /[0-9]{4}-[0-9]{2}-[0-9]{2}/,
      /[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?/,
    ),
  ],
  ["value", /^=$/],
];

/** PyYAML's integer (`construct_yaml_int`): underscores dropped, `0b`, `0x`, a leading `0` for octal, `:` for base 60. */
function pyYamlInt(text: string): number {
  let t = text.replace(/_/g, "");
  const sign = t.startsWith("-") ? -1 : 1;
  if (t[0] === "-" || t[0] === "+") t = t.slice(1);
  if (t === "0") return 0;
  if (t.startsWith("0b")) return sign * parseInt(t.slice(2), 2);
  if (t.startsWith("0x")) return sign * parseInt(t.slice(2), 16);
  if (t.startsWith("0")) return sign * parseInt(t, 8);
  if (t.includes(":")) return sign * t.split(":").reduce((n, d) => n * 60 + Number(d), 0);
  return sign * Number(t);
}

/** PyYAML's type for a plain scalar's text. */
export function pyYamlType(text: string): PyYamlType {
  for (const [type, re] of RESOLVERS) if (re.test(text)) return type;
  return "str";
}

const WHAT: Readonly<Record<PyYamlType, string>> = {
  bool: "a boolean",
  int: "an integer",
  float: "a float",
  null: "None",
  timestamp: "a date or datetime (which dlt formats with a space, `2024-01-01 00:00:00+00:00`)",
  merge: "a merge key",
  value: "the value tag",
  str: "text",
};

/**
 * A warning where PyYAML reads the plain scalar `source` as another type than restplay's `value`, or
 * null. The fix keeps restplay's reading: a string is quoted, a number written as Python reads it.
 */
export function yaml11Difference(source: string, value: unknown, range: Range, path: string): Diagnostic | null {
  const py = pyYamlType(source);
  const ours: PyYamlType =
    typeof value === "string"
      ? "str"
      : typeof value === "boolean"
        ? "bool"
        : value === null
          ? "null"
          : typeof value === "number"
            ? Number.isInteger(value) && !/[.eE]/.test(source)
              ? "int"
              : "float"
            : "str";
  // Integers of both readings must also be the same number (`0777` is 511 for PyYAML, 777 for YAML 1.2).
  if (py === ours && (py !== "int" || pyYamlInt(source) === value)) return null;
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  const fixText =
    typeof value === "string" ? JSON.stringify(value) : typeof value === "number" && Number.isInteger(value) ? String(value) : null;
  // Two fixes: keep this reading for dlt too, or take dlt's (where the schema wants a boolean, `yes` is one for dlt).
  const theirs = pyYamlSpelling(source, py);
  const fixes = [
    ...(fixText !== null && fixText !== source ? [{ title: `Write ${fixText}`, edits: [{ range, newText: fixText }] }] : []),
    ...(theirs !== null && theirs !== fixText
      ? [{ title: `Write ${theirs} (what yaml.safe_load reads, as dlt gets it)`, edits: [{ range, newText: theirs }] }]
      : []),
  ];
  return {
    severity: "warning",
    code: "yaml_1_1_value",
    path,
    range,
    message:
      `\`${source}\` is ${WHAT[ours]} here (YAML 1.2, ${shown}), but \`yaml.safe_load\` — how dlt gets a YAML config — reads it as ` +
      `${py === "int" ? `the integer ${pyYamlInt(source)}` : WHAT[py]} (YAML 1.1): dlt gets that, not the value shown here. ` +
      (fixText !== null ? `Write ${fixText} to mean the same in both.` : "Quote it, or write it as YAML 1.1 reads it."),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/** PyYAML's value of `source` spelled so that YAML 1.2 reads the same (`yes` -> `true`, `1_000` -> `1000`); null: no such spelling. */
function pyYamlSpelling(source: string, py: PyYamlType): string | null {
  if (py === "bool") return /^(?:yes|true|on)$/i.test(source) ? "true" : "false";
  if (py === "int") return String(pyYamlInt(source));
  if (py === "null") return "null";
  return null;
}

/**
 * An error on a plain key `yaml.safe_load` reads as something other than text (`on:`, `yes:`, `1_000:`,
 * `2024-01-01:`, `true:`): dlt's config validation refuses a key that is not a `str` wherever the
 * config has one (params, headers, columns, bodies; checked with dlt 1.26.0). The fix quotes it.
 */
export function yaml11Key(source: string, range: Range, path: string): Diagnostic | null {
  const py = pyYamlType(source);
  if (py === "str" || py === "merge") return null;
  return {
    severity: "error",
    code: "yaml_1_1_key",
    path,
    range,
    message:
      `The key \`${source}\` is ${py === "int" ? `the integer ${pyYamlInt(source)}` : WHAT[py]} for \`yaml.safe_load\` (YAML 1.1), ` +
      "how dlt gets a YAML config, and dlt refuses a key that is not text. Quote it.",
    fixes: [{ title: `Quote the key: ${JSON.stringify(source)}`, edits: [{ range, newText: JSON.stringify(source) }] }],
  };
}

/**
 * Whether `s` can be written as a plain YAML scalar that both readings take as this text (YAML 1.2, as
 * restplay reads it, and `yaml.safe_load`'s 1.1, as dlt gets it), in block and flow context alike.
 */
export const plainYamlText = (s: string): boolean => /^[A-Za-z_$][\w.\-/$]*$/.test(s) && pyYamlType(s) === "str";
