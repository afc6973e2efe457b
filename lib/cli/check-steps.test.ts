/**
 * `check`'s first-page line for a resource whose steps hold a `yield_map`: the generator gives the page's records at
 * later turns of the run (a source of dlt's round robin, decision 0044), so the verdict waits for the last of them and
 * the line counts them — it said "first page: 0 records" when every resource had its verdict before they came.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cli, seedFiles } from "../testing/cli";

const files = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./check-command"), import("../run")]);
}, 60_000);

const CONFIG = `from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.test/", "paginator": "single_page"},
    "resources": [
        {"name": "items", "endpoint": {"path": "items"},
         "processing_steps": [{"yield_map": lambda x: [{**x, "k": 0}, {**x, "k": 1}]}, {"map": lambda x: [x]}]},
        {"name": "plain", "endpoint": {"path": "plain"}},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs"},
         "processing_steps": [{"yield_map": lambda x: [{**x, "k": k} for k in range(3)]}, {"filter": lambda x: x["k"] != 1}]},
    ],
})
`;

describe("check's first-page line when a yield_map gives the page's records", () => {
  it("counts what the steps gave for the page, a top-level resource's and a child's", async () => {
    const file = files.write("yield-check.py", CONFIG);
    const fetch = async () => new Response('[{"id": 1}, {"id": 2}]', { headers: { "content-type": "application/json" } });
    const json = await cli(["check", file, "--format", "json"], { cwd: files.dir, fetch });
    expect(json.code).toBe(0);
    const rows = (JSON.parse(json.stdout) as { rows: { resource: string; status: string; records: number; reason: string }[] }).rows;
    // items: two records, two items each; subs (for the first item): two records, three items each, one of them dropped.
    expect(rows.map((r) => [r.resource, r.status, r.records, r.reason])).toEqual([
      ["items", "pass", 4, "first page: 4 records at `$` (detected)"],
      ["plain", "pass", 2, "first page: 2 records at `$` (detected)"],
      ["subs", "pass", 4, "first page: 4 records at `$` (detected)"],
    ]);
    const text = await cli(["check", file], { cwd: files.dir, fetch });
    expect(text.stdout).toMatch(/items .*first page: 4 records/);
  });
});
