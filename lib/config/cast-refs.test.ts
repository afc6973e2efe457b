/**
 * A cast on a reference (`int(dlt.config["lim"])`, decision 0047) in validation, a run's values and the downloads. What dlt
 * 1.26.0 did with the same file against a loopback API: `lim = 2.7` in config.toml paged by 2, `LIM=abc` raised
 * `ValueError: invalid literal for int() with base 10: 'abc'` building the config, no value raised
 * ConfigFieldMissingException; `int(os.environ["LIM"])` with `LIM=1.5` raised ValueError (text, not dlt's float).
 */
import { describe, expect, it } from "vitest";
import { validateText } from "./validate";
import { checkConfig, notRunnableReason } from "./checked";
import { exportConfig, secretsTomlFile } from "./export";

const python = (limit: string, params = "{}") => `import dlt, os
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({"client": {"base_url": "https://api.example.com"},
    "resources": [{"name": "items", "endpoint": {"path": "items", "params": ${params},
        "paginator": {"type": "offset", "limit": ${limit}, "total_path": None}}}]})
`;
const codes = (r: ReturnType<typeof validateText>) => r.diagnostics.map((d) => [d.severity, d.code]);
const limitOf = (text: string, values: Record<string, string>) =>
  checkConfig(text, "python", values).source?.resources[0]?.endpoint.paginator;

describe("validation: a cast makes the reference's type known", () => {
  it("without a value: int() is an integer for `limit`, said with an info; the run needs the value", () => {
    const text = python('int(dlt.config["lim"])');
    const r = validateText(text, "python");
    expect(codes(r)).toEqual([["info", "value_at_run_time"]]);
    expect(r.diagnostics[0]!.message).toContain('`resources[0].endpoint.paginator.limit` is int(dlt.config["lim"])');
    expect(r.diagnostics[0]!.message).toContain("dlt gets an int");
    expect(notRunnableReason(r.diagnostics)).toContain("ConfigFieldMissingException");
  });

  it("a cast whose type the place does not take is an error whatever the value", () => {
    const float = validateText(python('float(dlt.config["lim"])'), "python");
    expect(codes(float)).toEqual([["error", "invalid_type"]]);
    expect(float.diagnostics[0]!.message).toContain('float(dlt.config["lim"]), a float whatever its value');
    const path = validateText(python("10").replace('"path": "items"', '"path": int(dlt.config["p"])'), "python");
    expect(codes(path)).toEqual([["error", "invalid_type"]]);
    expect(path.diagnostics[0]!.message).toContain("wants a string");
  });

  it("with a value: Python's cast of what dlt hands over (TOML's 2.7 is a float: int() makes 2)", () => {
    const text = python('int(dlt.config["lim"])');
    expect(limitOf(text, { lim: "2.7" })).toMatchObject({ limit: 2 });
    expect(limitOf(text, { lim: " 12 " })).toMatchObject({ limit: 12 });
    expect(limitOf(text, { lim: "1_000" })).toMatchObject({ limit: 1000 });
    expect(limitOf(text, { lim: "1e3" })).toMatchObject({ limit: 1000 });
  });

  it("os.environ's value is text: int('1.5') raises where dlt.config's float 1.5 would not", () => {
    const text = python('int(os.environ["LIM"])');
    expect(limitOf(text, { LIM: " 3 " })).toMatchObject({ limit: 3 });
    const r = validateText(text, "python", { refValues: { LIM: "1.5" } });
    expect(codes(r)).toEqual([["error", "invalid_value"]]);
    expect(r.diagnostics[0]!.message).toContain('int(os.environ["LIM"]) fails on this run\'s value');
    expect(r.diagnostics[0]!.message).toContain("ValueError: invalid literal for int() with base 10:");
    expect(limitOf(python('int(dlt.config["LIM"])'), { LIM: "1.5" })).toMatchObject({ limit: 1 });
  });

  it("a value Python's cast raises on is a located error naming the reference, a secret's value never shown", () => {
    const text = python('int(dlt.config["lim"])', '{"n": int(dlt.secrets["sn"])}');
    const r = validateText(text, "python", { refValues: { lim: "abc", sn: "topsecret" } });
    expect(codes(r)).toEqual([
      ["error", "invalid_value"],
      ["error", "invalid_value"],
    ]);
    const [n, lim] = r.diagnostics;
    expect(text.slice(n!.range.start, n!.range.end)).toBe('int(dlt.secrets["sn"])');
    expect(n!.message).not.toContain("topsecret");
    expect(lim!.message).toContain("(ValueError: invalid literal for int() with base 10: 'abc')");
    expect(JSON.stringify(r.diagnostics)).not.toContain("topsecret");
    const nan = validateText(text, "python", { refValues: { lim: "nan", sn: "1" } });
    expect(nan.diagnostics[0]!.message).toContain("ValueError: cannot convert float NaN to integer");
  });

  it("a cast in an f-string is a part of the text, run as Python's str() of the cast value", () => {
    const text = python("10").replace('"https://api.example.com"', "f\"https://api.example.com/v{int(dlt.config['ver'])}\"");
    const r = checkConfig(text, "python", { ver: "2.0" });
    expect(r.diagnostics.filter((d) => d.severity !== "info" || d.code === "python_not_executed")).toEqual([]);
    expect(r.source?.client.base_url).toEqual({ $format: ["https://api.example.com/v", { $config: "ver", $cast: "int" }] });
  });

  it("int() of a default Python knows is that int: `limit` 10 where X is not set, no float said of it", () => {
    const text = python('int(os.getenv("X", "10"))');
    expect(codes(validateText(text, "python"))).toEqual([]);
    expect(checkConfig(text, "python").source?.resources[0]?.endpoint.paginator).toMatchObject({ limit: 10 });
  });

  it("the JSON dialect's `$cast` is checked and run the same", () => {
    const json = JSON.stringify({
      client: { base_url: "https://api.example.com" },
      resources: [
        { name: "items", endpoint: { paginator: { type: "offset", limit: { $config: "lim", $cast: "int" }, total_path: null } } },
      ],
    });
    expect(codes(validateText(json, "json"))).toEqual([["info", "value_at_run_time"]]);
    expect(checkConfig(json, "json", { lim: "2.7" }).source?.resources[0]?.endpoint.paginator).toMatchObject({ limit: 2 });
  });
});

describe("downloads of a config with casts", () => {
  const text = python('int(dlt.config["lim"])', '{"b": bool(dlt.secrets["on"]), "r": float(dlt.config["ratio"])}');
  const r = validateText(text, "python");

  it("the Python download keeps the casts as written", () => {
    const py = exportConfig(r, "python")!.text;
    expect(py).toContain('"limit": int(dlt.config["lim"])');
    expect(py).toContain('"b": bool(dlt.secrets["on"])');
  });

  it("JSON and YAML leave the values out and their loading snippet binds them cast", () => {
    const yaml = exportConfig(r, "yaml")!.text;
    expect(yaml).toContain('#     config["resources"][0]["endpoint"]["paginator"]["limit"] = int(dlt.config["lim"])');
    expect(yaml).toContain('#     config["resources"][0]["endpoint"]["params"]["r"] = float(dlt.config["ratio"])');
    expect(exportConfig(r, "json")!.text).not.toContain("$cast");
  });

  it("the secrets.toml template gives each cast name an example of its type", () => {
    const toml = secretsTomlFile(r)!.text;
    expect(toml).toContain("on = false  # an example: the config reads bool(…) of it");
    expect(toml).toContain("# lim = 10  # an example: the config reads int(…) of it");
    expect(toml).toContain("# ratio = 0.5  # an example: the config reads float(…) of it");
  });

  it("JSON → Python gives the cast back", () => {
    const json = validateText(JSON.stringify(r.value), "json");
    expect(exportConfig(json, "python")!.text).toContain('"limit": int(dlt.config["lim"])');
  });
});
