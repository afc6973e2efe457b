import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { getExample } from "../examples";

const { dir, write } = tempDir("state-target");
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("../run")]);
}, 60_000);

// The gallery's incremental example: the mock answers `since` with newer events; a live API answers here.
const example = getExample("lab-incremental")!;
write("events.json", example.text);

const live = (seen: string[]) => async (req: Request) => {
  seen.push(req.url);
  return new Response('{"data": [{"id": 9001, "updated_at": "2030-01-01T00:00:00Z"}]}', {
    status: 200,
    headers: { "content-type": "application/json" },
  });
};

const TARGET_WARNING = /warning: .*state.* comes from a run against the mock API, and this run is live/;

describe("restplay run --state-dir across targets", () => {
  const at = { cwd: dir };

  it("says so when a state kept by a mock run is used by a live one (its cursors carry over, as dlt's would)", async () => {
    const mock = await cli(["run", "events.json", "--mock", "--state-dir", "s", "--format", "json"], at);
    expect(mock.code).toBe(0);
    expect(mock.stderr).not.toMatch(/warning: /);
    const cursor = (JSON.parse(readFileSync(join(dir, "s", "incremental.json"), "utf8")) as Record<string, { last_value: string }>).events!
      .last_value;

    const seen: string[] = [];
    const first = await cli(["run", "events.json", "--state-dir", "s", "--format", "json"], { ...at, fetch: live(seen) });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true });
    // The live API was asked for what came after the mock's cursor: what the warning is about.
    expect(new URL(seen[0]!).searchParams.get("since")).toBe(cursor);
    expect(first.stderr).toMatch(TARGET_WARNING);
    expect(first.stderr).toContain(`delete ${join(dir, "s")} to start over`);

    // The state is the live run's now: the next live run says nothing; a mock run says it the other way round.
    const again = await cli(["run", "events.json", "--state-dir", "s"], { ...at, fetch: live([]) });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/warning: /);
    const back = await cli(["run", "events.json", "--mock", "--state-dir", "s"], at);
    expect(back.stderr).toMatch(/warning: .*state.* comes from a run against the live API, and this run is against the mock API/);
  });

  it("a state dir written before the target was kept runs as before, without a warning, and keeps it from then on", async () => {
    expect((await cli(["run", "events.json", "--mock", "--state-dir", "old"], at)).code).toBe(0);
    unlinkSync(join(dir, "old", "target.json"));
    const r = await cli(["run", "events.json", "--state-dir", "old"], { ...at, fetch: live([]) });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning: /);
    expect(JSON.parse(readFileSync(join(dir, "old", "target.json"), "utf8"))).toEqual({ target: "live" });
  });

  it("a run that fails leaves the kept target as it was, with the state it describes", async () => {
    expect((await cli(["run", "events.json", "--mock", "--state-dir", "f"], at)).code).toBe(0);
    const failing = async () => new Response("down", { status: 404 });
    const r = await cli(["run", "events.json", "--state-dir", "f"], { ...at, fetch: failing });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(TARGET_WARNING);
    expect(JSON.parse(readFileSync(join(dir, "f", "target.json"), "utf8"))).toEqual({ target: "mock" });
    expect(existsSync(join(dir, "f", "destination.json"))).toBe(true);
  });
});
