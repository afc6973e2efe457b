/**
 * JSONPaths dlt's parser (jsonpath-ng "ext") refuses, for diagnostics.test.ts: `invalid_jsonpath`
 * at the character jsonpath-ng stops at, in each format and in each kind of place a JSONPath is read.
 */
import { pres, res, yres, type Case, type ValidCase } from "./kit";

const EP = "/resources/0/endpoint";
const col = (line: string, token: string) => line.indexOf(token) + 1;

const boolName = `      "endpoint": {"data_selector": "$.true_count"}`;
const cursor = `        cursor_path: meta..[`;
const field = `            "endpoint": {"path": "p/{id}", "params": {"id": {"type": "resolve", "resource": "a", "field": "id[0,1]"}}},`;
const incremental = `      incremental: {cursor_path: "updated_at ==", initial_value: "2024-01-01"}`;

export const JSONPATH_CASES: Case[] = [
  ["a name that starts with true", "json", res(boolName), "invalid_jsonpath", `${EP}/data_selector`, "true", 6, col(boolName, "true_")],
  [
    "a path that ends too early (the last character is marked)",
    "yaml",
    yres(`    endpoint:\n      paginator:\n        type: cursor\n${cursor}`),
    "invalid_jsonpath",
    `${EP}/paginator/cursor_path`,
    "[",
    8,
    col(cursor, "["),
  ],
  ["two indices in one bracket", "python", pres(field), "invalid_jsonpath", `${EP}/params/id/field`, ",", 6, col(field, ",1]")],
  [
    "a comparison outside a filter",
    "yaml",
    yres(`    endpoint:\n      path: p\n${incremental}`),
    "invalid_jsonpath",
    `${EP}/incremental/cursor_path`,
    "=",
    7,
    col(incremental, "=="),
  ],
];

const intersectSelector = `      "endpoint": {"data_selector": "$.data & $.items"}`;

/** Paths dlt reads: no error, sorting included; `&`, which jsonpath-ng cannot evaluate, is told. */
export const JSONPATH_VALID: ValidCase[] = [
  [
    "a filter, a union and `where` are evaluated",
    "json",
    res(`      "endpoint": {"data_selector": "$.data[?(@.active == true)] | extra where id"}`),
    [],
  ],
  [
    "sorting, arithmetic and `sub` are evaluated",
    "json",
    res(`      "endpoint": {"data_selector": "$.data[/created_at].\`sorted\` | a + 1"}`),
    [],
  ],
  [
    "`&` parses in dlt and fails its run",
    "json",
    res(intersectSelector),
    [["jsonpath_intersect", `${EP}/data_selector`, '"$.data & $.items"', 6, col(intersectSelector, '"$.data')]],
  ],
];
