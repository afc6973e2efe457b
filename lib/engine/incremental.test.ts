import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json, resolved } from "../testing/engine";

const rows = [
  { id: 1, updated: "2024-01-01" },
  { id: 2, updated: "2024-02-01" },
  { id: 3, updated: "2024-03-01" },
];
const cfg = (incremental: object, endpoint: object = {}) => ({
  client: { base_url: "https://api.test" },
  resources: [{ name: "r", endpoint: { path: "/items", paginator: "single_page", incremental, ...endpoint } }],
});

describe("incremental", () => {
  it("compares cursors beyond 2^53 by their digits, as Python compares ints (JavaScript's numbers call them equal)", async () => {
    const body = '[{"t": 9007199254740993, "id": 1}, {"t": 9007199254740992, "id": 2}, {"t": 9007199254740995, "id": 3}]';
    const api = fakeFetch(() => new Response(body, { headers: { "content-type": "application/json" } }));
    // The config's digits, as lib/config marks them (a JavaScript number cannot hold them).
    const initial = { $number: "9007199254740993" };
    const run = await collect(cfg({ cursor_path: "t", initial_value: initial, start_param: "since_id" }), api.fetch);
    expect(api.calls[0]!.url).toBe("https://api.test/items?since_id=9007199254740993");
    // 9007199254740992 is before the start (dlt drops it); the state keeps the last id's digits.
    expect(run.records.map((r) => r.id)).toEqual([1, 3]);
    expect(run.of("incremental")[0]).toMatchObject({ after: { $number: "9007199254740995" }, filtered: 1 });
  });
  it("keeps the records dlt keeps around a NaN or ±Infinity cursor (read as Python's floats), for max and min", async () => {
    const kept = async (body: string, last_value_func: string, state?: object, more: object = {}) => {
      const api = fakeFetch(() => new Response(body, { headers: { "content-type": "application/json" } }));
      const incremental = { cursor_path: "t", initial_value: 2, last_value_func, ...more };
      const config = cfg(incremental);
      Object.assign(config.resources[0]!, { primary_key: "id" });
      const run = await collect(config, api.fetch, state ? { state: { r: state as never } } : {});
      return { ids: run.records.map((r) => r.id), state: run.of("incremental")[0]?.state };
    };
    // As dlt 1.26.0 loaded them from a loopback server (initial_value 2): a NaN row and the row after it are kept
    // whatever the start; inf is a value beyond every other, which the state writes as null.
    const nan = '[{"t": 3, "id": 1}, {"t": NaN, "id": 2}, {"t": 5, "id": 3}]';
    expect(await kept(nan, "max")).toMatchObject({ ids: [1, 2, 3], state: { last_value: 5 } });
    expect(await kept(nan, "max", { cursor_path: "t", initial_value: 2, last_value: 5 })).toMatchObject({ ids: [2, 3] });
    expect(await kept('[{"t": NaN, "id": 1}, {"t": 3, "id": 2}]', "max")).toMatchObject({ ids: [1, 2], state: { last_value: 3 } });
    expect(await kept('[{"t": 3, "id": 1}, {"t": NaN, "id": 2}, {"t": 1, "id": 3}]', "min")).toMatchObject({
      ids: [2, 3],
      state: { last_value: 1 },
    });
    const inf = '[{"t": 3, "id": 1}, {"t": Infinity, "id": 2}, {"t": 5, "id": 3}]';
    expect(await kept(inf, "max")).toMatchObject({ ids: [1, 2, 3], state: { last_value: null } });
    expect(await kept(inf.replace("Infinity", "-Infinity"), "min")).toMatchObject({ ids: [2], state: { last_value: null } });
    // The state's null: no start, every record kept.
    expect(await kept(inf, "min", { cursor_path: "t", initial_value: 2, last_value: null })).toMatchObject({ ids: [1, 2, 3] });
    // With an end_value a NaN is past the end (`max((nan, end)) != end`), whatever range_end says.
    expect(await kept(nan, "max", undefined, { end_value: 10 })).toMatchObject({ ids: [1, 3] });
    expect(await kept('[{"t": NaN, "id": 1}, {"t": 3, "id": 2}]', "max", undefined, { end_value: 10, range_end: "closed" })).toMatchObject({
      ids: [2],
    });
  });
  it("sends start_param, filters older records and returns the state for the next run", async () => {
    const api = fakeFetch(() => json(rows));
    const first = await collect(cfg({ cursor_path: "updated", initial_value: "2024-02-01", start_param: "since" }), api.fetch);
    expect(api.calls[0]!.url).toBe("https://api.test/items?since=2024-02-01");
    expect(first.records.map((r) => r.id)).toEqual([2, 3]);
    const inc = first.of("incremental")[0]!;
    expect(inc).toMatchObject({ before: "2024-02-01", after: "2024-03-01", filtered: 1 });
    const api2 = fakeFetch(() => json(rows));
    const { extract, createVirtualClock, fetchTransport } = await import("./index");
    const events = [];
    const source = resolved(cfg({ cursor_path: "updated", initial_value: "2024-02-01", start_param: "since" }));
    const deps = { transport: fetchTransport(api2.fetch), ...createVirtualClock(), virtualClock: true };
    for await (const e of extract({ source, secrets: {}, state: { r: inc.state! } }, deps)) events.push(e);
    expect(api2.calls[0]!.url).toBe("https://api.test/items?since=2024-03-01");
  });
  it("a stored cursor wins over an initial_value changed since (dlt reads initial_value only without state)", async () => {
    const first = await collect(
      cfg({ cursor_path: "updated", initial_value: "2024-01-01", start_param: "since" }),
      fakeFetch(() => json(rows.slice(0, 2))).fetch,
    );
    const state = first.of("incremental")[0]!.state!;
    const api = fakeFetch(() => json(rows));
    const { extract, createVirtualClock, fetchTransport } = await import("./index");
    const source = resolved(cfg({ cursor_path: "updated", initial_value: "2024-02-15", start_param: "since" }));
    const deps = { transport: fetchTransport(api.fetch), ...createVirtualClock(), virtualClock: true };
    for await (const e of extract({ source, secrets: {}, state: { r: state } }, deps)) void e;
    expect(api.calls[0]!.url).toBe("https://api.test/items?since=2024-02-01");
  });
  it("a replace resource starts from initial_value every run: dlt resets its state before each extract", async () => {
    const replace = { ...cfg({ cursor_path: "updated", initial_value: "2024-01-01", start_param: "since" }) };
    replace.resources[0] = { ...replace.resources[0]!, write_disposition: "replace" } as (typeof replace.resources)[0];
    const api = fakeFetch(() => json(rows));
    const { extract, createVirtualClock, fetchTransport } = await import("./index");
    const deps = { transport: fetchTransport(api.fetch), ...createVirtualClock(), virtualClock: true };
    const state = { r: { cursor_path: "updated", last_value: "2024-03-01", initial_value: "2024-01-01" } };
    for await (const e of extract({ source: resolved(replace), secrets: {}, state }, deps)) void e;
    expect(api.calls[0]!.url).toBe("https://api.test/items?since=2024-01-01");
  });
  it("lag moves the next run's start back in the cursor's own format, never past initial_value", async () => {
    const stamped = [
      { id: 1, updated: "2024-03-01T10:00:00.5+02:00" },
      { id: 2, updated: "2024-03-02T10:00:00.5+02:00" },
    ];
    const config = cfg({ cursor_path: "updated", initial_value: "2024-01-01T00:00:00.0+02:00", start_param: "since", lag: 3600 });
    const first = await collect(config, fakeFetch(() => json(stamped)).fetch);
    const state = first.of("incremental")[0]!.state!;
    const api = fakeFetch(() => json(stamped));
    const { extract, createVirtualClock, fetchTransport } = await import("./index");
    const deps = { transport: fetchTransport(api.fetch), ...createVirtualClock(), virtualClock: true };
    for await (const e of extract({ source: resolved(config), secrets: {}, state: { r: state } }, deps)) void e;
    // dlt: "%Y-%m-%dT%H:%M:%S.%f%:z", one hour back on the +02:00 clock (lib/testing/fixtures/lag.json).
    expect(decodeURIComponent(api.calls[0]!.url)).toBe("https://api.test/items?since=2024-03-02T09:00:00.500000+02:00");
  });
  it("lag on a cursor dlt cannot read as a date fails the resource, as dlt does", async () => {
    const config = cfg({ cursor_path: "updated", initial_value: "soon", lag: 60 });
    const run = await collect(config, fakeFetch(() => json(rows)).fetch);
    expect(JSON.stringify(run.events)).toContain("is not a date or date-time dlt can read");
  });
  it("fills {incremental.*} placeholders and honours end_value with an open range end", async () => {
    const api = fakeFetch(() => json(rows));
    const run = await collect(
      cfg(
        { cursor_path: "updated", initial_value: "2024-01-01", end_value: "2024-03-01" },
        { params: { from: "{incremental.start_value}", to: "{incremental.end_value}" } },
      ),
      api.fetch,
    );
    expect(api.calls[0]!.url).toBe("https://api.test/items?from=2024-01-01&to=2024-03-01");
    expect(run.records.map((r) => r.id)).toEqual([1, 2]);
    expect(run.of("incremental")[0]!.state).toBeNull();
  });
  it("min mirrors the comparisons; range_start open drops the boundary", async () => {
    const run = await collect(cfg({ cursor_path: "id", initial_value: 2, last_value_func: "min" }), fakeFetch(() => json(rows)).fetch);
    expect(run.records.map((r) => r.id)).toEqual([1, 2]);
    const open = await collect(cfg({ cursor_path: "id", initial_value: 2, range_start: "open" }), fakeFetch(() => json(rows)).fetch);
    expect(open.records.map((r) => r.id)).toEqual([3]);
  });
  it("a missing cursor raises by default, or is included/excluded as configured", async () => {
    const data = [{ id: 1 }, { id: 2, updated: "2024-05-01" }];
    const raised = await collect(cfg({ cursor_path: "updated" }), fakeFetch(() => json(data)).fetch);
    // dlt 1.26.0's IncrementalCursorPathMissing and IncrementalCursorPathHasValueNone, as its extract step says them.
    expect(raised.of("error")[0]!.error.message).toBe(
      "In processing pipe `r`: Cursor element with JSON path `updated` was not found in extracted data item. All data items " +
        "must contain this path. Use the same names of fields as in your JSON document because they can be different from the names " +
        "you see in database.",
    );
    const none = await collect(cfg({ cursor_path: "updated" }), fakeFetch(() => json([{ id: 1, updated: null }])).fetch);
    expect(none.of("error")[0]!.error.message).toBe(
      "In processing pipe `r`: Cursor element with JSON path `updated` has the value `None` in extracted data item. All data " +
        "items must contain a value != None. Construct the incremental with `on_cursor_value_missing='include'` if you want to " +
        "include such rows",
    );
    const inc = await collect(cfg({ cursor_path: "updated", on_cursor_value_missing: "include" }), fakeFetch(() => json(data)).fetch);
    expect(inc.records).toHaveLength(2);
    const exc = await collect(cfg({ cursor_path: "updated", on_cursor_value_missing: "exclude" }), fakeFetch(() => json(data)).fetch);
    expect(exc.records).toHaveLength(1);
  });
  it("escaped braces survive (placeholders outside incremental/resources: lib/config/resolve/rules.test.ts)", async () => {
    const api = fakeFetch(() => json([]));
    await collect(
      {
        client: { base_url: "https://api.test" },
        resources: [{ name: "r", endpoint: { path: "/items", paginator: "single_page", params: { q: "{{literal}}" } } }],
      },
      api.fetch,
    );
    expect(new URL(api.calls[0]!.url).searchParams.get("q")).toBe("{literal}");
  });
  it("a typed incremental param (deprecated form) becomes the start param (two: lib/config/resolve/rules.test.ts)", async () => {
    const api = fakeFetch(() => json(rows));
    const run = await collect(
      {
        client: { base_url: "https://api.test" },
        resources: [
          {
            name: "r",
            endpoint: {
              path: "/items",
              paginator: "single_page",
              params: { q: "x", since: { type: "incremental", cursor_path: "updated", initial_value: "2024-02-01" } },
            },
          },
        ],
      },
      api.fetch,
    );
    expect(api.calls[0]!.url).toBe("https://api.test/items?q=x&since=2024-02-01");
    expect(run.records.map((r) => r.id)).toEqual([2, 3]);
  });
  it("start and end params together; `{incremental.*}` in the path and JSON body (typed)", async () => {
    const api = fakeFetch(() => json(rows));
    await collect(
      cfg(
        { cursor_path: "id", initial_value: 1, end_value: 3, start_param: "from", end_param: "to" },
        {
          method: "POST",
          path: "/items/{incremental.start_value}",
          json: { after: "{incremental.start_value}", until: "{incremental.end_value}" },
        },
      ),
      api.fetch,
    );
    expect(api.calls[0]!.url).toBe("https://api.test/items/1?from=1&to=3");
    expect(api.calls[0]!.body).toBe('{"after": 1, "until": 3}');
  });
});

describe("incremental row_order (dlt's early close)", () => {
  const paged = (incremental: object, pages: number[][]) => {
    const api = fakeFetch((_req, _n, url) => {
      const p = Number(url.searchParams.get("page") ?? "0");
      return json({ data: (pages[p] ?? []).map((n) => ({ id: n, day: `2024-01-${String(n).padStart(2, "0")}` })) });
    });
    const config = {
      client: { base_url: "https://api.test" },
      resources: [
        {
          name: "r",
          endpoint: {
            path: "/items",
            data_selector: "data",
            paginator: { type: "page_number", base_page: 0, total_path: null, stop_after_empty_page: true },
            incremental,
          },
        },
      ],
    };
    return { api, run: collect(config, api.fetch) };
  };

  it("asc: stops after the page where a record passes end_value, keeping that page's records in range", async () => {
    const { api, run } = paged({ cursor_path: "day", initial_value: "2024-01-02", end_value: "2024-01-05", row_order: "asc" }, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const r = await run;
    expect(api.urls()).toEqual(["https://api.test/items?page=0", "https://api.test/items?page=1"]);
    expect(r.records.map((x) => x.id)).toEqual([2, 3, 4]);
    expect(r.reasons.at(-1)).toBe(
      'stopped: row_order "asc": a record\'s `day` "2024-01-05" is past end_value "2024-01-05", so every later record would be too (dlt closes the resource)',
    );
  });

  it("desc: stops after the page where a record falls before the start value", async () => {
    const { api, run } = paged({ cursor_path: "day", initial_value: "2024-01-05", row_order: "desc" }, [
      [9, 8, 7],
      [6, 5, 4],
      [3, 2, 1],
    ]);
    const r = await run;
    expect(api.urls()).toHaveLength(2);
    expect(r.records.map((x) => x.id)).toEqual([9, 8, 7, 6, 5]);
    expect(r.reasons.at(-1)).toContain('row_order "desc": a record\'s `day` "2024-01-04" is before the start value "2024-01-05"');
  });

  it("without row_order every page is fetched (dlt cannot know the order)", async () => {
    const { api, run } = paged({ cursor_path: "day", initial_value: "2024-01-02", end_value: "2024-01-05" }, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const r = await run;
    expect(api.urls()).toHaveLength(4);
    expect(r.records.map((x) => x.id)).toEqual([2, 3, 4]);
  });

  it("asc closes on the end side only: records before the start value do not stop paging", async () => {
    const { api, run } = paged({ cursor_path: "day", initial_value: "2024-01-05", row_order: "asc" }, [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const r = await run;
    expect(api.urls()).toHaveLength(3);
    expect(r.records.map((x) => x.id)).toEqual([5, 6]);
    expect(r.reasons.at(-1)).toBe("stopped: empty page");
  });

  it("a child resource is never closed early (dlt: top-level resources only)", async () => {
    const api = fakeFetch((_req, _n, url) =>
      url.pathname === "/parents"
        ? json([{ id: 1 }])
        : json({ data: url.searchParams.get("page") === "1" ? [] : [{ id: 1, day: "2024-01-09" }] }),
    );
    const config = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "parents", endpoint: { path: "/parents", paginator: "single_page" } },
        {
          name: "c",
          endpoint: {
            path: "/p/{resources.parents.id}/c",
            data_selector: "data",
            paginator: { type: "page_number", base_page: 0, total_path: null },
            incremental: { cursor_path: "day", initial_value: "2024-01-01", end_value: "2024-01-05", row_order: "asc" },
          },
        },
      ],
    };
    const r = await collect(config, api.fetch);
    expect(api.urls()).toEqual(["https://api.test/parents", "https://api.test/p/1/c?page=0", "https://api.test/p/1/c?page=1"]);
    expect(r.records.filter((x) => x.day !== undefined)).toEqual([]);
  });

  it("a child's start_param is the live last_value per parent page; {incremental.last_value} is live per parent record", async () => {
    // Users come one a page; user 1's event moves the cursor to 30, user 2's (5) is then older. The API honours `since`.
    const events: Record<string, { id: string; updated: number }[]> = { "1": [{ id: "e1", updated: 30 }], "2": [{ id: "e2", updated: 5 }] };
    const api = fakeFetch((_req, _n, url) => {
      if (url.pathname === "/users") {
        const page = Number(url.searchParams.get("page"));
        return json({ data: page <= 2 ? [{ id: page }] : [], total_pages: 2 });
      }
      const since = Number(url.searchParams.get("since"));
      return json((events[url.pathname.split("/")[2] ?? ""] ?? []).filter((e) => e.updated >= since));
    });
    const config = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "users", endpoint: { path: "/users", paginator: { type: "page_number", base_page: 1, total_path: "total_pages" } } },
        {
          name: "events",
          endpoint: {
            path: "/users/{resources.users.id}/events",
            paginator: "single_page",
            headers: { "X-Last": "{incremental.last_value}", "X-Start": "{incremental.start_value}" },
            incremental: { cursor_path: "updated", initial_value: 0, start_param: "since" },
          },
        },
      ],
    };
    const r = await collect(config, api.fetch);
    const child = api.calls.filter((c) => c.url.includes("/events"));
    expect(child.map((c) => c.url)).toEqual(["https://api.test/users/1/events?since=0", "https://api.test/users/2/events?since=30"]);
    expect(child.map((c) => [c.headers["x-last"], c.headers["x-start"]])).toEqual([
      ["0", "0"],
      ["30", "0"],
    ]);
    expect(r.records.filter((x) => typeof x.updated === "number").map((x) => x.id)).toEqual(["e1"]);
  });

  it("a child's incremental is bound again for each parent page after the first: its start, and so the filter, move up", async () => {
    // Parent pages of one user each; user 1's event moves the cursor to 30, user 2's to 50; user 3's (5) is then below the start.
    const cursor: Record<string, number> = { "1": 30, "2": 50, "3": 5 };
    const api = fakeFetch((_req, _n, url) => {
      if (url.pathname === "/users") {
        const page = Number(url.searchParams.get("page"));
        return json({ data: page <= 3 ? [{ id: page }] : [], total_pages: 3 });
      }
      const user = url.pathname.split("/")[2] ?? "";
      return json([{ id: user, updated: cursor[user] }]);
    });
    const child = (incremental: object, headers: object = {}) => ({
      client: { base_url: "https://api.test" },
      resources: [
        { name: "users", endpoint: { path: "/users", paginator: { type: "page_number", base_page: 1, total_path: "total_pages" } } },
        { name: "events", endpoint: { path: "/users/{resources.users.id}/events", paginator: "single_page", headers, incremental } },
      ],
    });
    const r = await collect(child({ cursor_path: "updated", initial_value: 0 }), api.fetch);
    expect(r.records.filter((x) => typeof x.updated === "number").map((x) => x.id)).toEqual(["1", "2"]);
    // With end_value dlt's state is a throwaway one: last_value stays initial_value, nothing moves.
    const headers = { "X-Last": "{incremental.last_value}" };
    const ranged = await collect(
      child({ cursor_path: "updated", initial_value: 0, end_value: 1000, start_param: "since" }, headers),
      api.fetch,
    );
    expect(ranged.records.filter((x) => typeof x.updated === "number").map((x) => x.id)).toEqual(["1", "2", "3"]);
    const sent = api.calls.filter((c) => c.url.includes("/events") && c.url.includes("since="));
    expect(sent.map((c) => [new URL(c.url).searchParams.get("since"), c.headers["x-last"]])).toEqual([
      ["0", "0"],
      ["0", "0"],
      ["0", "0"],
    ]);
  });
});
