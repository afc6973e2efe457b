import { describe, expect, it } from "vitest";
import { parseDocument, toPlain, type SourceFormat } from "../formats";
import { applyEdits, validateText } from "./index";
import { insertEntryEdit, removeEntriesEdits } from "./fixes";

/** [title, format, text, code whose first fix is applied, text the result must contain] */
const FIXES: [string, SourceFormat, string, string, string][] = [
  [
    "rename a key (JSON)",
    "json",
    `{"client": {"base_url": "https://x", "paginatr": "auto"}, "resources": []}`,
    "unknown_key",
    `"paginator": "auto"`,
  ],
  [
    "rename a key (YAML)",
    "yaml",
    `client:\n  base_url: https://x\n  'paginatr': auto\nresources: []\n`,
    "unknown_key",
    `'paginator': auto`,
  ],
  [
    "rename a key (Python, single quotes)",
    "python",
    `rest_api_source({'client': {'base_url': 'https://x', 'paginatr': 'auto'}, 'resources': []})`,
    "unknown_key",
    `'paginator': 'auto'`,
  ],
  [
    "a nested hint column gets its name (YAML)",
    "yaml",
    "client:\n  base_url: https://x\nresources:\n  - name: a\n" +
      "    nested_hints:\n      purchases:\n        columns:\n          price: {data_type: decimal}\n",
    "nested_hints_columns",
    `name: price`,
  ],
  [
    "a nested hint column gets its name (Python)",
    "python",
    `rest_api_source({"client": {"base_url": "https://x"}, "resources": [` +
      `{"name": "a", "nested_hints": {"purchases": {"columns": {"price": {"data_type": "decimal"}}}}}]})`,
    "nested_hints_columns",
    `"name": "price"`,
  ],
  [
    "enum case",
    "json",
    `{"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"method": "post"}}]}`,
    "invalid_value",
    `"method": "POST"`,
  ],
  [
    "paginator type typo",
    "yaml",
    `client:\n  base_url: https://x\n  paginator: {type: json_lnk}\nresources: [a]\n`,
    "invalid_paginator_type",
    `{type: json_link}`,
  ],
  [
    "oauth2 -> oauth2_client_credentials (YAML, with scope)",
    "yaml",
    `client:\n  base_url: https://x\n  auth:\n    type: oauth2\n    token_url: https://login/token\n    client_id: {$secret: client_id}\n    client_secret: {$secret: client_secret}\n    scope: read\nresources: [a]\n`,
    "dialect_oauth2",
    `    type: oauth2_client_credentials\n    access_token_url: https://login/token\n`,
  ],
  [
    "oauth2 -> oauth2_client_credentials (Python)",
    "python",
    `rest_api_source({"client": {"base_url": "https://x", "auth": {"type": 'oauth2', 'token_url': "https://t", "client_id": dlt.secrets["client_id"], "client_secret": dlt.secrets["client_secret"]}}, "resources": ["a"]})`,
    "dialect_oauth2",
    `"type": 'oauth2_client_credentials', 'access_token_url': "https://t"`,
  ],
  [
    "page_number limit -> new params (JSON)",
    "json",
    `{\n  "client": {"base_url": "https://x"},\n  "resources": [\n    {\n      "name": "a",\n      "endpoint": {\n        "paginator": {"type": "page_number", "total_path": null, "limit": 20, "limit_param": "per_page"}\n      }\n    }\n  ]\n}`,
    "dialect_page_number_limit",
    `"paginator": {"type": "page_number", "total_path": null},\n        "params": {\n          "per_page": 20\n        }`,
  ],
  [
    "page_number limit -> existing params (YAML)",
    "yaml",
    `client:\n  base_url: https://x\nresources:\n  - name: a\n    endpoint:\n      params:\n        q: x\n      paginator:\n        type: page_number\n        limit: 20\n        total_path: null\n`,
    "dialect_page_number_limit",
    `      params:\n        q: x\n        limit: 20\n      paginator:\n        type: page_number\n        total_path: null\n`,
  ],
  [
    "page_number limit -> params, paginator last (YAML)",
    "yaml",
    `client:\n  base_url: https://x\nresources:\n  - name: a\n    endpoint:\n      paginator:\n        type: page_number\n        total_path: null\n        limit_param: size\n        limit: 20\n`,
    "dialect_page_number_limit",
    `      paginator:\n        type: page_number\n        total_path: null\n      params:\n        size: 20\n`,
  ],
  [
    "page_number limit_param only (Python)",
    "python",
    `rest_api_source({\n    "client": {"base_url": "https://x"},\n    "resources": [{"name": "a", "endpoint": {"paginator": {"type": "page_number", "limit_param": "size", "total_path": None,}}}],\n})`,
    "dialect_page_number_limit",
    `{"type": "page_number", "total_path": None,}`,
  ],
  [
    "remove error_handler (YAML, last entry)",
    "yaml",
    `client:\n  base_url: https://x\nresources:\n  - name: a\n    endpoint:\n      path: /a\n      error_handler:\n        max_retries: 2\n        retry_on_status_codes: [429]\n`,
    "dialect_error_handler",
    `    endpoint:\n      path: /a\n`,
  ],
  [
    "remove error_handler (JSON, first entry)",
    "json",
    `{"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"error_handler": {"max_retries": 2}, "path": "/a"}}]}`,
    "dialect_error_handler",
    `"endpoint": {"path": "/a"}`,
  ],
  [
    "total_path: None (Python)",
    "python",
    `rest_api_source({\n    "client": {"base_url": "https://x"},\n    "resources": [{"name": "a", "endpoint": {"paginator": {\n        "type": "offset",\n        "limit": 10,\n    }}}],\n})`,
    "default_total_path",
    `        "limit": 10,\n        "total_path": None,\n    }`,
  ],
  [
    "total_path: null (YAML block)",
    "yaml",
    `client:\n  base_url: https://x\n  paginator:\n    type: offset\n    limit: 10  # page size\nresources: [a]\n`,
    "default_total_path",
    `    limit: 10  # page size\n    total_path: null\n`,
  ],
  [
    "page_number shorthand -> dict",
    "json",
    `{"client": {"base_url": "https://x", "paginator": "page_number"}, "resources": ["a"]}`,
    "default_total_path",
    `"paginator": {"type": "page_number", "total_path": null}`,
  ],
  [
    "hard-coded secret (Python)",
    "python",
    `rest_api_source({"client": {"base_url": "https://x", "auth": {"type": "bearer", "token": "abc123"}}, "resources": []})`,
    "hardcoded_secret",
    `"token": dlt.secrets["token"]`,
  ],
  [
    "hard-coded secret (JSON)",
    "json",
    `{"client": {"base_url": "https://x", "auth": {"type": "api_key", "api_key": "abc123"}}, "resources": []}`,
    "hardcoded_secret",
    `"api_key": {"$secret": "api_key"}`,
  ],
  [
    "hard-coded secret (YAML)",
    "yaml",
    `client:\n  base_url: https://x\n  auth:\n    type: http_basic\n    username: me\n    password: hunter22\nresources: []\n`,
    "hardcoded_secret",
    `password: {$secret: password}`,
  ],
  [
    "offset shorthand -> dict",
    "json",
    `{"client": {"base_url": "https://x", "paginator": "offset"}, "resources": []}`,
    "offset_without_limit",
    `"paginator": {"type": "offset", "limit": 100}`,
  ],
  [
    "both param and body path",
    "yaml",
    `client:\n  base_url: https://x\n  paginator:\n    type: cursor\n    cursor_body_path: c\n    cursor_param: c\nresources: []\n`,
    "param_and_body_path",
    `  paginator:\n    type: cursor\n    cursor_param: c\n`,
  ],
  [
    "a value in a prefixed Python string is written as a plain string, not a bare name (f-string)",
    "python",
    `rest_api_source({"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"method": f"post"}}]})`,
    "invalid_value",
    `"method": "POST"`,
  ],
  [
    "a key in a prefixed Python string is renamed to a plain string (raw)",
    "python",
    `rest_api_source({'client': {'base_url': 'https://x', r'paginatr': 'auto'}, 'resources': []})`,
    "unknown_key",
    `'paginator': 'auto'`,
  ],
  [
    "removing the only key of a YAML block mapping leaves an empty dict, not null",
    "yaml",
    "client:\n  base_url: https://x\nresources:\n  - name: a\n" +
      "    endpoint:  # the endpoint\n      error_handler:\n        max_retries: 2\n",
    "dialect_error_handler",
    "    endpoint: {}  # the endpoint\n",
  ],
  [
    "a missing auth field that is there as null gets its value, not a second key (YAML)",
    "yaml",
    "client:\n  base_url: https://x\n  auth:\n    type: bearer\n    token: null\nresources: [a]\n",
    "auth_field_missing",
    "token: {$secret: token}\nresources",
  ],
  [
    "a missing auth field that is there as None gets its value, not a second key, in the file's quotes (Python)",
    "python",
    `rest_api_source({'client': {'base_url': 'https://x', 'auth': {'type': 'bearer', 'token': None}}, 'resources': ['a']})`,
    "auth_field_missing",
    `'token': dlt.secrets['token']}`,
  ],
  [
    "oauth2 with both token URLs: the rewrite keeps access_token_url and drops token_url (no duplicate key)",
    "yaml",
    "client:\n  base_url: https://x\n  auth:\n    type: oauth2\n    token_url: https://t\n    access_token_url: https://t2\n" +
      "    client_id: {$secret: client_id}\n    client_secret: {$secret: client_secret}\nresources: [a]\n",
    "dialect_oauth2",
    "    type: oauth2_client_credentials\n    access_token_url: https://t2\n    client_id",
  ],
  [
    "oauth2's scope joins an existing access_token_request_data instead of a second one",
    "python",
    `rest_api_source({'client': {'base_url': 'https://x', 'auth': {'type': 'oauth2', 'token_url': 'https://t', ` +
      `'client_id': dlt.secrets['client_id'], 'client_secret': dlt.secrets['client_secret'], 'scope': 'read', ` +
      `'access_token_request_data': {'audience': 'x'}}}, 'resources': ['a']})`,
    "dialect_oauth2",
    `'access_token_request_data': {'audience': 'x', 'scope': 'read'}}}`,
  ],
  [
    "@configspec goes below the import it adds when the file starts with the class",
    "python",
    "class TokenAuth(AuthConfigBase):\n    def __call__(self, request):\n        return request\n\n" +
      `source = rest_api_source({"client": {"base_url": "https://x", "auth": TokenAuth()}, "resources": ["a"]})\n`,
    "auth_not_configspec",
    "from dlt.common.configuration import configspec\n\n@configspec\nclass TokenAuth",
  ],
  [
    "// comment in Python",
    "python",
    `rest_api_source({\n    "client": {"base_url": "https://x"},\n    // more\n    "resources": [],\n})`,
    "js_comment",
    "    # more\n",
  ],
];

describe("quick fixes produce valid text that no longer has the problem", () => {
  it.each(FIXES)("%s", (_title, format, text, code, expected) => {
    const before = validateText(text, format);
    const d = before.diagnostics.find((x) => x.code === code);
    expect(d?.fixes?.length, JSON.stringify(before.diagnostics.map((x) => x.code))).toBeGreaterThan(0);
    const fixed = applyEdits(text, d!.fixes![0]!.edits);
    expect(fixed).toContain(expected);
    const after = validateText(fixed, format);
    expect(
      after.diagnostics.filter((x) => x.code === "syntax_error"),
      fixed,
    ).toEqual([]);
    expect(
      after.diagnostics.filter((x) => x.code === code).map((x) => x.path),
      fixed,
    ).toEqual([]);
    if (before.diagnostics.every((x) => x.severity !== "error" || x.code === code)) expect(after.valid, fixed).toBe(true);
  });

  it("a missing comma goes after the value, not into the // comment after it (JSON)", () => {
    const text = `{\n  "client": {"base_url": "https://x"} // c\n  "resources": ["a"]\n}`;
    const fix = validateText(text, "json")
      .diagnostics.flatMap((d) => d.fixes ?? [])
      .find((f) => f.title === "Insert `,`");
    const fixed = applyEdits(text, fix!.edits);
    expect(fixed).toContain(`"client": {"base_url": "https://x"}, // c`);
    expect(validateText(fixed, "json").diagnostics.filter((d) => /expected `,`/.test(d.message))).toEqual([]);
  });

  it("no rename to a keyword the call gives already; a repeated keyword is Python's SyntaxError", () => {
    const call = (args: string) =>
      validateText(
        "from dlt.sources.helpers.rest_client.paginators import OffsetPaginator\n" +
          `source = rest_api_source({"client": {"base_url": "https://x", "paginator": OffsetPaginator(${args})}, "resources": ["a"]})`,
        "python",
      ).diagnostics.filter((d) => d.code === "python_type_error");
    const typo = call("limit=10, limt=20, total_path=None");
    expect(typo.map((d) => d.fixes?.map((f) => f.title) ?? [])).toEqual([[]]);
    expect(call("limit=10, limit=20, total_path=None").map((d) => d.message)).toEqual([
      "SyntaxError: keyword argument repeated: limit (Python refuses the file). Give it once.",
    ]);
    expect(call("limt=20, total_path=None")[0]?.fixes?.map((f) => f.title)).toEqual(["Rename to `limit`"]);
  });

  it("Python's # comments stay with their entries when a fix adds or removes one", () => {
    const added = (last: string) =>
      'rest_api_source({\n    "client": {"base_url": "https://x"},\n    "resources": [{"name": "a", "endpoint": {"paginator": {\n' +
      `        "type": "offset",\n        ${last}\n    }}}],\n})`;
    for (const [last, expected] of [
      ['"limit": 10,  # page size', '"limit": 10,  # page size\n        "total_path": None,\n'],
      ['"limit": 10  # page size', '"limit": 10,  # page size\n        "total_path": None\n'],
      // 200,000 spaces after the entry and no comment: read in one pass (two `\s*` traded them, quadratic).
      [`"limit": 10${" ".repeat(200_000)}`, '"limit": 10,\n        "total_path": None'],
    ]) {
      const text = added(last!);
      const fix = validateText(text, "python").diagnostics.find((d) => d.code === "default_total_path")!.fixes![0]!;
      const fixed = applyEdits(text, fix.edits);
      expect(fixed, fixed).toContain(expected);
      expect(validateText(fixed, "python").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
    const text =
      'rest_api_source({\n    "client": {"base_url": "https://x", "paginator": {\n        "type": "cursor",\n' +
      '        "cursor_param": "c",  # query\n        "cursor_body_path": "c",  # body\n    }},\n    "resources": ["a"],\n})';
    const remove = validateText(text, "python").diagnostics.find((d) => d.code === "param_and_body_path")!.fixes![0]!;
    const fixed = applyEdits(text, remove.edits);
    expect(fixed, fixed).toContain('"cursor_param": "c",  # query\n    }}');
  });

  it("a YAML 1.1 word where the schema wants a boolean or integer: only the fix that writes dlt's reading is offered", () => {
    const yaml = (line: string) =>
      `client:\n  base_url: https://x\n  paginator:\n    type: offset\n    limit: 10\n    total_path: null\n    ${line}\nresources: [a]\n`;
    const titles = (line: string) =>
      validateText(yaml(line), "yaml")
        .diagnostics.filter((d) => d.code === "yaml_1_1_value")
        .flatMap((d) => d.fixes?.map((f) => f.title) ?? []);
    expect(titles("stop_after_empty_page: off")).toEqual(["Write false (what yaml.safe_load reads, as dlt gets it)"]);
    expect(titles("offset: 1_000")).toEqual(["Write 1000 (what yaml.safe_load reads, as dlt gets it)"]);
  });

  it("a GET body's fix says which dict it sets the method in (the defaults, or the resource that sets GET itself)", () => {
    const text =
      "client:\n  base_url: https://x\nresource_defaults:\n  endpoint:\n    json: {q: 1}\nresources:\n" +
      "  - name: a\n    endpoint:\n      path: a\n  - name: b\n    endpoint:\n      path: b\n      method: GET\n";
    const fixOf = (t: string) => validateText(t, "yaml").diagnostics.find((d) => d.code === "get_with_body")?.fixes?.[0];
    const first = fixOf(text)!;
    expect(first.title).toBe('Send it with "method": "POST" (in `resource_defaults.endpoint`)');
    // `b` still sends GET: the warning stays, and its fix now names `b`'s endpoint.
    expect(fixOf(applyEdits(text, first.edits))?.title).toBe('Send it with "method": "POST" (in `resources[1].endpoint`)');
  });

  it("the message writes the page size as the config would hold it: a text quoted, None, a dict (not [object Object])", () => {
    const said = (limit: string) =>
      validateText(
        `rest_api_source({"client": {"base_url": "https://x"}, "resources": [{"name": "a", "endpoint": {"paginator": ` +
          `{"type": "page_number", "total_path": None, "limit": ${limit}}}}]})`,
        "python",
      ).diagnostics.find((x) => x.code === "dialect_page_number_limit")!.message;
    expect(said('"20"')).toContain('restplay sends `limit=20` on every page; in dlt put `"limit": "20"` in');
    expect(said("None")).toContain('sends `limit=None` on every page; in dlt put `"limit": None` in');
    expect(said('{"a": 1}')).toContain(`sends \`limit={'a': 1}\` on every page; in dlt put \`"limit": {"a": 1}\` in`);
  });

  it("the page size moves, not disappears: the plain value gains params", () => {
    const text = FIXES.find(([t]) => t.startsWith("page_number limit -> new params"))![2];
    const d = validateText(text, "json").diagnostics.find((x) => x.code === "dialect_page_number_limit")!;
    const value = toPlain(parseDocument(applyEdits(text, d.fixes![0]!.edits), "json").root!) as { resources: { endpoint: object }[] };
    expect(value.resources[0]!.endpoint).toEqual({ paginator: { type: "page_number", total_path: null }, params: { per_page: 20 } });
  });
});

describe("entry edits", () => {
  const cases: [SourceFormat, string][] = [
    ["json", `{"a": {"x": 1, "y": 2, "z": 3}}`],
    ["python", `rest_api_source({"a": {\n    "x": 1,  # one\n    "y": 2,\n    "z": 3,\n}})`],
    ["yaml", `a:\n  x: 1\n  y: 2\n  z: 3\n`],
    ["yaml", `a: {x: 1, y: 2, z: 3}\n`],
  ];
  it.each(cases)("remove and insert keep %s valid", (format, text) => {
    const doc = parseDocument(text, format);
    for (const keys of [["x"], ["y"], ["z"], ["x", "y"], ["y", "z"], ["x", "z"], ["x", "y", "z"]]) {
      const out = applyEdits(text, removeEntriesEdits(doc, ["a"], keys));
      const back = parseDocument(out, format);
      expect(back.diagnostics, out).toEqual([]);
      const remaining = Object.fromEntries(Object.entries({ x: 1, y: 2, z: 3 }).filter(([k]) => !keys.includes(k)));
      // Every key removed leaves an empty dict in every format (a YAML block's key keeps `{}`, not null).
      expect(toPlain(back.root!), out).toEqual({ a: remaining });
    }
    const added = applyEdits(text, [insertEntryEdit(doc, ["a"], "w", { n: [1, "two"] })!]);
    const back = parseDocument(added, format);
    expect(back.diagnostics, added).toEqual([]);
    expect(toPlain(back.root!), added).toEqual({ a: { x: 1, y: 2, z: 3, w: { n: [1, "two"] } } });
  });
  it("inserts into an empty dict", () => {
    for (const [format, text] of [
      ["json", `{"a": {}}`],
      ["python", `rest_api_source({"a": {}})`],
      ["yaml", `a: {}\n`],
    ] as const) {
      const doc = parseDocument(text, format);
      const out = applyEdits(text, [insertEntryEdit(doc, ["a"], "k", null)!]);
      expect(toPlain(parseDocument(out, format).root!), out).toEqual({ a: { k: null } });
    }
  });
});
