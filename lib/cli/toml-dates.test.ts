/**
 * A TOML date, time or datetime as dlt 1.26.0 holds it (decision 0045, thirtieth session): Python's own `datetime` types
 * (tomlkit's items, unwrapped), inside a table or a list too. The types and reprs below are what dlt's tomlkit gave for the
 * same TOML (`repr(tomlkit.parse(…).unwrap()[k])`), and `dlt.config.get("tbl")` of the table below was
 * `{'d': datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(0), 'UTC')), 's': 'x', 'lst':
 * [datetime.datetime(…), 'a']}`. The runs below are what dlt 1.26.0 did with the same dicts and `.dlt/config.toml` against a
 * loopback API (python http.server): the failures' messages, and the URLs it requested, are its own.
 */
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { tomlHeld } from "./dlt-settings";

const UTC = "tzinfo=datetime.timezone(datetime.timedelta(0), 'UTC')";

describe("tomlHeld: a TOML date as dlt holds it", () => {
  const toml = parse(
    `a = 2024-01-01T00:00:00+00:00
b = 2024-01-01T00:00:00z
c = 2024-01-01T00:00:00.123Z
t = 03:04:05.1
t0 = 03:04:00
d = 2024-01-02
e = 2024-01-01T00:00:00-05:30
f = 2024-01-01T10:00:05
o = 2024-01-01T00:00:00+01:00
[tbl]
d = 2024-01-01T00:00:00Z
s = "x"
lst = [2024-01-01T00:00:00Z, "a"]
`,
    { integersAsBigInt: true },
  );
  const one = (k: string) => tomlHeld(toml[k])?.dates?.[0];

  it.each([
    ["a", "datetime.datetime", "datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(0), '+00:00'))"],
    ["b", "datetime.datetime", `datetime.datetime(2024, 1, 1, 0, 0, ${UTC})`],
    ["c", "datetime.datetime", `datetime.datetime(2024, 1, 1, 0, 0, 0, 123000, ${UTC})`],
    ["t", "datetime.time", "datetime.time(3, 4, 5, 100000)"],
    ["t0", "datetime.time", "datetime.time(3, 4)"],
    ["d", "datetime.date", "datetime.date(2024, 1, 2)"],
    [
      "e",
      "datetime.datetime",
      "datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=66600), '-05:30'))",
    ],
    ["f", "datetime.datetime", "datetime.datetime(2024, 1, 1, 10, 0, 5)"],
    ["o", "datetime.datetime", "datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600), '+01:00'))"],
  ])("%s is a %s, %s", (k, type, repr) => {
    expect(one(k)).toEqual({ at: [], type, repr });
  });

  it("lists the dates inside a table and a list, each where it is, and keeps their str() text in the value", () => {
    const held = tomlHeld(toml.tbl);
    const date = { type: "datetime.datetime", repr: `datetime.datetime(2024, 1, 1, 0, 0, ${UTC})` };
    expect(held).toEqual({
      value: { d: "2024-01-01 00:00:00+00:00", s: "x", lst: ["2024-01-01 00:00:00+00:00", "a"] },
      dates: [
        { at: ["d"], ...date },
        { at: ["lst", 0], ...date },
      ],
    });
    expect(tomlHeld(toml.d)?.value).toBe("2024-01-02");
  });
});

const { dir, write } = tempDir("toml-dates");
write(
  ".dlt/config.toml",
  `d = 2024-01-01T00:00:00Z
dd = 2024-01-02
[tbl]
d = 2024-01-01T00:00:00Z
s = "x"
lst = [2024-01-01T00:00:00Z, "a"]
[hdrs]
X-D = 2024-01-01T00:00:00Z
`,
);
const pipeline = (name: string, endpoint: string) =>
  write(
    `${name}.py`,
    `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [{"name": "r", "endpoint": ${endpoint}}],
})
`,
  );
pipeline("body", `{"path": "a", "method": "POST", "json": dlt.config["tbl"], "paginator": "single_page"}`);
pipeline("listbody", `{"path": "a", "method": "POST", "json": {"n": dlt.config["tbl.lst"]}, "paginator": "single_page"}`);
pipeline("params", `{"path": "a", "params": dlt.config["tbl"], "paginator": "single_page"}`);
pipeline("headers", `{"path": "a", "headers": dlt.config["hdrs"], "paginator": "single_page"}`);
pipeline("bearer", `{"path": "a", "auth": {"type": "bearer", "token": dlt.config["d"]}, "paginator": "single_page"}`);
pipeline(
  "basic",
  `{"path": "a", "auth": {"type": "http_basic", "username": "u", "password": dlt.config["dd"]}, "paginator": "single_page"}`,
);
pipeline(
  "since",
  `{"path": "a", "params": {"since": "{incremental.start_value}"}, "paginator": "single_page",
        "incremental": {"cursor_path": "updated", "initial_value": dlt.config["d"]}}`,
);
pipeline(
  "range",
  `{"path": "a", "paginator": "single_page",
        "incremental": {"cursor_path": "updated", "initial_value": dlt.config["d"], "end_value": dlt.config["d"]}}`,
);
pipeline(
  "since_date",
  `{"path": "a", "paginator": "single_page", "incremental": {"cursor_path": "updated", "initial_value": dlt.config["dd"]}}`,
);

function api(records: unknown[] = [{ id: 1 }]) {
  const seen: string[] = [];
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    seen.push(url.pathname + url.search);
    return new Response(JSON.stringify(records), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

describe("restplay run: a TOML date inside a table or a list, as dlt 1.26.0 ran it against a loopback API", () => {
  it("fails a json body holding one before any request (Object of type datetime is not JSON serializable)", async () => {
    for (const file of ["body.py", "listbody.py"]) {
      const { seen, fetch } = api();
      const r = await cli(["run", file], { cwd: dir, fetch });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain("TypeError: Object of type datetime is not JSON serializable");
      expect(seen).toEqual([]);
    }
  });

  it("sends one in a query as its str(), a list's items each (dlt: ?d=…&s=x&lst=…&lst=a)", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "params.py"], { cwd: dir, fetch });
    expect(r.code).toBe(0);
    const d = "2024-01-01+00%3A00%3A00%2B00%3A00";
    expect(seen).toEqual([`/a?d=${d}&s=x&lst=${d}&lst=a`]);
  });

  it("fails a header table holding one with requests' InvalidHeader, the date's repr as dlt wrote it", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "headers.py"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    const repr = `datetime.datetime(2024, 1, 1, 0, 0, ${UTC})`;
    expect(r.stdout + r.stderr).toContain(
      `InvalidHeader: Header part (${repr}) from {'X-D': ${repr}} must be of type str or bytes, not <class 'datetime.datetime'>`,
    );
    expect(seen).toEqual([]);
  });

  it("fails the source when an auth secret is one (dlt masks it with len(): object of type 'datetime.datetime' has no len())", async () => {
    for (const [file, type] of [
      ["bearer.py", "datetime.datetime"],
      ["basic.py", "datetime.date"],
    ]) {
      const { seen, fetch } = api();
      const r = await cli(["run", file!], { cwd: dir, fetch });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(`TypeError: object of type '${type}' has no len()`);
      expect(seen).toEqual([]);
    }
  });
});

describe("restplay run: a TOML date as an incremental's initial_value, as dlt 1.26.0 ran it", () => {
  const coercion = (value: string, type: string, item: string, itemType: string) =>
    `In processing pipe \`r\`: Could not coerce \`start_value/initial_value\` with value \`${value}\` and type ` +
    `\`<class '${type}'>\` to actual data item \`${item}\` at path \`updated\` with type \`${itemType}\`: '>' not supported ` +
    `between instances of '${type}' and '${itemType}'. You need to use different data type for \`start_value/initial_value\` ` +
    "or cast your data ie. by using `.add_map()` on this resource.";

  it("sends it as its str(), then fails the resource on the first record's text cursor (IncrementalCursorInvalidCoercion)", async () => {
    const { seen, fetch } = api([{ id: 1, updated: "2024-02-01T00:00:00Z" }]);
    const r = await cli(["run", "since.py"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    expect(seen).toEqual(["/a?since=2024-01-01+00%3A00%3A00%2B00%3A00"]);
    const out = r.stdout + r.stderr;
    expect(out).toContain(coercion("2024-01-01 00:00:00+00:00", "datetime.datetime", "2024-02-01T00:00:00Z", "str"));
    expect(out).toContain('dlt.config["d"]');
    expect(out).toContain("nothing was loaded");
  });

  it("fails on a number cursor too, and names a TOML date (no time) a datetime.date", async () => {
    const ints = await cli(["run", "since.py"], { cwd: dir, fetch: api([{ id: 1, updated: 5 }]).fetch });
    expect(ints.stdout + ints.stderr).toContain(coercion("2024-01-01 00:00:00+00:00", "datetime.datetime", "5", "int"));
    const date = await cli(["run", "since_date.py"], { cwd: dir, fetch: api([{ id: 1, updated: "2024-02-01" }]).fetch });
    expect(date.stdout + date.stderr).toContain(coercion("2024-01-02", "datetime.date", "2024-02-01", "str"));
  });

  it("fails on end_value first when both are dates, named so (dlt compares the end first)", async () => {
    const r = await cli(["run", "range.py"], { cwd: dir, fetch: api([{ id: 1, updated: "2024-02-01T00:00:00Z" }]).fetch });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      "Could not coerce `end_value` with value `2024-01-01 00:00:00+00:00` and type `<class 'datetime.datetime'>` to actual " +
        "data item `2024-02-01T00:00:00Z` at path `updated` with type `str`: '>' not supported between instances of " +
        "'datetime.datetime' and 'str'. You need to use different data type for `end_value`",
    );
  });

  it("does not fail without a record to compare: none at all, or a cursor that is None (dlt's own error for that)", async () => {
    const none = await cli(["run", "since.py"], { cwd: dir, fetch: api([]).fetch });
    expect(none.code).toBe(0);
    const nullCursor = await cli(["run", "since.py"], { cwd: dir, fetch: api([{ id: 1, updated: null }]).fetch });
    expect(nullCursor.code).toBe(1);
    expect(nullCursor.stdout + nullCursor.stderr).toContain("Cursor element with JSON path `updated` has the value `None`");
    expect(nullCursor.stdout + nullCursor.stderr).not.toContain("Could not coerce");
  });
});
