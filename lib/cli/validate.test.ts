import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, positionOf, seedFiles } from "../testing/cli";
import { SEEDS_DIR } from "../testing/seeds";

const seeds = seedFiles();
// The commands load their modules lazily (fast CLI start); load them once here, outside the tests' timeouts.
beforeAll(async () => {
  await Promise.all([import("./validate"), import("./run-command"), import("../run")]);
}, 60_000);
const at = { cwd: seeds.dir };
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

const BAD_JSON = `{
  "client": {"base_url": "https://api.example.com"},
  "resources": [
    {"name": "a", "endpoint": {"paht": "/x", "method": "get"}}
  ]
}
`;

describe("restplay validate", () => {
  it("finds the five seeds", () => expect(seeds.files).toHaveLength(5));

  for (const seed of seeds.files) {
    it(`seed ${seed.id}: --format json is valid, with exactly the documented fields`, async () => {
      const r = await cli(["validate", seed.name, "--format", "json"], at);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      const out = JSON.parse(r.stdout) as { valid: boolean; format: string; diagnostics: Record<string, unknown>[] };
      expect(Object.keys(out)).toEqual(["valid", "format", "diagnostics", "error"]);
      expect(out).toMatchObject({ valid: true, format: "python", error: null });
      for (const d of out.diagnostics) {
        expect(Object.keys(d)).toEqual(["severity", "code", "message", "path", "line", "column"]);
        expect(d.severity).not.toBe("error");
      }
    });
  }

  it("positions point at the start of the offending token (1-based)", async () => {
    const s000 = seeds.files.find((f) => f.id === "000")!;
    const out = JSON.parse((await cli(["validate", s000.name, "--format", "json"], at)).stdout) as {
      diagnostics: { code: string; line: number; column: number }[];
    };
    const oauth = out.diagnostics.find((d) => d.code === "dialect_oauth2")!;
    expect({ line: oauth.line, column: oauth.column }).toEqual(positionOf(s000.code, '"oauth2"'));

    const s004 = seeds.files.find((f) => f.id === "004")!;
    const out4 = JSON.parse((await cli(["validate", s004.name, "--format", "json"], at)).stdout) as {
      diagnostics: { code: string; line: number; column: number }[];
    };
    const comment = out4.diagnostics.find((d) => d.code === "js_comment")!;
    expect({ line: comment.line, column: comment.column }).toEqual(positionOf(s004.code, "// Additional"));
  });

  it("an invalid JSON config: exit 1, unknown key at its quote, wrong value at the value", async () => {
    const name = seeds.write("bad.json", BAD_JSON);
    const r = await cli(["validate", name, "--format", "json"], at);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      valid: boolean;
      format: string;
      diagnostics: { severity: string; code: string; path: string; line: number; column: number }[];
    };
    expect(out).toMatchObject({ valid: false, format: "json" });
    const key = out.diagnostics.find((d) => d.path === "/resources/0/endpoint/paht")!;
    expect(key).toMatchObject({ severity: "error", ...positionOf(BAD_JSON, '"paht"') });
    const value = out.diagnostics.find((d) => d.path === "/resources/0/endpoint/method")!;
    expect(value).toMatchObject({ severity: "error", ...positionOf(BAD_JSON, '"get"') });
  });

  it("text output: location, severity, code, message, the source line, carets under the range, a summary", async () => {
    const name = seeds.write("bad2.json", BAD_JSON);
    const r = await cli(["validate", name], at);
    expect(r.code).toBe(1);
    const { line, column } = positionOf(BAD_JSON, '"paht"');
    const lines = r.stdout.split("\n");
    const head = lines.findIndex((l) => l.startsWith(`${name}:${line}:${column}  error  `));
    expect(head).toBeGreaterThanOrEqual(0);
    expect(lines[head + 1]).toBe(`${line} |     {"name": "a", "endpoint": {"paht": "/x", "method": "get"}}`);
    expect(lines[head + 2]).toBe(`  | ${" ".repeat(column - 1)}^^^^^^`);
    expect(lines.filter((l) => l.trim() !== "").at(-1)).toMatch(/^✖ bad2\.json is invalid: 2 errors/);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it("colours only on a terminal, and never with NO_COLOR", async () => {
    const s = seeds.files[0]!.name;
    expect((await cli(["validate", s], { ...at, tty: true })).stdout).toMatch(ANSI);
    expect((await cli(["validate", s], { ...at, tty: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ANSI);
    const ok = await cli(["validate", s], at);
    expect(ok.stdout).toMatch(/✔ seed-000\.py is valid \(\d+ warnings?/);
  });

  it("a Markdown document (the seed files as they are) is checked through its first code block, positions in the file", async () => {
    const file = "004_bd6b24b885e29f46.txt";
    const text = readFileSync(join(SEEDS_DIR, file), "utf8");
    const r = await cli(["validate", file, "--format", "json"], { cwd: SEEDS_DIR });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { valid: boolean; format: string; diagnostics: { code: string; line: number; column: number }[] };
    expect(out).toMatchObject({ valid: true, format: "python" });
    expect(out.diagnostics.find((d) => d.code === "js_comment")).toMatchObject(positionOf(text, "// Additional"));
  });

  it("YAML is detected from the extension", async () => {
    const name = seeds.write("c.yaml", "client:\n  base_url: https://api.example.com\nresources:\n  - posts\n");
    const out = JSON.parse((await cli(["validate", name, "--format", "json"], at)).stdout) as { valid: boolean; format: string };
    expect(out).toMatchObject({ valid: true, format: "yaml" });
  });
});

describe("usage errors exit 2", () => {
  const cases: [string, string[], RegExp][] = [
    ["a missing file", ["validate", "nope.py"], /cannot read nope\.py: no such file/],
    ["a directory", ["validate", "."], /is a directory/],
    ["a bad --format", ["validate", "seed-000.py", "--format", "xml"], /Allowed choices are text, json/],
    ["an unknown option", ["validate", "seed-000.py", "--colour"], /unknown option/],
    ["a missing argument", ["validate"], /missing required argument 'file'/],
    ["an unknown command", ["lint", "x.py"], /unknown command/],
    ["no command", [], /Usage: restplay/],
    ["a bad --secret", ["run", "seed-000.py", "--secret", "client_id"], /expected NAME=VALUE/],
    ["a bad --max-pages", ["run", "seed-000.py", "--max-pages", "0"], /at least 1/],
    [
      "an unknown --resource",
      ["run", "seed-004.py", "--mock", "--resource", "invoices"],
      /Unknown resource `invoices`; the config defines `bank_transactions`, `contacts`/,
    ],
    ["export without a target", ["export", "seed-000.py"], /--to json\|yaml\|python, or --secrets-toml/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await cli(args, at);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }
  it("checks the values --secret or the environment give as dlt reads them (a + joining an int), masked in what it prints", async () => {
    const joined =
      "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n" +
      '    "client": {"base_url": "https://h:" + dlt.secrets["port"] + "/"},\n    "resources": ["items"],\n})\n';
    const name = seeds.write("joined.py", joined);
    expect((await cli(["validate", name], at)).code).toBe(0);
    for (const r of [
      await cli(["validate", name, "--secret", "port=8080"], at),
      await cli(["validate", name], { ...at, env: { PORT: "8080" } }),
    ]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('TypeError: can only concatenate str (not "int") to str');
      expect(r.stdout).toContain("(8*****0)");
      expect(r.stdout).not.toContain("8080");
    }
    expect((await cli(["validate", name, "--secret", "port=80a"], at)).code).toBe(0);
  });

  it("a bad --secret (its name= forgotten) is refused without echoing the value, which may be the secret", async () => {
    for (const args of [
      ["run", "seed-000.py", "--secret", "SEKRET-abc123-TOKEN"],
      ["check", "seed-000.py", "--secret=:SEKRET-abc123-TOKEN"],
    ]) {
      const r = await cli(args, at);
      expect([r.code, r.stderr.includes("SEKRET-abc123-TOKEN")]).toEqual([2, false]);
      expect(r.stderr).toMatch(/argument '\*\*\*' is invalid\. expected NAME=VALUE/);
    }
    // A misspelt option with a value (`--secrets=…`) is an unknown option, named without its value.
    const typo = await cli(["run", "seed-000.py", "--secrets=client_id=SEKRET-abc123-TOKEN"], at);
    expect([typo.code, typo.stderr.includes("SEKRET"), /unknown option '--secrets=\*\*\*'/.test(typo.stderr)]).toEqual([2, false, true]);
  });

  it("a --secret the config does not read is said on stderr, as run and check say it; stdout stays the report", async () => {
    const r = await cli(["validate", "seed-002.py", "--secret", "api_kye=abc", "--format", "json"], at);
    expect([r.code, (JSON.parse(r.stdout) as { valid: boolean }).valid]).toEqual([0, true]);
    expect(r.stderr).toBe(
      'warning: --secret api_kye is not used: the config has no dlt.secrets["api_kye"] or dlt.config["api_kye"] ' +
        "(it reads `api_key`)\n",
    );
    expect((await cli(["validate", "seed-002.py", "--secret", "api_key=abc"], at)).stderr).toBe("");
  });

  it("a --secret the config reads only inside Python restplay does not evaluate is said to be unused there, not missing", async () => {
    const config =
      "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n" +
      'source = rest_api_source({"client": {"base_url": "https://x.example/"},' +
      ' "resources": [{"name": "a", "endpoint": {"params": {"limit": int(dlt.config["lim"]) * 2}}}]})\n';
    const r = await cli(["validate", "-", "--secret", "lim=5"], { ...at, stdin: async () => config });
    expect(r.stderr).toContain(
      "warning: --secret lim is not used: the config reads lim only inside Python restplay does not evaluate " +
        "(dlt evaluates it when it runs)",
    );
    // A cast on the reference alone is read (decision 0047): the value is used.
    const cast = await cli(["validate", "-", "--secret", "lim=5"], { ...at, stdin: async () => config.replace(" * 2", "") });
    expect(cast.stderr).not.toContain("is not used");
  });

  it("a usage error keeps its own words whole, and names a choice or a number as typed", async () => {
    // A short secret-like value is masked where the error quotes it, not inside other words ("e.g. --secret client_id=abc").
    const short = await cli(["validate", "seed-000.py", "--secret", "abc"], at);
    expect(short.stderr).toContain("argument '***' is invalid. expected NAME=VALUE, e.g. --secret client_id=abc\n");
    const to = await cli(["export", "seed-000.py", "--to=py"], at);
    expect([to.code, to.stderr.split("\n")[0]]).toEqual([
      2,
      "error: option '--to <format>' argument 'py' is invalid. Allowed choices are json, yaml, python.",
    ]);
    const json = await cli(["run", "seed-000.py", "--format=json", "--max-pages=0"], at);
    expect((JSON.parse(json.stdout) as { errors: { message: string }[] }).errors[0]!.message).toBe(
      "option '--max-pages <n>' argument '0' is invalid. expected a whole number of at least 1",
    );
  });

  it("export and import take --format for --to (run's output option, where a config is written it can only mean that)", async () => {
    const to = await cli(["export", "seed-000.py", "--to", "json"], at);
    const format = await cli(["export", "seed-000.py", "--format", "json"], at);
    expect([format.code, format.stdout]).toEqual([0, to.stdout]);
    expect(JSON.parse(format.stdout)).toHaveProperty("resources");
    const both = await cli(["export", "seed-000.py", "--to", "yaml", "--format=json"], at);
    expect([both.code, both.stderr]).toEqual([2, "error: --to yaml and --format json name two formats: give one\n"]);
    const text = await cli(["export", "seed-000.py", "--format", "text"], at);
    expect([text.code, text.stderr.split("\n")[0]]).toEqual([
      2,
      "error: option '--format <format>' argument 'text' is invalid. Allowed choices are json, yaml, python.",
    ]);
    const example = seeds.write("sample.json", JSON.stringify({ data: [{ id: 1, name: "a" }], next: null }));
    const imported = await cli(["import", example, "--url", "https://api.example.com/v1/things", "--format", "python"], at);
    expect([imported.code, imported.stdout]).toEqual([0, expect.stringContaining("rest_api_source(")]);
  });

  it("masks a literal credential in the source excerpt as in the message (CI logs keep validate's output)", async () => {
    const literal =
      'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nTOKEN = "SEKRET-const-111"\n\nsource = rest_api_source({\n' +
      '    "client": {"base_url": "https://user:SEKRET-uinfo-222@api.example.com", "headers": {"X-API-Key": TOKEN}},\n' +
      '    "resources": [{"name": "a", "endpoint": {"path": "a?access_token=SEKRET-path-444"}}],\n})\n';
    const r = await cli(["validate", seeds.write("literal.py", literal)], at);
    expect(r.stdout + r.stderr).toContain("hardcoded_secret");
    expect((r.stdout + r.stderr).match(/SEKRET/g) ?? []).toEqual([]);
    expect(r.stdout).toContain('TOKEN = "S*****1"');
    // Two on one line: each excerpt masks both, its carets under its own.
    const line = JSON.stringify({
      client: { base_url: "https://x.example.com", headers: { "X-API-Key": "SEKRET-h1-999", Authorization: "Bearer SEKRET-h2-888" } },
      resources: ["a"],
    });
    const two = await cli(["validate", seeds.write("two.json", line)], at);
    expect(two.stdout).not.toContain("SEKRET");
    const excerpts = two.stdout.split("\n").filter((l) => l.startsWith("1 |"));
    const carets = two.stdout.split("\n").filter((l) => /^ +\| +\^/.test(l));
    expect(carets.map((c, i) => excerpts[i]!.slice(c.indexOf("^"), c.lastIndexOf("^") + 1))).toEqual(['"S*****9"', '"B*****8"']);
  });

  it("--help exits 0 and names every exit code, for the program and each command", async () => {
    const r = await cli(["run", "--help"], at);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--secret <name=value>/);
    for (const args of [["--help"], ["validate", "--help"], ["run", "--help"], ["check", "--help"]]) {
      const help = (await cli(args, at)).stdout.replace(/\s+/g, " ");
      expect(help).toMatch(/Exit codes: 0 success .* 1 .* 2 a usage error .* 130 cancelled/);
    }
  });

  it("--help of every command that reads a config says what it reads: Markdown documents and - for standard input", async () => {
    for (const command of ["validate", "run", "export", "check"]) {
      const help = (await cli([command, "--help"], at)).stdout.replace(/\s+/g, " ");
      expect(help).toContain("a Markdown document (.md, .txt) with a config code block, or - for standard input");
    }
  });
});
