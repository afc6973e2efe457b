/** secrets.toml from the command line: the template `export --secrets-toml` prints, which `run` and `check` read back. */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, seedFiles } from "../testing/cli";
import { createMockApi, MOCK_DEMO_SECRETS } from "../mocks";
import { getExample } from "../examples";

const seeds = seedFiles();
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
  it("the template export --secrets-toml prints, filled in, is what run and check read (sections included)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "restplay-dlt-dir-"));
    try {
      mkdirSync(join(dir, ".dlt"));
      const mock = createMockApi();
      for (const [id, file] of [
        ["002", "seed.py"],
        ["docs-github", "github.py"],
      ] as const) {
        const code = id === "docs-github" ? getExample(id)!.text : seeds.files.find((f) => f.id === id)!.code;
        writeFileSync(join(dir, file), code);
        const template = await cli(["export", file, "--secrets-toml"], { cwd: dir });
        expect(template.code).toBe(0);
        // Each placeholder filled with the mock API's demo value under the key's own name.
        const filled = template.stdout.replace(/^(\w+) = "<your \w+>"$/gm, (_, key: string) => `${key} = "${MOCK_DEMO_SECRETS[key]}"`);
        expect(filled).not.toContain("<your");
        writeFileSync(join(dir, ".dlt", "secrets.toml"), filled);
        for (const command of ["run", "check"]) {
          const r = await cli([command, file, ...(command === "run" ? ["--max-pages", "1"] : [])], { cwd: dir, fetch: mock.fetch });
          expect([r.code, r.stderr]).toEqual([0, expect.stringContaining("from .dlt/secrets.toml")]);
          expect(r.stdout + r.stderr).not.toMatch(/demo-api-key|demo-github-token/);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
