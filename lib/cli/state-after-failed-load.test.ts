/**
 * `run --state-dir` after a run dlt's load fails, against dlt 1.26.0 on DuckDB (a loopback API, the same configs and
 * records as here; `pipeline.run` three times, the requests of each recorded):
 * - a load job DuckDB fails (`NOT NULL constraint failed: items.code`): dlt aborts the package, keeps the state its
 *   extract committed (`last_value` 8), and the next run asked `since=8` — the failed run's records are never loaded;
 * - the normalize step failing (`Cannot coerce NULL in table items column code which is not nullable`): the package
 *   stays pending with the state at 8, and the next runs sent no request and failed the same way (retrying the
 *   package). restplay asks again from the cursor before it (`since=3`): the same records fail the same way.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const { dir, write } = tempDir("failed-load");

write(
  "items.json",
  JSON.stringify({
    client: { base_url: "https://api.example.com" },
    resources: [
      {
        name: "items",
        columns: { code: { data_type: "text", nullable: false } },
        endpoint: {
          path: "items",
          paginator: "single_page",
          params: { since: { type: "incremental", cursor_path: "updated", initial_value: 0 } },
        },
      },
    ],
  }),
);

/** Serves each run's records in turn, recording the requests. */
function api(runs: unknown[][]) {
  const seen: string[] = [];
  let n = 0;
  const fetch = async (req: Request) => {
    seen.push(new URL(req.url).search);
    return new Response(JSON.stringify(runs[n++] ?? []), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

const cursor = (state: string) =>
  (JSON.parse(readFileSync(join(dir, state, "incremental.json"), "utf8")) as { items?: { last_value: unknown } }).items?.last_value;

async function threeRuns(state: string, failing: unknown[], third: unknown[]) {
  const { seen, fetch } = api([[{ id: 1, updated: 3, code: "a" }], failing, third]);
  const args = ["run", "items.json", "--state-dir", state];
  const codes: number[] = [];
  const cursors: unknown[] = [];
  const said: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await cli(args, { cwd: dir, fetch });
    codes.push(r.code);
    cursors.push(cursor(state));
    said.push(r.stdout.split("\n").find((l) => l.startsWith("state ")) ?? "");
  }
  return { seen, codes, cursors, said };
}

describe("restplay run --state-dir after a run dlt's load fails", () => {
  it("a load job DuckDB fails moves the cursor as dlt does: the next run asks from it", async () => {
    const failing = [
      { id: 2, updated: 7, code: "b" },
      { id: 3, updated: 8 },
    ];
    const r = await threeRuns("load-job", failing, [{ id: 4, updated: 9, code: "c" }]);
    expect(r.codes).toEqual([0, 1, 0]);
    expect(r.seen).toEqual(["?since=0", "?since=3", "?since=8"]);
    expect(r.cursors).toEqual([3, 8, 9]);
    expect(r.said[1]).toContain("dlt's load failed: the destination is as before, the cursors moved on");
    // The failed run's records are not loaded, then or later.
    const stored = JSON.parse(readFileSync(join(dir, "load-job", "destination.json"), "utf8")) as { rows: Record<string, unknown[]> };
    expect(stored.rows.items?.map((row) => (row as { id: number }).id)).toEqual([1, 4]);
  });

  it("a normalize step dlt fails leaves the cursor where it was: the next run asks for the same records, fails again", async () => {
    // The API still has the records after `since=3` (dlt's third run fails on its pending package without asking).
    const failing = [
      { id: 2, updated: 7, code: "b" },
      { id: 3, updated: 8, code: null },
    ];
    const r = await threeRuns("normalize", failing, failing);
    expect(r.codes).toEqual([0, 1, 1]);
    expect(r.seen).toEqual(["?since=0", "?since=3", "?since=3"]);
    expect(r.cursors).toEqual([3, 3, 3]);
    expect(r.said[1]).toContain("left as it was (the run failed: nothing was loaded)");
  });
});
