/**
 * A paginator's or auth's `type` given as a reference. dlt 1.26.0 (a loopback API): `dlt.config["pag_type"]` is read
 * while Python builds the config dict — without a value it raises ConfigFieldMissingException there, before
 * `rest_api_source` is called; with `PAG_TYPE=page_number` the source runs as with the literal (`?page=0`, `?page=1`
 * up to `maximum_page` 2); with `pagenumber` `rest_api_source` fails with DictValidationException.
 */
import { describe, expect, it } from "vitest";
import { validateText } from "./validate";
import { checkConfig, notRunnableReason } from "./checked";

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
