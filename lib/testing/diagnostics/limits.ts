/**
 * Table of the input limits and key-path guards (issue #13) for diagnostics.test.ts: each hostile
 * shape, small enough to run in the table, refused with its code at the first place past the limit.
 */
import { MAX_DEPTH, MAX_VALUES } from "../../formats/limits";
import { MAX_DIAGNOSTICS, MAX_RESOURCES } from "../../config/limits";
import { pres, res, yres, type Case } from "./kit";

// Small builders (the full-size hostile inputs are lib/testing/hostile.ts, used by tests and bench).
const nestedList = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
/** `x{i}: &a{i} [*a{i-1}, *a{i-1}]`: each line doubles what the aliases expand to. */
const yamlAliasBomb = (n: number) => {
  const lines = Array.from({ length: n - 1 }, (_, k) => `x${k + 1}: &a${k + 1} [*a${k}, *a${k}]\n`).join("");
  return `x0: &a0 [1, 2]\n${lines}client:\n  base_url: https://a.example/\nresources: [r]\n`;
};
/** `n` resource names, one per line after the `resources` line (line 2). */
const shorthands = (n: number) =>
  `{"client": {"base_url": "https://a.example/"}, "resources": [\n${Array.from({ length: n }, (_, i) => `"r${i}"`).join(",\n")}\n]}`;
/** A YAML client with `n` unknown keys. */
const unknownKeys = (n: number) =>
  `client: {base_url: "https://a.example/", ${Array.from({ length: n }, (_, i) => `base_ur${i}: ${i}`).join(", ")}}\nresources: [r]\n`;

/** Levels above the `a` list in `endpoint.json.a` (root, resources, [0], endpoint, json). */
const ABOVE_A = 5;
/** Pointer of the first too-deep list inside `json.a` (the list at level MAX_DEPTH + 1). */
const DEEP_PATH = `/resources/0/endpoint/json/a${"/0".repeat(MAX_DEPTH - ABOVE_A)}`;
/** 1-based column of that list's `[` when `a`'s list starts at column `col`. */
const deepColumn = (col: number) => col + MAX_DEPTH - ABOVE_A;

const jsonLine = `      "endpoint": {"json": {"a": `;
const yamlLine = "    endpoint: {json: {a: ";
const pyLine = `            "endpoint": {"json": {"a": `;

/** YAML block lists, one `-` per line, each two columns deeper: the `-` at level MAX_DEPTH + 1 is cut. */
function yamlBlock(levels: number): string {
  let body = "    endpoint:\n      json:\n        a:\n";
  for (let i = 0; i < levels; i++) body += `${" ".repeat(8 + 2 * i)}-\n`;
  return yres(body.trimEnd());
}

const zeros = (n: number) => `[${"0, ".repeat(n - 1)}0]`;

// `not` chain: `a`'s value sits in 5 dicts and lists, so `not` number MAX_DEPTH - 4 (column 42 + 4 × 59) is too deep.
// Values: 16 come before the zeros (dicts, lists, keys, strings), so zero number MAX_VALUES - 15 is one too many.

/** 1-based column of `token` in `line`. */
const col = (line: string, token: string) => line.indexOf(token) + 1;
const bodyPath = `      "endpoint": {"paginator": {"type": "offset", "limit": 10, "limit_body_path": "__proto__.polluted"}}`;
const selector = "      data_selector: $.constructor.items";
const placeholder = `            "endpoint": {"params": {"id": "{resources.posts.__proto__}"}},`;
const headerCursor = `      "endpoint": {"paginator": {"type": "header_cursor", "cursor_key": "X Next:"}}`;

export const LIMIT_CASES: Case[] = [
  [
    "__proto__ in a body path",
    "json",
    res(bodyPath),
    "unsafe_path_segment",
    "/resources/0/endpoint/paginator/limit_body_path",
    "__proto__",
    6,
    col(bodyPath, "__proto__"),
  ],
  [
    "constructor in a data selector",
    "yaml",
    yres(`    endpoint:\n${selector}`),
    "unsafe_path_segment",
    "/resources/0/endpoint/data_selector",
    "constructor",
    6,
    col(selector, "constructor"),
  ],
  [
    "__proto__ in a placeholder",
    "python",
    pres(placeholder),
    "unsafe_path_segment",
    "/resources/0/endpoint/params/id",
    "{resources.posts.__proto__}",
    6,
    col(placeholder, "{resources"),
  ],
  [
    "header_cursor key that is no header name",
    "json",
    res(headerCursor),
    "invalid_value",
    "/resources/0/endpoint/paginator/cursor_key",
    '"X Next:"',
    6,
    col(headerCursor, '"X Next'),
  ],
  [
    "list nested past the depth limit",
    "json",
    res(`${jsonLine}${nestedList(2000)}}}`),
    "too_deep",
    DEEP_PATH,
    "[",
    6,
    deepColumn(jsonLine.length + 1),
  ],
  [
    "flow list nested past the depth limit",
    "yaml",
    yres(`${yamlLine}${nestedList(2000)}}}`),
    "too_deep",
    DEEP_PATH,
    "[",
    5,
    deepColumn(yamlLine.length + 1),
  ],
  [
    "block list nested past the depth limit",
    "yaml",
    yamlBlock(100),
    "too_deep",
    DEEP_PATH,
    "-",
    8 + MAX_DEPTH - ABOVE_A,
    9 + 2 * (MAX_DEPTH - ABOVE_A),
  ],
  [
    "Python list nested past the depth limit",
    "python",
    pres(`${pyLine}${nestedList(2000)}}},`),
    "too_deep",
    DEEP_PATH,
    "[",
    6,
    deepColumn(pyLine.length + 1),
  ],
  [
    "Python `not` chain past the depth limit",
    "python",
    pres(`            "endpoint": {"params": {"a": ${"not ".repeat(100)}x}},`),
    "too_deep",
    "",
    "not",
    6,
    42 + 4 * (MAX_DEPTH - 5),
  ],
  [
    "more values than the limit",
    "json",
    res(`      "endpoint": {"json": {"a": ${zeros(MAX_VALUES)}}}`),
    "too_many_values",
    "",
    "0",
    6,
    35 + 3 * (MAX_VALUES - 16),
  ],
  // x1…x11 add 16,354 values, the first `*a11` of x12 8,191 more; the second passes 30,000.
  ["YAML alias bomb", "yaml", yamlAliasBomb(40), "yaml_alias_limit", "/x12/1", "*a11", 13, 18],
  // Shorthand resources, one per line after the `resources` line: `"r1000"` is on line 1002.
  [
    "more resources than the limit",
    "json",
    shorthands(MAX_RESOURCES + 5),
    "too_many_resources",
    `/resources/${MAX_RESOURCES}`,
    `"r${MAX_RESOURCES}"`,
    MAX_RESOURCES + 2,
    1,
  ],
  ["more problems than are listed", "yaml", unknownKeys(MAX_DIAGNOSTICS + 10), "too_many_problems", "", "", 1, 1],
  [
    "YAML alias inside its own anchor",
    "yaml",
    yres("    endpoint: {json: {a: &r [1, *r]}}"),
    "yaml_recursive_alias",
    "/resources/0/endpoint/json/a/1",
    "*r",
    5,
    33,
  ],
];
