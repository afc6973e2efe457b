/** The Python table (lib/testing/python-cases): exact diagnostics and the config read, for every row. */
import { describe, expect, it } from "vitest";
import { PYTHON_CASES } from "../testing/python-cases";
import { BASE, file, posts } from "../testing/python-cases/kit";
import { applyEdits, validateText } from "./index";

describe("Python files as dlt users write them", () => {
  it.each(PYTHON_CASES.map((c) => [c.title, c] as const))("%s", (_title, c) => {
    const r = validateText(c.text, "python");
    expect(r.format).toBe("python");
    const got = r.diagnostics.map((d, i) => [d.code, d.path, c.text.slice(d.range.start, d.range.start + (c.notes[i]?.[2].length ?? 12))]);
    expect(got).toEqual(c.notes.map((n) => [...n]));
    expect(r.value).toEqual(c.value);
    expect(r.valid).toBe(c.notes.every(([code]) => r.diagnostics.find((d) => d.code === code)?.severity !== "error"));
    for (const d of r.diagnostics) expect(d.message.length, d.code).toBeGreaterThan(40);
  });

  it("has at least 60 rows, each titled once", () => {
    expect(PYTHON_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PYTHON_CASES.map((c) => c.title)).size).toBe(PYTHON_CASES.length);
  });
});

describe("Python code the playground does not run", () => {
  it("says what a run does instead, for where the code is", () => {
    const text = `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "auth": my_auth},
    "resources": [
        {
            "name": "issues",
            "endpoint": {"path": "issues", "paginator": MyPaginator(), "params": {"since": compute_since()}},
            "processing_steps": [{"filter": lambda x: x["id"] < 10}, {"map": lower_title}],
        },
        repositories(),
    ],
})
`;
    const notes = validateText(text, "python").diagnostics.filter(
      (d) => d.code === "python_not_executed" || d.code === "python_custom_class",
    );
    const say = (path: string) =>
      notes.find((d) => d.path === path)?.message ?? `nothing at ${path}: ${notes.map((d) => d.path).join(", ")}`;
    expect(say("/client/auth")).toContain("a playground run stops the resources that use it");
    expect(say("/resources/0/processing_steps/0/filter")).toContain("skips this step: the records pass through as the API sent them");
    expect(say("/resources/0/processing_steps/1/map")).toContain("skips this step");
    expect(say("/resources/0/endpoint/params/since")).toContain("a playground run leaves the value out");
    expect(say("/resources/1")).toContain("a playground run leaves this resource out");
  });
});

describe("a string with a \\N{NAME} escape", () => {
  // Python 3.11 reads "a\N{BULLET}b" as "a\u2022b" (`ascii()` of it: 'a\u2022b'); restplay has no Unicode name table.
  it("is an error where it is, saying how to write the character so both read it, and nothing else is said of it", () => {
    const text = file(`{"client": {"base_url": "${BASE}", "headers": {"X-Sep": "a\\N{BULLET}b"}},
        "resources": [{"name": "p", "endpoint": {"path": "p", "params": {"q": "x" "\\N{BULLET}"}}}]}`);
    const r = validateText(text, "python");
    expect(r.valid).toBe(false);
    const at = (path: string) => r.diagnostics.filter((x) => x.path === path).map((d) => [d.severity, d.code]);
    expect(at("/client/headers/X-Sep")).toEqual([["error", "python_named_escape"]]);
    expect(at("/resources/0/endpoint/params/q")).toEqual([["error", "python_named_escape"]]);
    const d = r.diagnostics.find((x) => x.path === "/resources/0/endpoint/params/q")!;
    expect(text.slice(d.range.start, d.range.end)).toBe('"\\N{BULLET}"');
    expect(d.message).toContain(`python3 -c 'print(ascii("\\N{BULLET}"))'`);
    // An escaped backslash before N is text, a raw string's too: no escape there.
    expect(
      validateText(
        file(`{"client": {"base_url": "${BASE}", "headers": {"X-A": "a\\\\N{BULLET}", "X-B": r"\\N{BULLET}"}},
        "resources": ["posts"]}`),
        "python",
      ).diagnostics.filter((x) => x.code === "python_named_escape"),
    ).toEqual([]);
  });
});

describe("a tuple key (dlt.resource's nested_hints path of a list inside a list)", () => {
  const text = `source = rest_api_source({
    "client": {"base_url": "https://shop.example.com/"},
    "resources": [
        {
            "name": "customers",
            "endpoint": "customers",
            "nested_hints": {
                "purchases": {},
                ("purchases", "coupons"): {"columns": {"at": {"name": "at", "data_type": "timestamp"}}},
            },
        },
    ],
})
`;
  it("is an error, as dlt's rest_api_source refuses it; the fix writes the path as one string, which dlt takes", () => {
    const r = validateText(text, "python");
    expect(r.valid).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([["python_tuple_key", "error", "/resources/0/nested_hints"]]);
    // dlt's own words (probed with dlt 1.26.0: DictValidationException).
    expect(r.diagnostics[0]!.message).toContain("field `nested_hints` with key `('purchases', 'coupons')` must be a `str`");
    const fixed = validateText(applyEdits(text, r.diagnostics[0]!.fixes![0]!.edits), "python");
    expect(fixed.valid).toBe(true);
    expect(fixed.source!.resources[0]!.table.nested_hints!.map((h) => h.path)).toEqual(["purchases", "purchases__coupons"]);
    // Anywhere else, the same refusal, without a fix.
    const params = validateText(text.replace('"endpoint": "customers",', '"endpoint": {"path": "c", "params": {("a",): 1}},'), "python");
    expect(
      params.diagnostics
        .filter((d) => d.code === "python_tuple_key" && d.path.endsWith("/params"))
        .map((d) => [d.message.includes("`params` with key `('a',)`"), d.fixes]),
    ).toEqual([[true, undefined]]);
    // A key that is a tuple of anything else is still not a key restplay or a config can read.
    expect(validateText(text.replace('("purchases", "coupons")', "(1, 2)"), "python").diagnostics.map((d) => d.code)).toEqual([
      "invalid_key",
    ]);
  });
});

describe("a tuple value (Python)", () => {
  const config = (value: string, where = '"primary_key"') => `source = rest_api_source({
    "client": {"base_url": "https://shop.example.com/"},
    "resources": [{"name": "orders", "endpoint": {"path": "orders", "params": {"ids": ("a", "b")}}, ${where}: ${value}}],
})
`;
  it("is an error where dlt's config validation wants a list (probed), with a fix to a list; in params and bodies it is a list", () => {
    const r = validateText(config('("id", "slug")'), "python");
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([["python_tuple_value", "error", "/resources/0/primary_key"]]);
    const fixed = applyEdits(config('("id", "slug")'), r.diagnostics[0]!.fixes![0]!.edits);
    expect(fixed).toContain('"primary_key": ["id", "slug"]');
    expect(validateText(fixed, "python").valid).toBe(true);
    expect(validateText(config('["id",]'), "python").source!.resources[0]!.endpoint.params.own).toEqual({ ids: ["a", "b"] });
  });
});

describe("a decimal integer with leading zeros (Python)", () => {
  it("is Python's syntax error, with a fix; zero itself stays zero", () => {
    const text = (n: string) =>
      `source = rest_api_source({"client": {"base_url": "https://a.example/"}, ` +
      `"resources": [{"name": "a", "max_table_nesting": ${n}, "endpoint": "a"}]})\n`;
    const r = validateText(text("010"), "python");
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["syntax_error", "error"]]);
    expect(
      validateText(applyEdits(text("010"), r.diagnostics[0]!.fixes![0]!.edits), "python").source!.resources[0]!.table.max_table_nesting,
    ).toBe(10);
    expect(validateText(text("00"), "python").valid).toBe(true);
    expect(validateText(text("0o10"), "python").source!.resources[0]!.table.max_table_nesting).toBe(8);
  });
});

describe("your own auth class without @configspec", () => {
  it("is refused as dlt refuses its instance; the fix decorates it and imports configspec, and the file is valid", () => {
    const text = `import dlt
from dlt.sources.rest_api import rest_api_source
from dlt.sources.helpers.rest_client.auth import AuthConfigBase


class TokenAuth(AuthConfigBase):
    def __init__(self, token):
        self.token = token


source = rest_api_source({"client": {"base_url": "https://a.example/", "auth": TokenAuth(dlt.secrets["t"])}, "resources": ["posts"]})
`;
    const r = validateText(text, "python");
    const d = r.diagnostics.find((x) => x.code === "auth_not_configspec")!;
    expect(d.severity).toBe("error");
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toContain("from dlt.common.configuration import configspec\n");
    expect(fixed).toContain("@configspec\nclass TokenAuth(AuthConfigBase):");
    expect(validateText(fixed, "python").diagnostics.map((x) => x.code)).toEqual(["python_custom_class"]);
  });
});

describe("a value that is Python restplay does not evaluate, where other keys' checks read it", () => {
  const inFunction = (body: string) =>
    `from dlt.sources.rest_api import rest_api_source\n\n\ndef make(name, params, endpoint):\n    return rest_api_source(${body})\n`;
  const codes = (body: string) => {
    const r = validateText(inFunction(body), "python");
    return { valid: r.valid, codes: r.diagnostics.map((d) => `${d.severity}:${d.code}`) };
  };

  it("is no error where dlt evaluates it first (a name from an f-string, params from a variable, resources from a comprehension)", () => {
    const base = `"client": {"base_url": "${BASE}"}`;
    for (const resources of [
      `[{"name": name, "endpoint": {"path": "posts"}}]`,
      `[{"name": f"games_{name}", "endpoint": {"path": "games"}}]`,
      `["posts", {"name": "details", "endpoint": {"path": "posts/{post_id}", "params": params}}]`,
      `["posts", {"name": "comments", "endpoint": endpoint, "include_from_parent": ["id"]}]`,
      `[{"name": n, "endpoint": {"path": n}} for n in NAMES]`,
    ]) {
      const got = codes(`{${base}, "resources": ${resources}}`);
      expect(got, resources).toEqual({ valid: true, codes: expect.arrayContaining(["info:python_not_executed"]) });
      expect(
        got.codes.filter((c) => c.startsWith("error")),
        resources,
      ).toEqual([]);
    }
  });

  it("excuses nothing in a resource that has no such value: a placeholder without its param there stays an error", () => {
    const got = codes(
      `{"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "a", "endpoint": {"path": "a", "params": params}}, ` +
        `{"name": "b", "endpoint": {"path": "b/{id}"}}]}`,
    );
    expect(got.valid).toBe(false);
    expect(got.codes).toContain("error:path_param_missing");
  });
});

describe("None for a key dlt types Optional and defaults to None", () => {
  const withNones = (paginator: string, extra = "") =>
    file(
      `{"client": {"base_url": "${BASE}", "session": None}, ` +
        `"resources": [{"name": "posts", "nested_hints": None, "endpoint": {"path": "posts", "paginator": ${paginator}${extra}}}]}`,
    );

  it("is the key left out, as dlt runs it (the docs table: has_more_path defaults to None)", () => {
    for (const paginator of [
      `{"type": "page_number", "base_page": 1, "page": None, "maximum_page": None, "has_more_path": None, "total_path": None}`,
      `{"type": "offset", "limit": 10, "maximum_offset": None}`,
    ]) {
      const r = validateText(
        withNones(
          paginator,
          `, "incremental": {"cursor_path": "id", "start_param": "since", "end_param": None, "lag": None, "row_order": None}`,
        ),
        "python",
      );
      expect(
        r.diagnostics.filter((d) => d.severity === "error"),
        paginator,
      ).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });

  it("stays an error where None means something else to dlt (offset: None fails its first request)", () => {
    const r = validateText(withNones(`{"type": "offset", "limit": 10, "offset": None}`), "python");
    expect(r.diagnostics.map((d) => d.code)).toContain("invalid_type");
  });
});

describe('an auth given by its type name alone (dlt\'s INVALID_CONFIGS: "auth": "api_key")', () => {
  it("warns as the dict without its fields does (dlt fails without them); the fix writes secret references, which validate clean", () => {
    for (const [type, fields] of [
      ["bearer", ["token"]],
      ["api_key", ["api_key"]],
      ["http_basic", ["username", "password"]],
    ] as const) {
      const text = file(`{"client": {"base_url": "${BASE}", "auth": "${type}"}, "resources": ["posts"]}`);
      const r = validateText(text, "python");
      const d = r.diagnostics.find((x) => x.code === "auth_field_missing");
      expect(d?.severity, type).toBe("warning");
      for (const f of fields) expect(d?.message).toContain(`\`${f}\``);
      const fixed = applyEdits(text, d!.fixes![0]!.edits);
      for (const f of fields) expect(fixed).toContain(`"${f}": dlt.secrets["${f}"]`);
      expect(
        validateText(fixed, "python").diagnostics.map((x) => x.code),
        type,
      ).toEqual([]);
    }
  });
});

describe("stop_after_empty_page: None", () => {
  it("runs as false (dlt tests its truth: with no total_path it is dlt's never-stops error); the fix writes False", () => {
    const text = file(posts('{"paginator": {"type": "page_number", "total_path": "meta.total", "stop_after_empty_page": None}}'));
    const r = validateText(text, "python");
    expect(r.valid).toBe(true);
    const d = r.diagnostics.find((x) => x.code === "paginator_none_is_false")!;
    const p = r.source?.resources[0]?.endpoint.paginator as { stop_after_empty_page?: boolean } | undefined;
    expect(p?.stop_after_empty_page).toBe(false);
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toContain('"stop_after_empty_page": False');
    expect(validateText(fixed, "python").diagnostics.map((x) => x.code)).toEqual([]);
  });
});

describe("stop_after_empty_page: None with nothing else to stop on", () => {
  it("is dlt's build-time error (its check tests the truth too)", () => {
    const text = file(posts('{"paginator": {"type": "page_number", "total_path": None, "stop_after_empty_page": None}}'));
    expect(validateText(text, "python").diagnostics.map((x) => x.code)).toContain("paginator_never_stops");
  });
});
