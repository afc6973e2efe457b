/** A credential written into a resource given as a string (`"items?token=…"`) is masked in what every command prints. */
import { beforeAll, describe, expect, it } from "vitest";
import { cli, seedFiles } from "../testing/cli";

const files = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./check-command"), import("../run")]);
}, 60_000);

const config = JSON.stringify({ client: { base_url: "https://lab.example.com" }, resources: ["items?token=Tok-In-Name-991"] });
const fetch = async () => new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
const LITERAL = /Tok-In-Name-991|tok_in_name_991/i;

describe("a literal credential in a resource's name", () => {
  it("is masked in run --format json: the resource, its errors and its table", async () => {
    const file = files.write("named.json", config);
    const r = await cli(["run", file, "--format", "json"], { cwd: files.dir, fetch });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(LITERAL);
    const out = JSON.parse(r.stdout) as { resources: { name: string }[]; tables: { name: string }[] };
    expect(out.resources.map((x) => x.name)).toEqual(["items?token=T*****1"]);
    expect(out.tables.map((x) => x.name)).toEqual(["items_token_t*****1"]);
  });

  it("is masked in check, as text and as JSON", async () => {
    const file = files.write("named.json", config);
    const text = await cli(["check", file], { cwd: files.dir, fetch });
    expect(text.code).toBe(0);
    expect(text.stdout + text.stderr).not.toMatch(LITERAL);
    expect(text.stdout).toContain("items?token=T*****1");
    const json = await cli(["check", file, "--format", "json"], { cwd: files.dir, fetch });
    expect(json.stdout + json.stderr).not.toMatch(LITERAL);
    expect((JSON.parse(json.stdout) as { rows: { resource: string }[] }).rows.map((x) => x.resource)).toEqual(["items?token=T*****1"]);
  });
});
