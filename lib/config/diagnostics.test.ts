import { describe, expect, it } from "vitest";
import { positionAt } from "../formats";
import { seedBlocks } from "../testing/seeds";
import { applyEdits, DIAGNOSTIC_CODES, validateText, validateValue } from "./index";
import { CASES } from "./diagnostics.cases";

const codes = (text: string) => validateText(text).diagnostics.map((d) => `${d.code} ${d.path}`);

describe("diagnostics: exact code, path, line and column", () => {
  it.each(CASES)("%s (%s)", (_title, format, text, code, path, token, line, column) => {
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

  it("every code reported is a documented code, with its documented severity", () => {
    const texts: [string, "json" | "yaml" | "python" | undefined][] = [...CASES.map(([, f, t]) => [t, f] as [string, "json" | "yaml" | "python"]), ...seedBlocks().map((s) => [s.code, undefined] as [string, undefined])];
    const seen = new Set<string>();
    for (const [text, format] of texts) {
      for (const d of validateText(text, format).diagnostics) {
        const known = (DIAGNOSTIC_CODES as Record<string, readonly [string, string]>)[d.code];
        expect(known, d.code).toBeDefined();
        expect(d.severity, d.code).toBe(known![0]);
        seen.add(d.code);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(30);
  });

  it("sorts diagnostics by position", () => {
    const text = JSON.stringify({ client: { base_url: "https://x", x: 1 }, resources: [{ name: "a", endpoint: { method: "get" } }, { name: "a" }] }, null, 2);
    const starts = validateText(text).diagnostics.map((d) => d.range.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.length).toBe(3);
  });
});

describe("messages", () => {
  it("names the value received and what is valid", () => {
    const text = JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { paginator: { type: "offset", limit: "100" } } }] });
    const d = validateText(text).diagnostics.find((x) => x.code === "invalid_type")!;
    expect(d.message).toBe('`resources[0].endpoint.paginator.limit` expects an integer; got the string "100".');
  });

  it("names values in the user's format: null in JSON, None in Python", () => {
    const json = validateText(`{"client": {"base_url": "https://x"}, "resources": [{"name": "a", "selected": null}]}`).diagnostics[0]!;
    expect(json.message).toBe("`resources[0].selected` expects `True`/`False` (true/false); got `null`.");
    const py = validateText(`rest_api_source({"client": {"base_url": "https://x"}, "resources": [{"name": "a", "selected": None}]})`).diagnostics[0]!;
    expect(py.message).toBe("`resources[0].selected` expects `True`/`False` (true/false); got `None`.");
  });

  it("a str-or-reference key says so, once", () => {
    const d = validateText(JSON.stringify({ client: { base_url: 5 }, resources: [] })).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toBe("`client.base_url` expects a string or a dlt.secrets[...] or dlt.config[...] reference; got the number 5.");
  });

  it("union-aware: a typo in an offset paginator gives the typo and the missing limit, nothing about other paginators", () => {
    const text = JSON.stringify({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { paginator: { type: "offset", limt: 10 } } }] }, null, 2);
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

  it("picks the auth variant by type, and a typeless dict with `token` as bearer", () => {
    const typed = validateText(JSON.stringify({ client: { base_url: "https://x", auth: { type: "api_key", api_key: { $secret: "k" }, locaton: "query" } }, resources: [] }));
    expect(typed.diagnostics.map((d) => [d.code, d.path])).toEqual([["unknown_key", "/client/auth/locaton"]]);
    expect(typed.diagnostics[0]!.message).toContain("Did you mean `location`?");
    const typeless = validateText(JSON.stringify({ client: { base_url: "https://x", auth: { token: 5 } }, resources: [] }));
    expect(typeless.diagnostics.map((d) => [d.code, d.path])).toEqual([["invalid_type", "/client/auth/token"]]);
  });

  it("masks secrets dlt-style in every message, never printing the value", () => {
    const text = JSON.stringify({ client: { base_url: "https://x", auth: { type: "bearer", token: "sensitive-secret", location: "h" } }, resources: [] });
    const r = validateText(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["hardcoded_secret", "unknown_key"]);
    for (const d of r.diagnostics) expect(d.message).not.toContain("sensitive-secret");
    expect(r.diagnostics[0]!.message).toContain("s*****t");
    const short = validateText(JSON.stringify({ client: { base_url: "https://x", auth: { type: "api_key", api_key: "ab" } }, resources: [] }));
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
    for (const text of ["", "null", "[]", "42", '"x"', "{", "rest_api_source(", "client: [", '{"client": null, "resources": null}', '{"resources": [null, [], {"endpoint": null}]}']) {
      const r = validateText(text);
      expect(r.valid).toBe(false);
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe("validateValue", () => {
  it("validates a plain value, locating diagnostics in its JSON text", () => {
    const r = validateValue({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { method: "get" } }] });
    expect(r.format).toBe("json");
    const d = r.diagnostics[0]!;
    expect(d.code).toBe("invalid_value");
    expect(r.document.text.slice(d.range.start, d.range.end)).toBe('"get"');
    expect(validateValue({ client: { base_url: "https://x", auth: { type: "bearer", token: { $secret: "t" } } }, resources: ["a"] }).valid).toBe(true);
  });
});
