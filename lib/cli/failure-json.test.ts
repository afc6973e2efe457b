/** `--format json` prints one JSON document on stdout whatever happened: usage errors (exit 2) included. */
import { beforeAll, describe, expect, it } from "vitest";
import { cli, seedFiles } from "../testing/cli";
import { failureShape } from "./failure-json";

const files = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./check-command"), import("./validate"), import("../run")]);
}, 60_000);
const at = { cwd: files.dir };

describe("--format json when the command cannot start", () => {
  it("validate: a missing file or a directory prints validate's shape with the reason", async () => {
    for (const file of ["nosuch.py", "."]) {
      const r = await cli(["validate", file, "--format", "json"], at);
      expect(r.code).toBe(2);
      const out = JSON.parse(r.stdout) as {
        valid: boolean;
        format: null;
        diagnostics: unknown[];
        error: { code: string; message: string };
      };
      expect(out).toMatchObject({ valid: false, format: null, diagnostics: [], error: { code: "usage_error" } });
      expect(out.error.message).toContain(file === "." ? "is a directory" : "no such file");
    }
  });

  it("run: an unknown resource, an unknown option and a missing file print run's shape, refusal included", async () => {
    for (const args of [
      ["run", "seed-000.py", "--mock", "--resource", "nope", "--format", "json"],
      ["run", "seed-000.py", "--mok", "--format=json"],
      ["run", "nosuch.py", "--format", "json"],
    ]) {
      const r = await cli(args, at);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({
        ok: false,
        resources: [],
        limits: [],
        errors: [{ resource: null, code: "usage_error", message: expect.any(String) as string }],
        refusal: null,
        tables: [],
      });
    }
  });

  it("run: an invalid config's JSON has the documented refusal (null)", async () => {
    const file = files.write("broken.json", '{"client": {"base_url": "https://x.example"}, "resources": [');
    const r = await cli(["run", file, "--format", "json"], at);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, refusal: null, errors: [{ code: "invalid_config" }] });
  });

  it("check: a bad --secret prints check's shape, the value it was given never", async () => {
    const r = await cli(["check", "seed-000.py", "--mock", "--secret", "Tok-Given-1", "--format", "json"], at);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain("Tok-Given-1");
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, rows: [], error: { code: "usage_error" } });
  });

  it("a command's document has the same keys whatever happened: `error` is null when there was none", async () => {
    const keys = async (args: string[]) => Object.keys(JSON.parse((await cli(args, at)).stdout) as object);
    const validate = await keys(["validate", "seed-000.py", "--format", "json"]);
    expect(validate).toEqual(await keys(["validate", "nosuch.py", "--format", "json"]));
    expect(JSON.parse((await cli(["validate", "seed-000.py", "--format", "json"], at)).stdout)).toMatchObject({ error: null });
    const check = await cli(["check", "seed-000.py", "--mock", "--format", "json"], at);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, error: null });
    expect(Object.keys(JSON.parse(check.stdout) as object)).toEqual(await keys(["check", "nosuch.py", "--format", "json"]));
    expect(await keys(["run", "seed-000.py", "--mock", "--max-pages", "1", "--format", "json"])).toEqual(
      await keys(["run", "nosuch.py", "--format", "json"]),
    );
  });

  it("text output and commands without JSON print nothing on stdout", async () => {
    expect((await cli(["validate", "nosuch.py"], at)).stdout).toBe("");
    expect(failureShape(["export", "x.py", "--format", "json"])).toBeNull();
    expect(failureShape(["constructor", "--format", "json"])).toBeNull();
    expect(failureShape(["run", "x.py", "--format", "text"])).toBeNull();
    // The last --format is the one the command uses.
    expect(failureShape(["run", "x.py", "--format", "json", "--format=text"])).toBeNull();
    expect(failureShape(["run", "x.py", "--format=text", "--format", "json"])).not.toBeNull();
    expect((await cli(["check", "nosuch.py", "--format", "json", "--format", "text"], at)).stdout).toBe("");
  });
});
