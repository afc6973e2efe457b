/**
 * Validation of references read with dlt's `get`, each behaviour checked with dlt 1.26.0: `"limit": dlt.config.get("lim")`
 * is the text '10' for `LIM=10` (dlt's config validation refuses it: `limit='10'` has invalid type `str`), `get("lim", int)`
 * the int; without a value `get` gives None (no ConfigFieldMissingException) and the config runs as if None were written.
 */
import { describe, expect, it } from "vitest";
import { listSecrets, secretsTomlTemplate, validateText } from "./index";

const config = (limit: string, extra = "") => `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"${extra}},
    "resources": [{"name": "items", "endpoint": {"path": "items", "params": {"q": dlt.config.get("q")},
        "paginator": {"type": "offset", "limit": ${limit}, "total_path": None, "maximum_offset": 10}}}],
})
`;
const codes = (text: string, refValues?: Record<string, string>) =>
  validateText(text, "python", refValues ? { refValues } : {}).diagnostics.map((d) => [d.code, d.severity, d.path]);

describe("dlt's get in validation", () => {
  it("types get(name, int) where dlt wants an int: a value known at run time in the editor, the value in a run", () => {
    const text = config('dlt.config.get("lim", int)');
    expect(codes(text)).toContainEqual(["value_at_run_time", "info", "/resources/0/endpoint/paginator/limit"]);
    expect(validateText(text, "python", { refValues: { lim: " 12 ", q: "x" } }).valid).toBe(true);
    const bad = validateText(text, "python", { refValues: { lim: "1.5", q: "x" } });
    expect(bad.valid).toBe(false);
    expect(bad.diagnostics[0]?.message).toContain("ConfigValueCannotBeCoercedException");
  });

  it("refuses get(name) without a type where dlt wants an int: dlt's get hands the text over uncast", () => {
    expect(codes(config('dlt.config.get("lim")'))).toContainEqual(["invalid_type", "error", "/resources/0/endpoint/paginator/limit"]);
  });

  it("runs without a value as dlt does: None, said with a warning; a paginator's limit None is dlt's error", () => {
    const run = validateText(config("10"), "python", { refValues: {} });
    expect(run.valid).toBe(true);
    expect(run.diagnostics.map((d) => [d.code, d.path])).toContainEqual(["get_gives_none", "/resources/0/endpoint/params/q"]);
    const none = validateText(config('dlt.config.get("lim", int)'), "python", { refValues: { q: "x" } });
    expect(none.valid).toBe(false);
  });

  it("an auth's token read by get without a value fails the run before any request, as dlt's ConfigFieldMissingException", () => {
    const text = config("10", ', "auth": {"type": "bearer", "token": dlt.secrets.get("tok")}');
    expect(validateText(text, "python").valid).toBe(true);
    expect(validateText(text, "python", { refValues: { q: "x" } }).valid).toBe(false);
    expect(validateText(text, "python", { refValues: { q: "x", tok: "t" } }).valid).toBe(true);
  });

  it("asks for no value a name only get reads, and says it is optional in the secrets.toml template", () => {
    const value = validateText(config('dlt.config.get("lim", int)'), "python").value;
    expect(listSecrets(value).map((u) => [u.name, u.optional])).toEqual([
      ["q", true],
      ["lim", true],
    ]);
    const toml = secretsTomlTemplate(value);
    expect(toml).toContain("# lim = 10  # an example: the config reads int(…) of it; optional: dlt's get gives None without it");
    expect(toml).toContain('config["resources"][0]["endpoint"]["paginator"]["limit"] = dlt.config.get("lim", int)');
  });

  it("casts None as Python does: int(None) raises TypeError before any request (dlt 1.26.0), in an f-string's part too", () => {
    for (const expr of ['int(dlt.config.get("n"))', "f\"v{int(dlt.config.get('n'))}\""]) {
      const run = validateText(config("10").replace('dlt.config.get("q")', expr), "python", { refValues: {} });
      expect(run.valid).toBe(false);
      expect(run.diagnostics.map((d) => d.message).join("\n")).toContain("TypeError: int() argument must be");
    }
  });
});
