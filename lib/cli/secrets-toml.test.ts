/** secrets.toml from the command line: the template `export --secrets-toml` prints, and a `.dlt/secrets.toml` restplay does not read. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, seedFiles } from "../testing/cli";

const seeds = seedFiles();
afterAll(() => seeds.cleanup());
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./check-command"), import("./export"), import("../run")]);
}, 60_000);
const at = { cwd: seeds.dir };

describe("restplay export --secrets-toml", () => {
  it("--to with --secrets-toml is a usage error naming both (stdout holds one file), never one of them silently", async () => {
    for (const to of ["python", "json", "yaml"]) {
      const r = await cli(["export", "seed-002.py", "--to", to, "--secrets-toml"], at);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("--to and --secrets-toml print different files");
      expect(r.stderr).toContain(`restplay export seed-002.py --to ${to} > `);
      expect(r.stderr).toContain("restplay export seed-002.py --secrets-toml > .dlt/secrets.toml");
    }
  });
});

describe("a .dlt/secrets.toml in the working directory", () => {
  it("a missing secret with a .dlt/secrets.toml in the working dir says restplay does not read it, never its values", async () => {
    const dir = mkdtempSync(join(tmpdir(), "restplay-dlt-dir-"));
    try {
      mkdirSync(join(dir, ".dlt"));
      writeFileSync(join(dir, ".dlt", "secrets.toml"), 'client_id = "toml-id-1234"\nclient_secret = "toml-secret-5678"\n');
      writeFileSync(join(dir, "seed.py"), seeds.files.find((f) => f.id === "000")!.code);
      for (const command of ["run", "check"]) {
        const r = await cli([command, "seed.py"], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
          "note: restplay does not read .dlt/secrets.toml or .dlt/config.toml (dlt does): give their values with --secret NAME=VALUE " +
            "or the environment variables dlt reads",
        );
        expect(r.stdout + r.stderr).not.toMatch(/toml-id-1234|toml-secret-5678/);
      }
      // Without one missing, nothing is said about it.
      const given = await cli(["run", "seed.py", "--mock"], { cwd: dir });
      expect(given.stderr).not.toContain(".dlt/secrets.toml");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
