import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { destinationLines, loadState, readDestinationLines } from "./state-dir";
import type { DestinationState } from "../preview";

const { dir, write } = tempDir("state");

const config = {
  client: { base_url: "https://api.example.com" },
  resources: [
    {
      name: "orders",
      primary_key: "id",
      write_disposition: "merge",
      endpoint: {
        path: "/orders",
        paginator: "single_page",
        incremental: { cursor_path: "updated", start_param: "since", initial_value: 0 },
      },
    },
  ],
};
write("orders.json", JSON.stringify(config));

/** Run 1 sends orders 1 and 2; asked `since=2` (run 2) it sends order 2 again, changed, and order 3. */
const fetchFor = (seen: string[]) => async (req: Request) => {
  seen.push(req.url);
  const since = new URL(req.url).searchParams.get("since");
  const body =
    since === "0"
      ? '[{"id": 1, "updated": 1, "total": 3.0, "lines": [{"sku": "a"}]}, {"id": 2, "updated": 2, "total": 5, "ref": 12345678901234567}]'
      : '[{"id": 2, "updated": 3, "total": 9, "lines": [{"sku": "b"}]}, {"id": 3, "updated": 4, "total": 1}]';
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
};

interface Out {
  tables: {
    name: string;
    parent: string | null;
    columns: { name: string; data_type: string; nullable: boolean }[];
    rows: Record<string, unknown>[];
  }[];
}

describe("restplay run --state-dir", () => {
  const state = join(dir, "state");

  it("keeps the destination and the incremental state between invocations", async () => {
    const seen: string[] = [];
    const first = await cli(["run", "orders.json", "--state-dir", "state", "--format", "json"], { cwd: dir, fetch: fetchFor(seen) });
    expect(first.code).toBe(0);
    const one = JSON.parse(first.stdout) as Out;
    expect(one.tables.map((t) => [t.name, t.parent, t.rows.length])).toEqual([
      ["orders", null, 2],
      ["orders__lines", "orders", 1],
    ]);
    // dlt's types from the JSON text: 3.0 is a double, so the column is double; a big integer stays exact.
    expect(one.tables[0]!.columns.find((c) => c.name === "total")).toEqual({ name: "total", data_type: "double", nullable: true });
    expect(first.stdout).toContain('"ref": 12345678901234567');
    expect(existsSync(join(state, "destination.json"))).toBe(true);
    expect(JSON.parse(readFileSync(join(state, "incremental.json"), "utf8"))).toMatchObject({
      orders: { cursor_path: "updated", last_value: 2 },
    });

    const second = await cli(["run", "orders.json", "--state-dir", "state", "--format", "json"], { cwd: dir, fetch: fetchFor(seen) });
    expect(second.code).toBe(0);
    expect(seen).toEqual(["https://api.example.com/orders?since=0", "https://api.example.com/orders?since=2"]);
    const two = JSON.parse(second.stdout) as Out;
    const orders = two.tables.find((t) => t.name === "orders")!;
    expect(orders.rows.map((r) => [r.id, r.total])).toEqual([
      [1, 3],
      [2, 9],
      [3, 1],
    ]);
    const lines = two.tables.find((t) => t.name === "orders__lines")!;
    // Order 2's new line replaced nothing of order 1: child rows follow their root row.
    expect(lines.rows.map((r) => r.sku)).toEqual(["a", "b"]);
    expect(new Set(orders.rows.map((r) => r._dlt_load_id)).size).toBe(2);
  });

  it("prints the tables compactly in text mode", async () => {
    const r = await cli(["run", "orders.json", "--state-dir", "state"], { cwd: dir, fetch: fetchFor([]) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("tables after this run's load");
    // The incremental state asks for newer records only: order 3, at the cursor's boundary, comes again and is dropped
    // (its key's digest is in the state), as dlt drops it: the table is unchanged.
    expect(r.stdout).toContain("page 1: 0 records");
    expect(r.stdout).toMatch(/orders {2}3 rows \(unchanged\) {2}merge/);
    expect(r.stdout).toContain("id bigint (not null, primary key)");
    expect(r.stdout).toContain("state kept in");
  });

  it("writes destination.json a row a line, one JSON document; read back line by line it is the same state", async () => {
    const file = join(state, "destination.json");
    const text = readFileSync(file, "utf8");
    const whole = JSON.parse(text) as DestinationState;
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\{"version":1,.*"rows":\{$/);
    expect(lines).toContain('"orders":[');
    expect(lines.at(-1)).toBe("}}");
    expect(lines.filter((l) => l.startsWith('{"id"') || l.startsWith(',{"id"'))).toHaveLength(whole.rows.orders!.length);
    expect(await readDestinationLines(file)).toEqual(whole);
    // Forced to read line by line (as a file larger than one string), the run state is the same.
    const small = await loadState(state, { wholeBytes: 10 });
    expect(small.destination.state()).toEqual((await loadState(state)).destination.state());
  });

  it("the line layout round-trips odd table names, empty tables, no tables and rows with newlines in strings", async () => {
    const states: DestinationState[] = [
      { version: 1, max_identifier_length: null, loads: [], schema: [], rows: {} },
      {
        version: 1,
        max_identifier_length: 127,
        loads: ["1"],
        schema: [],
        rows: JSON.parse(
          '{"__proto__": [{"a": 1}], "x\\":[y": [], "t": [{"s": "line\\nbreak ]", "n": null}, {"s": ",{"}]}',
        ) as DestinationState["rows"],
      },
    ];
    for (const [i, st] of states.entries()) {
      const file = join(dir, `layout-${i}.json`);
      writeFileSync(file, [...destinationLines(st)].join(""));
      expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(JSON.parse(JSON.stringify(st)));
      expect(await readDestinationLines(file)).toEqual(JSON.parse(readFileSync(file, "utf8")));
    }
    // Another layout (an older compact file) is not read line by line: loadState reads it whole, or says so.
    const compact = join(dir, "compact.json");
    writeFileSync(compact, JSON.stringify(states[1]));
    expect(await readDestinationLines(compact)).toBeNull();
  });

  it("a state file too large to read whole and not in restplay's layout is refused with a way out", async () => {
    const other = join(dir, "other-state");
    const r0 = await cli(["run", "orders.json", "--state-dir", "other-state"], { cwd: dir, fetch: fetchFor([]) });
    expect(r0.code).toBe(0);
    writeFileSync(join(other, "destination.json"), JSON.stringify(JSON.parse(readFileSync(join(other, "destination.json"), "utf8"))));
    await expect(loadState(other, { wholeBytes: 10 })).rejects.toThrow(/too large to read whole.*delete it to start over/);
    expect((await loadState(other)).destination.lastLoadId()).not.toBeNull();
  });

  it("refuses a damaged state file with a way out", async () => {
    const odd = join(dir, "odd-state");
    await cli(["run", "orders.json", "--state-dir", "odd-state"], { cwd: dir, fetch: fetchFor([]) });
    writeFileSync(join(odd, "incremental.json"), "[1, 2]");
    const r0 = await cli(["run", "orders.json", "--state-dir", "odd-state"], { cwd: dir, fetch: fetchFor([]) });
    expect([r0.code, r0.stderr]).toEqual([2, expect.stringContaining("is not restplay's incremental state")]);
    writeFileSync(join(state, "destination.json"), '{"version": 99}');
    const r = await cli(["run", "orders.json", "--state-dir", "state"], { cwd: dir, fetch: fetchFor([]) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("delete it to start over");
  });

  it("refuses a hand-edited destination at its first bad cell, table or column, and names the place", async () => {
    const edited = join(dir, "edited-state");
    expect((await cli(["run", "orders.json", "--state-dir", "edited-state"], { cwd: dir, fetch: fetchFor([]) })).code).toBe(0);
    const file = join(edited, "destination.json");
    const good = readFileSync(file, "utf8");
    const edit = (change: (st: DestinationState & { rows: Record<string, unknown[]> }) => void) => {
      const st = JSON.parse(good) as DestinationState & { rows: Record<string, unknown[]> };
      change(st);
      writeFileSync(file, JSON.stringify(st));
      return cli(["run", "orders.json", "--state-dir", "edited-state"], { cwd: dir, fetch: fetchFor([]) });
    };
    const cases: [(st: DestinationState & { rows: Record<string, unknown[]> }) => void, string][] = [
      [
        (st) => ((st.rows.orders![1] as Record<string, unknown>).id = "notanint"),
        'table `orders`, row 2, column `id`: "notanint" is not a bigint value',
      ],
      [(st) => st.rows.orders!.push({ bogus: 1 }), "table `orders`, row 3: `bogus` is not a column of the table"],
      [(st) => (st.rows.gone = []), "rows of table `gone`, which the schema does not have"],
      [(st) => ((st.schema[0]!.columns[0] as { data_type: string }).data_type = "integer"), '"integer" is not one of dlt\'s data types'],
    ];
    for (const [change, said] of cases) {
      const r = await edit(change);
      expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(said)]);
      expect(r.stderr).toContain("delete it to start over");
    }
    writeFileSync(file, good);
    expect((await cli(["run", "orders.json", "--state-dir", "edited-state"], { cwd: dir, fetch: fetchFor([]) })).code).toBe(0);
  });

  it("a run dlt fails on a schema_contract freeze is not loaded: exit 1, the state as before, the next run fails too", async () => {
    const frozen = { client: { base_url: "https://a.example" }, resources: [{ name: "things", schema_contract: { columns: "freeze" } }] };
    write("frozen.json", JSON.stringify(frozen));
    let body = '[{"id": 1, "a": "x"}]';
    const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    const opts = { cwd: dir, fetch };
    expect((await cli(["run", "frozen.json", "--state-dir", "frozen-state"], opts)).code).toBe(0);
    const stored = readFileSync(join(dir, "frozen-state", "destination.json"), "utf8");
    body = '[{"id": 2, "a": "y", "b": 5}]';
    for (let i = 0; i < 2; i++) {
      const r = await cli(["run", "frozen.json", "--state-dir", "frozen-state"], opts);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("dlt fails the load on a schema_contract freeze (above): nothing was loaded");
      expect(readFileSync(join(dir, "frozen-state", "destination.json"), "utf8")).toBe(stored);
    }
  });

  it("a table switched from append to merge with nested rows is not loaded: DuckDB cannot add `_dlt_root_id` (exit 1)", async () => {
    const cfg = (wd: string) => ({
      client: { base_url: "https://a.example" },
      resources: [{ name: "things", primary_key: "id", write_disposition: wd }],
    });
    write("append.json", JSON.stringify(cfg("append")));
    write("merge.json", JSON.stringify(cfg("merge")));
    const fetch = async () => new Response('[{"id": 1, "tags": ["a"]}]', { status: 200, headers: { "content-type": "application/json" } });
    expect((await cli(["run", "append.json", "--state-dir", "switched"], { cwd: dir, fetch })).code).toBe(0);
    const stored = readFileSync(join(dir, "switched", "destination.json"), "utf8");
    const r = await cli(["run", "merge.json", "--state-dir", "switched"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("`_dlt_root_id` is a new NOT NULL column");
    expect(r.stdout).toContain(
      "dlt fails the load on a NOT NULL column DuckDB cannot add to a table an earlier load made (above): nothing was loaded",
    );
    expect(readFileSync(join(dir, "switched", "destination.json"), "utf8")).toBe(stored);
  });

  it("makes missing parent dirs, and refuses at once a place where no dir can be made (exit 2, nothing fetched)", async () => {
    const deep = await cli(["run", "orders.json", "--state-dir", "a/b/c"], { cwd: dir, fetch: fetchFor([]) });
    expect(deep.code).toBe(0);
    expect(existsSync(join(dir, "a/b/c/.lock"))).toBe(false);
    write("plain-file", "");
    const underFile = await cli(["run", "orders.json", "--state-dir", "plain-file/state"], { cwd: dir, fetch: fetchFor([]) });
    expect([underFile.code, underFile.stderr]).toEqual([
      2,
      expect.stringMatching(/cannot use \S*plain-file\/state as the state dir: ENOTDIR/),
    ]);
    // Node's recursive mkdir never settles here (Node 20); one level at a time fails at once.
    if (existsSync("/proc/self")) {
      const proc = await cli(["run", "orders.json", "--state-dir", "/proc/restplay-test/state"], { cwd: dir, fetch: fetchFor([]) });
      expect([proc.code, proc.stderr]).toEqual([2, expect.stringContaining("cannot use /proc/restplay-test/state as the state dir")]);
    }
  });
});

describe("restplay run --state-dir and numbers inside json cells", () => {
  it("keeps their spelling in the stored destination (46.0 stays a float, big integers exact)", async () => {
    const cfg = {
      client: { base_url: "https://api.example.com" },
      resources: [{ name: "things", max_table_nesting: 0, endpoint: { path: "/things", paginator: "single_page" } }],
    };
    write("things.json", JSON.stringify(cfg));
    const fetch = async () =>
      new Response('[{"id": 1, "meta": {"a": 46.0, "b": 9007199254740993}}]', {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    const args = ["run", "things.json", "--state-dir", "things-state", "--format", "json"];
    expect((await cli(args, { cwd: dir, fetch })).code).toBe(0);
    expect(readFileSync(join(dir, "things-state", "destination.json"), "utf8")).toContain('"meta":{"a":46.0,"b":9007199254740993}');
    // Run 2 appends to what run 1 stored, read back from the file: both rows keep the spelling.
    const second = await cli(args, { cwd: dir, fetch });
    expect(second.code).toBe(0);
    const tables = second.stdout.slice(second.stdout.indexOf('"tables"'));
    expect(tables.match(/"meta": \{"a":46\.0,"b":9007199254740993\}/g)).toHaveLength(2);
    expect(second.stdout).not.toMatch(/"a": ?46[,}]|9007199254740992/);
  });
});

describe("restplay run --state-dir after a run that fails", () => {
  it("keeps the cursor where the last loaded run left it: a failed run moves neither the tables nor the incremental state", async () => {
    const cfg = {
      client: { base_url: "https://api.example.com" },
      resources: [...config.resources, { name: "broken", endpoint: { path: "/broken", paginator: "single_page", response_actions: [] } }],
    };
    write("orders-broken.json", JSON.stringify(cfg));
    const seen: string[] = [];
    let broken = true;
    const fetch = async (req: Request) => {
      if (new URL(req.url).pathname !== "/broken") return fetchFor(seen)(req);
      return broken
        ? new Response('{"error": "gone"}', { status: 404, headers: { "content-type": "application/json" } })
        : new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    };
    const args = ["run", "orders-broken.json", "--state-dir", "failing-state", "--format", "json"];
    const failed = await cli(args, { cwd: dir, fetch });
    expect(failed.code).toBe(1);
    // A first run that fails leaves the state dir as it was: no file in it (a later run starts from nothing).
    expect(["incremental.json", "destination.json"].map((f) => existsSync(join(dir, "failing-state", f)))).toEqual([false, false]);
    expect(failed.stderr).toContain("left as it was (the run failed: nothing was loaded)");
    // The next run asks from the initial value again and loads both orders (the failed run loaded nothing).
    broken = false;
    const next = await cli(args, { cwd: dir, fetch });
    expect(next.code).toBe(0);
    expect(seen).toEqual(["https://api.example.com/orders?since=0", "https://api.example.com/orders?since=0"]);
    expect((JSON.parse(next.stdout) as Out).tables.find((t) => t.name === "orders")?.rows).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dir, "failing-state", "incremental.json"), "utf8"))).toMatchObject({
      orders: { cursor_path: "updated", last_value: 2 },
    });
  });
});

describe("restplay run: where the results go is checked before the run", () => {
  const fetchCounting = (calls: { n: number }) => async (req: Request) => {
    calls.n++;
    return fetchFor([])(req);
  };

  it("a state dir another run holds is refused (exit 2, nothing fetched); a lock whose process is gone is taken over", async () => {
    const held = join(dir, "held-state");
    const calls = { n: 0 };
    await cli(["run", "orders.json", "--state-dir", "held-state"], { cwd: dir, fetch: fetchCounting(calls) });
    expect(existsSync(join(held, ".lock"))).toBe(false); // released after the run
    writeFileSync(join(held, ".lock"), `${process.pid}\n`); // a live process holds it
    calls.n = 0;
    const busy = await cli(["run", "orders.json", "--state-dir", "held-state", "--format", "json"], {
      cwd: dir,
      fetch: fetchCounting(calls),
    });
    expect([busy.code, calls.n]).toEqual([2, 0]);
    expect(busy.stderr).toContain(`held-state is in use by another restplay run (process ${process.pid})`);
    writeFileSync(join(held, ".lock"), "2147483646\n"); // no such process
    const taken = await cli(["run", "orders.json", "--state-dir", "held-state"], { cwd: dir, fetch: fetchCounting(calls) });
    expect([taken.code, calls.n]).toEqual([0, 1]);
    expect(existsSync(join(held, ".lock"))).toBe(false);
  });

  it("a state that could not be written fails the JSON document as it fails the exit code (ok false, write_failed)", async () => {
    const gone = join(dir, "gone-state");
    // While the run fetches, the state dir is replaced by a file: the run is fine, its state cannot be written.
    const fetch = async (req: Request) => (rmSync(gone, { recursive: true, force: true }), writeFileSync(gone, "x"), fetchFor([])(req));
    const r = await cli(["run", "orders.json", "--state-dir", "gone-state", "--format", "json"], { cwd: dir, fetch });
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: { resource: string | null; code: string; message: string }[] };
    expect([r.code, out.ok]).toEqual([1, false]);
    expect(out.errors).toEqual([
      { resource: null, code: "write_failed", message: expect.stringMatching(/^could not write the state in /) },
    ]);
  });

  it("a state dir that is a file, a --duckdb path that is a folder, a device or in a missing one: a usage error first", async () => {
    write("a-file", "x");
    const calls = { n: 0 };
    const runWith = (...extra: string[]) => cli(["run", "orders.json", ...extra], { cwd: dir, fetch: fetchCounting(calls) });
    const file = await runWith("--state-dir", "a-file");
    expect([file.code, file.stderr]).toEqual([2, expect.stringMatching(/cannot use \S*a-file as the state dir: it is not a directory\n$/)]);
    const folder = await runWith("--duckdb", ".");
    expect([folder.code, folder.stderr]).toEqual([2, expect.stringContaining("it is a directory")]);
    const missing = await runWith("--duckdb", "no/such/dir/out.duckdb");
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("does not exist")]);
    // A device is not replaced by the database (the file is written beside it and renamed over it).
    const device = await runWith("--duckdb", "/dev/null");
    expect([device.code, device.stderr]).toEqual([2, expect.stringContaining("it is not a regular file")]);
    expect(calls.n).toBe(0);
  });
});
