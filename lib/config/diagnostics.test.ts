import { describe, expect, it } from "vitest";
import { positionAt, type SourceFormat } from "../formats";
import { seedBlocks } from "../testing/seeds";
import { applyEdits, AUTH_TYPES, DIAGNOSTIC_CODES, PAGINATOR_TYPES, validateText, validateValue } from "./index";
import type { Case, ValidCase } from "../testing/diagnostics/kit";
import { CASES } from "../testing/diagnostics";
import { PAGINATOR_CASES, PAGINATOR_VALID } from "../testing/diagnostics/paginators";
import { AUTH_CASES, AUTH_VALID } from "../testing/diagnostics/auth";
import { RESOURCE_CASES, RESOURCE_VALID } from "../testing/diagnostics/resources";
import { CHECK_CASES, CHECK_VALID } from "../testing/diagnostics/checks";
import { FORMAT_CASES, FORMAT_VALID, SEED_CASES } from "../testing/diagnostics/formats";
import { LIMIT_CASES } from "../testing/diagnostics/limits";
import { JSONPATH_CASES, JSONPATH_VALID } from "../testing/diagnostics/jsonpath";
import { PYTHON_CASES } from "../testing/python-cases";

const codes = (text: string) => validateText(text).diagnostics.map((d) => `${d.code} ${d.path}`);

const seeds = seedBlocks();
/** Invalid documents: the diagnostic named by code and path is there, at the given place. */
const INVALID: Case[] = [
  ...CASES,
  ...PAGINATOR_CASES,
  ...AUTH_CASES,
  ...RESOURCE_CASES,
  ...CHECK_CASES,
  ...FORMAT_CASES,
  ...LIMIT_CASES,
  ...JSONPATH_CASES,
];
/** Valid documents (the seeds among them): no error, and exactly the listed warnings and infos. */
const VALID: ValidCase[] = [
  ...PAGINATOR_VALID,
  ...AUTH_VALID,
  ...RESOURCE_VALID,
  ...CHECK_VALID,
  ...FORMAT_VALID,
  ...JSONPATH_VALID,
  ...SEED_CASES.map(([id, notes]): ValidCase => [`seed ${id}`, "python", seeds.find((s) => s.file.startsWith(id))?.code ?? "", notes]),
];
const ALL: [string, SourceFormat, string][] = [...INVALID, ...VALID].map(([title, format, text]) => [title, format, text]);

describe("diagnostics: exact code, path, line and column", () => {
  it.each(INVALID)("%s (%s)", (_title, format, text, code, path, token, line, column) => {
    const r = validateText(text, format);
    expect(r.format).toBe(format);
    const d = r.diagnostics.find((x) => x.code === code && x.path === path);
    expect(d, JSON.stringify(r.diagnostics.map((x) => [x.code, x.path]))).toBeDefined();
    expect(positionAt(text, d!.range.start)).toEqual({ line, column });
    expect(text.slice(d!.range.start, d!.range.start + token.length)).toBe(token);
    // Every message names where the problem is or what it is about, in dlt's words.
    expect(d!.message.length).toBeGreaterThan(30);
    if (d!.severity === "error") expect(r.valid).toBe(false);
    expect(r.config === null).toBe(!r.valid);
  });

  it.each(VALID)("%s (%s): valid, with exactly the listed warnings", (_title, format, text, notes) => {
    const r = validateText(text, format);
    expect(r.format).toBe(format);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}: ${d.message}`)).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.config).not.toBeNull();
    const got = r.diagnostics.map((d, i) => {
      const { line, column } = positionAt(text, d.range.start);
      return [d.code, d.path, text.slice(d.range.start, d.range.start + (notes[i]?.[2].length ?? 20)), line, column];
    });
    expect(got).toEqual(notes);
    for (const d of r.diagnostics) expect(d.message.length).toBeGreaterThan(30);
  });

  it("the table has at least 150 cases, valid and invalid, at least 40 in each format, each titled once", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150);
    expect(VALID.length).toBeGreaterThanOrEqual(50);
    for (const format of ["json", "yaml", "python"] as const)
      expect(ALL.filter((c) => c[1] === format).length, format).toBeGreaterThanOrEqual(40);
    expect(new Set(ALL.map(([title]) => title)).size).toBe(ALL.length);
    expect(SEED_CASES.map(([id]) => id)).toEqual(seeds.map((s) => s.file.slice(0, 3)));
  });

  it("covers every diagnostic code the config checks can report", () => {
    const covered = new Set([
      ...INVALID.map((c) => c[3]),
      ...VALID.flatMap(([, , , notes]) => notes.map((n) => n[0])),
      ...PYTHON_CASES.flatMap((c) => c.notes.map((n) => n[0])),
    ]);
    // Not reachable from a config text on purpose: a defect of ours, and parser warnings the YAML library has no trigger for in a config.
    // A run's values only (`refValues`): lib/config/get-refs.test.ts.
    const unreachable = ["internal_error", "yaml_warning", "get_gives_none"];
    expect(Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c) && !unreachable.includes(c))).toEqual([]);
  });

  it("uses every paginator and auth type in a valid and in an invalid case", () => {
    const has = (rows: readonly (readonly unknown[])[], word: string) =>
      rows.some((c) => new RegExp(`["'\\s:{]${word}["'\\s,}]`).test(String(c[2])));
    for (const t of [...PAGINATOR_TYPES, ...AUTH_TYPES]) {
      expect(has(VALID, t), `${t} valid`).toBe(true);
      expect(has(INVALID, t), `${t} invalid`).toBe(true);
    }
  });

  it("every code reported is a documented code, with its documented severity", () => {
    const seen = new Set<string>();
    for (const [, format, text] of [...ALL, ...PYTHON_CASES.map((c): [string, SourceFormat, string] => [c.title, "python", c.text])]) {
      for (const d of validateText(text, format).diagnostics) {
        const known = (DIAGNOSTIC_CODES as Record<string, readonly [string, string]>)[d.code];
        expect(known, d.code).toBeDefined();
        expect(d.severity, d.code).toBe(known![0]);
        seen.add(d.code);
      }
    }
    // internal_error, yaml_warning and the run-only get_gives_none aside.
    expect(seen.size).toBeGreaterThanOrEqual(Object.keys(DIAGNOSTIC_CODES).length - 3);
  });

  it("sorts diagnostics by position", () => {
    const text = JSON.stringify(
      { client: { base_url: "https://x", x: 1 }, resources: [{ name: "a", endpoint: { method: "get" } }, { name: "a" }] },
      null,
      2,
    );
    const starts = validateText(text).diagnostics.map((d) => d.range.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.length).toBe(3);
  });
});

describe("messages", () => {
  it("names the value received and what is valid", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x" },
      resources: [{ name: "a", endpoint: { paginator: { type: "offset", limit: "100" } } }],
    });
    const d = validateText(text).diagnostics.find((x) => x.code === "invalid_type")!;
    expect(d.message).toBe('`resources[0].endpoint.paginator.limit` expects an integer; got the string "100".');
  });

  it("names values in the user's format: null in JSON, None in Python", () => {
    // `limit` is one of the few keys dlt does not declare Optional, so None is an error there.
    const json = validateText(
      `{"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"paginator": {"type": "offset", "limit": null, "total_path": "total"}}}]}`,
    ).diagnostics[0]!;
    expect(json.message).toBe("`resources[0].endpoint.paginator.limit` expects an integer; got `null`.");
    const py = validateText(
      `rest_api_source({"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"paginator": {"type": "offset", "limit": None, "total_path": "total"}}}]})`,
    ).diagnostics[0]!;
    expect(py.message).toBe("`resources[0].endpoint.paginator.limit` expects an integer; got `None`.");
  });

  it("a str-or-reference key says so, once", () => {
    const d = validateText(JSON.stringify({ client: { base_url: 5 }, resources: [] })).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe("`client.base_url` expects a string or a dlt.secrets[...] or dlt.config[...] reference; got the number 5.");
  });

  it("union-aware: a typo in an offset paginator gives the typo and the missing limit, nothing about other paginators", () => {
    const text = JSON.stringify(
      { client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { paginator: { type: "offset", limt: 10 } } }] },
      null,
      2,
    );
    const r = validateText(text);
    expect(codes(text)).toEqual([
      "offset_without_limit /resources/0/endpoint/paginator/limit",
      "default_total_path /resources/0/endpoint/paginator/type",
      "unknown_key /resources/0/endpoint/paginator/limt",
    ]);
    const unknown = r.diagnostics.find((d) => d.code === "unknown_key")!;
    expect(unknown.message).toContain("Did you mean `limit`?");
    expect(unknown.fixes![0]!.title).toBe("Rename to `limit`");
    for (const d of r.diagnostics) expect(d.message).not.toMatch(/json_link|header_cursor|expects the following types/);
  });

  it("an unknown key's message lists dlt's keys, not the seed dialect's (accepted, flagged, never offered)", () => {
    const r = validateText(
      JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { path: "a", bogus: 1 } }] }),
    );
    const unknown = r.diagnostics.find((d) => d.code === "unknown_key")!;
    expect(unknown.message).toContain("Allowed keys: `path`, `method`");
    expect(unknown.message).toContain("`auth`.");
    expect(unknown.message).not.toContain("error_handler");
  });

  it("a part of a config pasted alone (as dlt's docs show them) says where each of its keys belongs", () => {
    // docs/website/docs/dlt-ecosystem/verified-sources/rest_api/basic.md (dlt 1.26.0): an endpoint, a resource.
    const endpoint = '{\n    "path": "posts",\n    "paginator": JSONLinkPaginator(next_url_path="pagination.next"),\n}\n';
    const resource = '{\n    "name": "posts",\n    "endpoint": "posts",\n    "base_url": "https://api.example.com/",\n}\n';
    const hint = (text: string, key: string) =>
      validateText(text, "python").diagnostics.find((d) => d.code === "unknown_key" && d.path === `/${key}`)?.message;
    expect(hint(endpoint, "path")).toContain("`path` belongs in a resource's `endpoint`");
    expect(hint(endpoint, "paginator")).toContain("`paginator` belongs in `client` or a resource's `endpoint`");
    expect(hint(resource, "name")).toContain("`name` belongs in a resource (an entry of `resources`)");
    expect(hint(resource, "endpoint")).toContain("`endpoint` belongs in a resource");
    expect(hint(resource, "base_url")).toContain("`base_url` belongs in `client`");
    // A key of no part of a config gets no such hint.
    expect(hint('{"client": {"base_url": "https://x"}, "resources": [], "bogus": 1}', "bogus")).not.toContain("belongs");
  });

  it("picks the auth variant by type, and a typeless dict with `token` as bearer", () => {
    const typed = validateText(
      JSON.stringify({
        client: { base_url: "https://x", auth: { type: "api_key", api_key: { $secret: "k" }, locaton: "query" } },
        resources: [],
      }),
    );
    expect(typed.diagnostics.map((d) => [d.code, d.path])).toEqual([["unknown_key", "/client/auth/locaton"]]);
    expect(typed.diagnostics[0]!.message).toContain("Did you mean `location`?");
    const typeless = validateText(JSON.stringify({ client: { base_url: "https://x", auth: { token: 5 } }, resources: [] }));
    expect(typeless.diagnostics.map((d) => [d.code, d.path])).toEqual([["invalid_type", "/client/auth/token"]]);
  });

  it("masks secrets dlt-style in every message, never printing the value", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x", auth: { type: "bearer", token: "sensitive-secret", location: "h" } },
      resources: [],
    });
    const r = validateText(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["hardcoded_secret", "unknown_key"]);
    for (const d of r.diagnostics) expect(d.message).not.toContain("sensitive-secret");
    expect(r.diagnostics[0]!.message).toContain("s*****t");
    const short = validateText(
      JSON.stringify({ client: { base_url: "https://x", auth: { type: "api_key", api_key: "ab" } }, resources: [] }),
    );
    expect(short.diagnostics[0]!.message).toContain("(*****)");
  });

  it("an enum case mistake offers the right spelling as a fix", () => {
    const text = `client:\n  base_url: https://x\nresources:\n  - name: a\n    endpoint:\n      method: post\n`;
    const d = validateText(text, "yaml").diagnostics[0]!;
    expect(d.message).toContain("Did you mean `POST`?");
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toContain("method: POST\n");
    expect(validateText(fixed, "yaml").valid).toBe(true);
  });

  it("never throws, whatever the input", () => {
    for (const text of [
      "",
      "null",
      "[]",
      "42",
      '"x"',
      "{",
      "rest_api_source(",
      "client: [",
      '{"client": null, "resources": null}',
      '{"resources": [null, [], {"endpoint": null}]}',
    ]) {
      const r = validateText(text);
      expect(r.valid).toBe(false);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe("response actions dlt accepts but that do nothing", () => {
  it("a numeric status string: the fix writes the integer", () => {
    const text = `client:\n  base_url: https://x\nresources:\n  - name: a\n    endpoint:\n      response_actions:\n        - {status_code: "404", action: ignore}\n`;
    const d = validateText(text, "yaml").diagnostics.find((x) => x.code === "response_action_status_string")!;
    expect(d.severity).toBe("warning");
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    expect(fixed).toContain("{status_code: 404, action: ignore}");
    expect(validateText(fixed, "yaml").diagnostics).toEqual([]);
  });

  it("an action dict without `action` fails dlt at the first response: an error whose fix adds ignore (each format)", () => {
    const cases: [SourceFormat, string, string][] = [
      [
        "yaml",
        "client:\n  base_url: https://x\nresources:\n  - name: a\n" +
          "    endpoint:\n      response_actions:\n        - {status_code: 404}\n",
        "{status_code: 404, action: ignore}",
      ],
      [
        "json",
        '{"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"response_actions": [{"content": "gone"}]}}]}',
        '{"content": "gone", "action": "ignore"}',
      ],
      [
        "python",
        'source = rest_api_source({"client": {"base_url": "https://x"},\n' +
          '    "resources": [{"name": "a", "endpoint": {"response_actions": [{}]}}]})\n',
        '[{"action": "ignore"}]',
      ],
    ];
    for (const [format, text, want] of cases) {
      const r = validateText(text, format);
      expect(r.valid).toBe(false);
      const d = r.diagnostics.find((x) => x.code === "missing_key")!;
      expect(d.message).toContain("fails at its first response");
      const fixed = applyEdits(text, d.fixes![0]!.edits);
      expect(fixed).toContain(want);
      expect(validateText(fixed, format).valid).toBe(true);
    }
  });

  it("a status pattern has no fix; a misspelt `ignore` has one, other strings none", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x" },
      resources: [
        {
          name: "a",
          endpoint: {
            response_actions: [
              { status_code: "5xx", action: "IGNORE" },
              { content: "x", action: "retry" },
            ],
          },
        },
      ],
    });
    const ds = validateText(text).diagnostics;
    expect(ds.map((d) => [d.code, d.path, d.fixes?.length ?? 0])).toEqual([
      ["response_action_status_string", "/resources/0/endpoint/response_actions/0/status_code", 0],
      ["unknown_response_action", "/resources/0/endpoint/response_actions/0/action", 1],
      ["unknown_response_action", "/resources/0/endpoint/response_actions/1/action", 0],
    ]);
    expect(applyEdits(text, ds[1]!.fixes![0]!.edits)).toContain('"action":"ignore"');
  });
});

describe("validator fixes found by the table", () => {
  it("a resource whose name is not a string gets the type error only (not `has no name`)", () => {
    expect(codes(JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: 5 }] }))).toEqual([
      "invalid_type /resources/0/name",
    ]);
    expect(codes(JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: null }] }))).toEqual([
      "invalid_type /resources/0/name",
    ]);
  });

  it("a missing required enum key is missing_key, on the dict's key", () => {
    const r = validateText(JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", write_disposition: {} }] }));
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([["missing_key", "/resources/0/write_disposition/disposition"]]);
    expect(r.diagnostics[0]!.message).toBe(
      "`resources[0].write_disposition` is missing the required key `disposition` (one of `append`, `replace`, `merge`, `skip`).",
    );
  });

  it("an extra key in a reference says what a reference is", () => {
    const d = validateText(JSON.stringify({ client: { base_url: { $config: "u", default: "x" } }, resources: [] })).diagnostics[0]!;
    expect(d.message).toBe('Unknown key `default` in `client.base_url`: a reference is written `{"$config": "<name>"}` with no other key.');
  });

  it("a Python resource object may be any parent; without one an unknown parent is still an error", () => {
    const py = (first: string) =>
      `rest_api_source({"client": {"base_url": "https://x"}, "resources": [${first}, {"name": "b", "endpoint": "b/{resources.users.id}"}]})`;
    expect(validateText(py("users")).valid).toBe(true);
    expect(codes(py('"posts"'))).toEqual(["placeholder_unknown_resource /resources/1/endpoint"]);
  });

  it("two incremental params are reported once, at the second", () => {
    const params = {
      a: { type: "incremental", cursor_path: "x" },
      b: { type: "incremental", cursor_path: "y" },
      c: { type: "incremental", cursor_path: "z" },
    };
    expect(codes(JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "r", endpoint: { params } }] }))).toEqual([
      "multiple_incremental_params /resources/0/endpoint/params/b",
      "multiple_incremental_params /resources/0/endpoint/params/c",
    ]);
  });
});

describe("validateValue", () => {
  it("validates a plain value, locating diagnostics in its JSON text", () => {
    const r = validateValue({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { method: "get" } }] });
    expect(r.format).toBe("json");
    const d = r.diagnostics[0]!;
    expect(d.code).toBe("invalid_value");
    expect(r.document.text.slice(d.range.start, d.range.end)).toBe('"get"');
    expect(
      validateValue({ client: { base_url: "https://x", auth: { type: "bearer", token: { $secret: "t" } } }, resources: ["a"] }).valid,
    ).toBe(true);
  });
});
