/** `check` lists every attempt of a resource's first request: one that passed on a retry shows what it took. */
import { beforeAll, describe, expect, it } from "vitest";
import { cli, seedFiles } from "../testing/cli";

const files = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./check-command"), import("../run")]);
}, 60_000);

describe("check's request line", () => {
  it("shows the status of each attempt of the first request (503, 503, 200), as text and as JSON", async () => {
    const file = files.write("retried.json", JSON.stringify({ client: { base_url: "https://api.test" }, resources: ["items"] }));
    let calls = 0;
    const fetch = async () =>
      ++calls <= 2
        ? new Response("busy", { status: 503, headers: { "retry-after": "0" } })
        : new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
    const text = await cli(["check", file], { cwd: files.dir, fetch });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("GET https://api.test/items → 503, 503, 200");
    calls = 0;
    const json = await cli(["check", file, "--format", "json"], { cwd: files.dir, fetch });
    expect((JSON.parse(json.stdout) as { rows: { request: string }[] }).rows[0]?.request).toBe(
      "GET https://api.test/items → 503, 503, 200",
    );
  });
});
