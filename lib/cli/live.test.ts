/** `restplay run` on the live transport (lib/net) against the mocks over loopback: redirects and limits as on the server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, seedFiles } from "../testing/cli";
import { loopbackLocation, startMockServer, type MockServer } from "../testing/mock-server";
import { createLiveTransport } from "../net";

const files = seedFiles();
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
  await Promise.all([import("./run-command"), import("../run"), import("../net")]);
}, 60_000);
afterAll(async () => {
  await server.close();
});

interface RunJson {
  resources: { name: string; records: Record<string, unknown>[]; stats: Record<string, number> }[];
  errors: { code: string }[];
}

describe("loopbackLocation", () => {
  it("rewrites a mock's Location into the path-prefix form, relative or absolute", () => {
    const base = "http://127.0.0.1:5000";
    expect(loopbackLocation("/json-link/items?page=2", "https://lab.example.com/moved/items", base)).toBe(
      `${base}/lab.example.com/json-link/items?page=2`,
    );
    expect(loopbackLocation("https://cdn.example.com/lab/items", "https://lab.example.com/x", base)).toBe(
      `${base}/cdn.example.com/lab/items`,
    );
    expect(loopbackLocation("https://elsewhere.org/x", "https://lab.example.com/x", base)).toBe("https://elsewhere.org/x");
  });
});

describe("restplay run, live, on the transport", () => {
  // Root-relative and absolute links inside bodies cannot be rewritten for loopback: single pages only.
  const config = (base: string) =>
    JSON.stringify({
      client: { base_url: base },
      resources: [
        { name: "moved_items", endpoint: { path: "/moved/items", data_selector: "items", paginator: "single_page" } },
        {
          name: "keyed_elsewhere",
          endpoint: {
            path: "/api-key/moved",
            data_selector: "data",
            paginator: "single_page",
            auth: { type: "api_key", name: "X-API-Key", api_key: { $secret: "lab_api_key" } },
          },
        },
      ],
    });

  it("follows the lab's redirects over loopback with the same records as --mock", async () => {
    const name = files.write("redirects.json", config(`${server.url}/lab.example.com`));
    const live = createLiveTransport();
    const r = await cli(["run", name, "--secret", "lab_api_key=demo-lab-key", "--format", "json"], { cwd: files.dir, transport: live });
    await live.close();
    const out = JSON.parse(r.stdout) as RunJson;
    expect(out.errors).toEqual([]);
    expect(out.resources.map((x) => [x.name, x.stats.records_fetched])).toEqual([
      ["moved_items", 10],
      ["keyed_elsewhere", 10],
    ]);
    expect(r.stderr).toMatch(/↪ redirect 1: GET http:\/\/127\.0\.0\.1:\d+\/lab\.example\.com\/json-link\/items\s+200/);
    const mocked = files.write("redirects-mock.json", config("https://lab.example.com"));
    const mock = await cli(["run", mocked, "--mock", "--format", "json"], { cwd: files.dir });
    const ids = (out: RunJson) => out.resources.map((x) => x.records.map((rec) => rec.id));
    const viaMock = JSON.parse(mock.stdout) as RunJson;
    expect(ids(viaMock)).toEqual(ids(out));
    // In-process, cdn.example.com is another origin and gets no key; over loopback every mock host
    // shares the server's origin, so the redirect is same-origin and the key goes along (as it should).
    expect(viaMock.resources[1]!.records.every((rec) => rec.credentials_received === false)).toBe(true);
    expect(out.resources[1]!.records.every((rec) => rec.credentials_received === true)).toBe(true);
  });
});
