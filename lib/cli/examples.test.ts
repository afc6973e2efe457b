import { describe, expect, it } from "vitest";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { EXAMPLES } from "../examples";
import packageJson from "../../package.json";

const { dir, write } = tempDir("examples");

describe("restplay examples", () => {
  it("lists every gallery example with its format and title, and says how to run one", async () => {
    const r = await cli(["examples"], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    for (const e of EXAMPLES) expect(lines.some((l) => l.startsWith(`${e.id} `) && l.includes(e.format) && l.endsWith(e.title))).toBe(true);
    // stdout is the list alone (`restplay examples | cut -d' ' -f1` gives the ids); the hint is on stderr.
    expect(
      r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split(" ")[0]),
    ).toEqual(EXAMPLES.map((e) => e.id));
    expect(r.stderr).toMatch(/restplay examples seed-000 > seed-000\.py && restplay run seed-000\.py --mock/);
  });

  it("prints one example as the gallery holds it; saved to a file, it runs against the mocks with the gallery's counts", async () => {
    const example = EXAMPLES.find((e) => e.id === "lab-parent-child")!;
    const r = await cli(["examples", example.id], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd()).toBe(example.text.trimEnd());
    write("example.yaml", r.stdout);
    const run = await cli(["run", "example.yaml", "--mock", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { resources: { name: string; stats: { records_fetched: number; records_merged: number } }[] };
    expect(
      Object.fromEntries(out.resources.map((x) => [x.name, { fetched: x.stats.records_fetched, merged: x.stats.records_merged }])),
    ).toEqual(example.expected.resources);
  });

  it("an unknown example is a usage error naming those there are; --version prints the package's version", async () => {
    const r = await cli(["examples", "nope"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no example nope; one of: seed-000, seed-001");
    const v = await cli(["--version"], { cwd: dir });
    expect([v.code, v.stdout.trim()]).toEqual([0, packageJson.version]);
  });
});

describe("an empty config", () => {
  it("says where to start: write or paste one, or an example (Examples or Import, restplay examples)", async () => {
    for (const name of ["empty.yaml", "empty.json"]) {
      write(name, "");
      const r = await cli(["validate", name], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("The document is empty: write or paste a config");
      expect(r.stdout).toContain("`restplay examples` in a terminal");
    }
  });
});

describe("a config from standard input (-)", () => {
  it("is read from the pipe, its format detected, and named <stdin> in messages", async () => {
    const example = EXAMPLES.find((e) => e.id === "lab-auto")!;
    const r = await cli(["validate", "-"], { cwd: dir, stdin: async () => example.text });
    expect([r.code, r.stdout.trim().split("\n").at(-1)]).toEqual([0, expect.stringMatching(/^✔ <stdin> is valid/)]);
    const run = await cli(["run", "-", "--mock", "--format", "json"], { cwd: dir, stdin: async () => example.text });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { ok: boolean }).ok).toBe(true);
  });

  it("without one is a usage error", async () => {
    const r = await cli(["validate", "-"], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("cannot read -")]);
  });
});
