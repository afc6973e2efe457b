/**
 * A paginator's or auth's `type` given as a reference. dlt 1.26.0 (a loopback API): `dlt.config["pag_type"]` is read
 * while Python builds the config dict — without a value it raises ConfigFieldMissingException there, before
 * `rest_api_source` is called; with `PAG_TYPE=page_number` the source runs as with the literal (`?page=0`, `?page=1`
 * up to `maximum_page` 2); with `pagenumber` `rest_api_source` fails with DictValidationException.
 */
import { describe, expect, it } from "vitest";
import { validateText } from "./validate";
import { checkConfig, notRunnableReason } from "./checked";
import { dltAutoCast, dltConfigValue } from "../shared";

const python = (paginator: string) => `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({"client": {"base_url": "https://api.example.com"},
    "resources": [{"name": "items", "endpoint": {"path": "items", "paginator": ${paginator}}}]})
`;
const codes = (r: ReturnType<typeof validateText>) => r.diagnostics.map((d) => [d.severity, d.code]);

describe("a typed dict's type given as dlt.config[...]", () => {
  it("is a type known when dlt runs: an info, not an unknown type, and the config has no error", () => {
    const text = python(`{"type": dlt.config["pag_type"], "maximum_page": 2, "page_param": "page", "total_path": None}`);
    const r = validateText(text, "python");
    expect(codes(r)).toEqual([["info", "type_at_run_time"]]);
    const [d] = r.diagnostics;
    expect(text.slice(d!.range.start, d!.range.end)).toBe('dlt.config["pag_type"]');
    expect(d!.message).toContain('`resources[0].endpoint.paginator.type` is dlt.config["pag_type"]');
    expect(d!.message).toContain("ConfigFieldMissingException");
    expect(r.valid).toBe(true);
    // Nothing to run without its value: said as such, not as "0 errors".
    expect(checkConfig(text, "python").source).toBeNull();
    expect(checkConfig(text, "python", { pag_type: "page_number" }).source).not.toBeNull();
    expect(notRunnableReason(r.diagnostics)).toContain("`resources[0].endpoint.paginator.type` is known only when dlt runs");
  });

  it("its dict's keys are checked against every type's, in JSON too, and for auth", () => {
    const json = JSON.stringify({
      client: { base_url: "https://a.example", auth: { type: { $config: "auth_type" }, token: { $secret: "tok" } } },
      resources: [{ name: "items", endpoint: { paginator: { type: { $config: "pag_type" }, maxium_page: 2 } } }],
    });
    const r = validateText(json, "json");
    expect(codes(r)).toEqual([
      ["info", "type_at_run_time"],
      ["info", "type_at_run_time"],
      ["error", "unknown_key"],
    ]);
    expect(r.diagnostics[2]!.message).toContain("Did you mean `maximum_page`?");
  });

  it("with the run's value it is checked and resolved as that type written literally", () => {
    const text = python(`{"type": dlt.config["pag_type"], "maximum_page": 2, "page_param": "page", "total_path": None}`);
    const r = validateText(text, "python", { refValues: { pag_type: "page_number" } });
    expect(codes(r)).toEqual([]);
    expect(r.source?.resources[0]?.endpoint.paginator).toMatchObject({ type: "page_number", maximum_page: 2 });
    const wrong = validateText(text, "python", { refValues: { pag_type: "pagenumber" } });
    expect(codes(wrong)).toEqual([["error", "invalid_paginator_type"]]);
  });
});

/**
 * A reference where dlt's config wants a number, a bool or a dict. dlt 1.26.0 (a loopback API): `dlt.config[...]` gives
 * what `auto_cast` makes of text — `PAGE_SIZE=50` and `page_size = "50"` the int 50, `STOP=false` the bool False,
 * `PAGINATOR='{"type": "offset", …}'` (or a TOML table) the dict — and the source runs as with the literal; written
 * as text (`"limit": "2"`, `"stop_after_empty_page": "false"`) dlt refuses it (DictValidationException), as it does
 * `PAGE_SIZE=abc` or `STOP=no` (text). Without a value Python raises ConfigFieldMissingException.
 */
describe("a number, bool or dict given as dlt.config[...]", () => {
  it("is a value known when dlt runs: an info, no invalid_type or missing key, and no source without its value", () => {
    const text = python(`{"type": "offset", "limit": dlt.config["page_size"], "total_path": None}`);
    const r = validateText(text, "python");
    expect(codes(r)).toEqual([["info", "value_at_run_time"]]);
    const [d] = r.diagnostics;
    expect(text.slice(d!.range.start, d!.range.end)).toBe('dlt.config["page_size"]');
    expect(d!.message).toContain("ConfigFieldMissingException");
    expect(r.valid).toBe(true);
    expect(checkConfig(text, "python").source).toBeNull();
    expect(notRunnableReason(r.diagnostics)).toContain("`resources[0].endpoint.paginator.limit` is known only when dlt runs");
  });

  it("wrapped in Python restplay does not evaluate (int(...) * 2), the run names that value as what it lacks, not '0 errors'", () => {
    const text = python(`{"type": "offset", "limit": int(dlt.config["page_size"]) * 2, "total_path": None}`);
    const r = validateText(text, "python");
    expect([r.valid, checkConfig(text, "python").source]).toEqual([true, null]);
    expect(notRunnableReason(r.diagnostics)).toBe(
      "`resources[0].endpoint.paginator.limit` is Python restplay does not evaluate, and the config does not run without it " +
        "(dlt evaluates it when it runs): write the value literally, or as a module-level constant, to run it here",
    );
    // A step or a resource left out is no reason: such a config runs.
    const steps = python(`{"type": "offset", "limit": 10, "total_path": None}`).replace(
      "}}]})",
      '}, "processing_steps": [{"map": lambda r: r}]}]})',
    );
    expect(checkConfig(steps, "python").source).not.toBeNull();
    expect(notRunnableReason(validateText(steps, "python").diagnostics)).toBeNull();
  });

  it("with the run's value it is what dlt reads from that text: an int, a bool, a dict", () => {
    const limit = python(`{"type": "offset", "limit": dlt.config["page_size"], "total_path": None}`);
    expect(checkConfig(limit, "python", { page_size: "50" }).source?.resources[0]?.endpoint.paginator).toMatchObject({ limit: 50 });
    expect(codes(validateText(limit, "python", { refValues: { page_size: "abc" } }))).toEqual([["error", "invalid_type"]]);
    // `PAGE_SIZE=2.0` is the float 2.0 for dlt, which refuses it as `limit` (DictValidationException).
    const float = validateText(limit, "python", { refValues: { page_size: "2.0" } });
    expect(codes(float)).toEqual([["error", "invalid_type"]]);
    expect(float.diagnostics[0]!.message).toContain("float");
    expect(codes(validateText(limit, "python", { refValues: { page_size: "0x10" } }))).toEqual([]);
    const stop = python(`{"type": "page_number", "stop_after_empty_page": dlt.config["stop"], "maximum_page": 5, "total_path": None}`);
    const stops = (v: string) => checkConfig(stop, "python", { stop: v }).source?.resources[0]?.endpoint.paginator;
    expect(stops("false")).toMatchObject({ stop_after_empty_page: false });
    expect(stops("True")).toMatchObject({ stop_after_empty_page: true });
    expect(stops("no")).toBeUndefined();
    const whole = python(`dlt.config["paginator"]`);
    expect(codes(validateText(whole, "python"))).toEqual([["info", "value_at_run_time"]]);
    const given = checkConfig(whole, "python", { paginator: '{"type": "offset", "limit": 2, "total_path": null}' });
    expect(given.source?.resources[0]?.endpoint.paginator).toMatchObject({ type: "offset", limit: 2 });
  });

  it("in JSON too, for a secret; where dlt's config wants text only a reference stays an error", () => {
    const json = JSON.stringify({
      client: { base_url: "https://a.example" },
      resources: [{ name: "items", endpoint: { paginator: { type: "offset", limit: 10, maximum_offset: { $secret: "max" } } } }],
    });
    expect(codes(validateText(json, "json"))).toEqual([
      ["info", "default_total_path"],
      ["info", "value_at_run_time"],
    ]);
    // A secret's value dlt refuses is said without the value.
    const wrong = validateText(json, "json", { refValues: { max: "s3cr3t-value" } });
    expect(codes(wrong)).toContainEqual(["error", "invalid_type"]);
    expect(JSON.stringify(wrong.diagnostics)).not.toContain("s3cr3t-value");
    const text = python(`{"type": "page_number", "page_param": dlt.config["pp"], "total_path": None}`);
    expect(codes(validateText(text, "python"))).toEqual([["error", "invalid_type"]]);
  });
});

describe('an auth dict given as a secret (dlt.secrets["auth"])', () => {
  const text = `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({"client": {"base_url": "https://api.example.com", "auth": dlt.secrets["auth"]}, "resources": ["items"]})
`;
  const at = { start: text.indexOf('dlt.secrets["auth"]'), end: text.indexOf('dlt.secrets["auth"]') + 'dlt.secrets["auth"]'.length };

  it("is not a credential written into the config: no hardcoded_secret, and the auth runs", () => {
    const r = checkConfig(text, "python", { auth: '{"type": "bearer", "token": "sk_live_4242abcd"}' });
    expect(r.diagnostics).toEqual([]);
    expect(r.source?.resources[0]?.endpoint.auth).toMatchObject({ config: { type: "bearer", token: "sk_live_4242abcd" } });
  });

  it("an error inside it is said on the reference, with no fix, and none of its strings or numbers", () => {
    const r = checkConfig(text, "python", { auth: '{"type": "http_basic", "username": "alice_in_ops", "password": 918273645}' });
    expect(r.diagnostics.map((d) => [d.code, d.path, d.range])).toEqual([["invalid_type", "/client/auth/password", at]]);
    expect(r.diagnostics[0]?.fixes).toBeUndefined();
    expect(JSON.stringify(r.diagnostics)).not.toMatch(/918273645|alice_in_ops/);
    expect(r.diagnostics[0]?.message).toContain("`client.auth.password` expects a string");
  });
});

describe("a secret dlt reads as a number where the config refuses it", () => {
  it("is said without the number it reads either (`1e5` is 100000, `0x1F2E3D` 2043453)", () => {
    const text = python(`{"type": "offset", "limit": 10, "total_path": None, "stop_after_empty_page": dlt.secrets["s"]}`);
    for (const [given, read] of [
      ["1e5", "100000"],
      ["0x1F2E3D", "2043453"],
    ]) {
      const r = checkConfig(text, "python", { s: given! });
      expect(r.diagnostics.map((d) => d.code)).toContain("invalid_type");
      expect(JSON.stringify(r.diagnostics)).not.toContain(read);
    }
  });

  it("a dict is not said as Python's str() of it either, nor written into the text by a quick fix", () => {
    const text = python(`{"type": "page_number", "total_path": None, "limit": dlt.secrets["s"]}`);
    const r = checkConfig(text, "python", { s: '{"page_size_secret": 1}' });
    expect(r.diagnostics.map((d) => d.code)).toContain("dialect_page_number_limit");
    expect(JSON.stringify(r.diagnostics)).not.toContain("page_size_secret");
  });
});

describe("a list or dict given as JSON text, read with Python's json as dlt reads it", () => {
  const whole = python(`dlt.config["paginator"]`);
  const errorsOf = (value: string) =>
    validateText(whole, "python", { refValues: { paginator: value } }).diagnostics.filter((d) => d.severity === "error");

  it("a float where dlt wants an integer is dlt's error, once: 2.0, 1e1, NaN, Infinity, 1e400 (dlt 1.26.0 refused each)", () => {
    const cases: [string, string][] = [
      ['{"type": "offset", "limit": 2.0}', "`limit=2.0` has invalid type `float` while `int` is expected"],
      ['{"type": "offset", "limit": 1e1}', "`limit=10.0` has invalid type `float` while `int` is expected"],
      ['{"type": "offset", "limit": 2, "maximum_offset": NaN}', "`maximum_offset=nan` has invalid type `float`"],
      ['{"type": "offset", "limit": 2, "maximum_offset": Infinity}', "`maximum_offset=inf` has invalid type `float`"],
      ['{"type": "offset", "limit": 2, "maximum_offset": 1e400}', "`maximum_offset=inf` has invalid type `float`"],
    ];
    for (const [value, said] of cases) {
      const errors = errorsOf(value);
      expect(
        errors.map((d) => [d.code, d.path]),
        value,
      ).toEqual([["invalid_type", "/resources/0/endpoint/paginator"]]);
      expect(errors[0]!.message).toContain(said);
    }
    expect(errorsOf('{"type": "offset", "limit": 2, "total_path": null}')).toEqual([]);
  });
});

describe("a list item given as dlt.config[...] where the list wants text", () => {
  const text = `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({"client": {"base_url": "https://api.example.com"},
    "resources": [
        {"name": "items", "primary_key": [dlt.config["pk"], "org", dlt.config["pk2"]], "merge_key": [dlt.config["pk"]],
            "write_disposition": "merge",
            "endpoint": {"path": "items", "incremental": {"cursor_path": "id", "primary_key": [dlt.config["pk"]]}}},
        {"name": "kids", "include_from_parent": [dlt.config["f"]], "endpoint": {"path": "kids/{resources.items.id}"}},
    ]})
`;

  it("is a value known when dlt runs (dlt 1.26.0 takes PK=id), not invalid_type; the items after it keep their places", () => {
    const r = validateText(text, "python");
    expect(r.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(r.diagnostics.map((d) => d.path)).toEqual([
      "/resources/0/primary_key/0",
      "/resources/0/primary_key/2",
      "/resources/0/merge_key/0",
      "/resources/0/endpoint/incremental/primary_key/0",
      "/resources/1/include_from_parent/0",
    ]);
    expect(r.diagnostics.every((d) => d.code === "value_at_run_time")).toBe(true);
  });

  it("with the run's values it is what dlt reads: text is the column, a number dlt refuses as it refuses the literal", () => {
    const values = { pk: "id", pk2: "region", f: "name" };
    const [items, kids] = checkConfig(text, "python", values).source!.resources;
    expect(items!.primary_key).toEqual(["id", "org", "region"]);
    expect(kids!.include_from_parent).toEqual(["name"]);
    // dlt 1.26.0 with PK=123: `primary_key[0]=123` has invalid type `int` while `str` is expected.
    const wrong = validateText(text, "python", { refValues: { ...values, pk: "123" } });
    expect(wrong.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.path])).toContainEqual([
      "invalid_type",
      "/resources/0/primary_key/0",
    ]);
  });
});

describe("dltConfigValue: the value as Python holds it", () => {
  it("whole floats, inf/nan and integers past 2^53 as markers, in JSON too (recorded from dlt 1.26.0's auto_cast)", () => {
    const cases: [string, unknown][] = [
      ["inf", { $number: "inf" }],
      ["-Infinity", { $number: "-inf" }],
      ["1e400", { $number: "inf" }],
      ["nan", { $number: "nan" }],
      ["9007199254740993", { $number: "9007199254740993" }],
      ["2.0", { $number: "2.0" }],
      ["1e2", { $number: "100.0" }],
      ["2.5", 2.5],
      ["0x10", 16],
      ["[1, 2.0, NaN, 99999999999999999999]", [1, { $number: "2.0" }, { $number: "nan" }, { $number: "99999999999999999999" }]],
      ['{"a": Infinity}', { a: { $number: "inf" } }],
      ["abc", "abc"],
    ];
    for (const [text, value] of cases) expect(dltConfigValue(text), text).toEqual(value);
  });

  it("reads a long value in one pass: 200,000 digits and a letter stay text (dlt 1.26.0: a str, in 13 ms)", () => {
    // The float pattern let two runs of digits split the same digits: a value that was not a float backtracked
    // quadratically (a `--secret` or a request's secret held its run's thread for minutes).
    const text = `${"1".repeat(200_000)}x`;
    expect(dltConfigValue(text)).toBe(text);
    expect(dltConfigValue(`${"1".repeat(100_000)}.5x`)).toBe(`${"1".repeat(100_000)}.5x`);
    expect([dltConfigValue("1_2.3_4"), dltConfigValue("12."), dltConfigValue("1_2")]).toEqual([12.34, { $number: "12.0" }, 12]);
  });
});

describe("dltAutoCast: the value dlt.config[...] gives for text (dlt 1.26.0's auto_cast)", () => {
  it("casts as dlt does", () => {
    // Recorded from dlt.config[...] with environment variables: PAGE_SIZE=50, " 50 ", 1_0, 0x10, 1e2, STOP=false, …
    const cases: [string, unknown][] = [
      ["50", 50],
      [" 50 ", 50],
      ["1_0", 10],
      ["0x10", 16],
      ["1e2", 100],
      ["1.5", 1.5],
      ["false", false],
      ["TRUE", true],
      [" true ", " true "],
      ["0X10", "0X10"],
      ["-0x10", "-0x10"],
      ["no", "no"],
      ['{"type": "offset", "limit": 2}', { type: "offset", limit: 2 }],
      ['"quoted"', '"quoted"'],
      ["page_number", "page_number"],
    ];
    for (const [text, value] of cases) expect(dltAutoCast(text), text).toEqual(value);
  });
});
