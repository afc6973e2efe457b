/** A secret in the host of `base_url` (`f"https://{dlt.secrets['subdomain']}.…"`) is masked as URLs spell it: lower-cased. */
import { beforeAll, describe, expect, it } from "vitest";
import { cli, seedFiles } from "../testing/cli";

const files = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./check-command"), import("../run")]);
}, 60_000);

const config = JSON.stringify({
  client: { base_url: { $format: ["https://", { $secret: "subdomain" }, ".example.com/api/"] } },
  resources: [{ name: "items", endpoint: { path: "items", paginator: "single_page" } }],
});
const SECRET = /acmeCorp77/i;
/** The API echoes the address it was asked at, as many do (`self`, `url` fields). */
const echo = async (req: Request) =>
  new Response(JSON.stringify([{ id: 1, self: req.url }]), { status: 200, headers: { "content-type": "application/json" } });
/** A 404 (not retried): its error names the URL, `404 Client Error: Not Found for url: https://acmecorp77.…`. */
const notFound = async () => new Response("no such tenant", { status: 404 });

describe("a secret written into base_url's host, with capitals", () => {
  it("is masked in the trace, the records and the tables, where the URL has lower-cased it", async () => {
    const file = files.write("host.json", config);
    for (const format of ["text", "json"]) {
      const r = await cli(["run", file, "--secret", "subdomain=AcmeCorp77", "--format", format], { cwd: files.dir, fetch: echo });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).toContain("https://A*****7.example.com/api/items");
      expect(r.stdout + r.stderr).not.toMatch(SECRET);
    }
  });

  it("is masked in an error that names the URL, by run and by check", async () => {
    const file = files.write("host.json", config);
    for (const command of ["run", "check"]) {
      const r = await cli([command, file, "--secret", "subdomain=AcmeCorp77", "--format", "json"], { cwd: files.dir, fetch: notFound });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toMatch(SECRET);
    }
  });
});
