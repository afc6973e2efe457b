import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLES, SEED_EXAMPLES, getExample } from "./index";
import { SEEDS_DIR, seedBlocks } from "../testing/seeds";
import { validateText } from "../config";
import { createMockApi, describeMocks, MOCK_DEMO_SECRETS, type MockApi } from "../mocks";

const haveSeeds = existsSync(SEEDS_DIR);
if (!haveSeeds) console.warn(`lib/examples: ${SEEDS_DIR} not found; the byte-for-byte seed check is skipped`);

describe("gallery examples", () => {
  it.skipIf(!haveSeeds)(
    `the seed examples are the seeds' python code blocks, byte for byte (${haveSeeds ? "shared/seeds" : "skipped: shared/seeds absent"})`,
    () => {
      const seeds = seedBlocks();
      expect(seeds.length).toBe(5);
      expect(SEED_EXAMPLES.map((e) => e.text)).toEqual(seeds.map((s) => s.code));
      expect(SEED_EXAMPLES.map((e) => e.source)).toEqual(seeds.map((s) => `shared/seeds/${s.file}`));
    },
  );

  it("lists the seeds first, with unique ids, and finds them by id", () => {
    expect(EXAMPLES.slice(0, 5)).toEqual(SEED_EXAMPLES);
    expect(SEED_EXAMPLES.map((e) => e.id)).toEqual(["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(getExample("seed-004")?.expected.resources).toEqual({
      bank_transactions: { fetched: 251, merged: 251 },
      contacts: { fetched: 251, merged: 251 },
    });
    expect(getExample("nope")).toBeUndefined();
    for (const e of describeMocks()) for (const id of e.usedBy) expect(getExample(id), id).toBeDefined();
  });
});

type Loose = { [key: string]: unknown };
const at = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Loose)[k] : undefined), v);
const secret = (v: unknown): string => String(at(v, "$secret") !== undefined ? MOCK_DEMO_SECRETS[String(at(v, "$secret"))] : v);

/** Pages one seed resource straight from the mock (no engine), retrying 429/503 as the seed's rules do. */
async function pageThrough(
  api: MockApi,
  url: string,
  selector: string,
  paginator: Loose,
  auth: { headers: Record<string, string>; query: string },
) {
  const rows: Loose[] = [];
  const limit = Number(paginator.limit);
  for (let n = 0, tries = 0; tries < 20; tries++) {
    const q =
      paginator.type === "offset"
        ? `offset=${n * limit}&limit=${limit}`
        : `${String(paginator.page_param)}=${n}&${String(paginator.limit_param)}=${limit}`;
    const res = await api.fetch(new Request(`${url}?${q}${auth.query}`, { headers: auth.headers }));
    if (res.status === 429 || res.status === 503) continue;
    expect(res.status).toBe(200);
    const body = (await res.json()) as Loose;
    rows.push(...(body[selector] as Loose[]));
    n++;
    if ((paginator.type === "offset" ? n * limit : n) >= Number(body.total)) return rows;
  }
  throw new Error(`${url}: paging did not finish`);
}

describe("expected counts match what the mock serves", () => {
  for (const ex of SEED_EXAMPLES) {
    it(`${ex.id}: fetched and merged per resource`, async () => {
      const config = validateText(ex.text).config;
      expect(config).not.toBeNull();
      const api = createMockApi();
      const auth = at(config, "client", "auth");
      const headers: Record<string, string> = {};
      let query = "";
      if (at(auth, "type") === "api_key") query = `&${String(at(auth, "name"))}=${secret(at(auth, "api_key"))}`;
      else {
        const form = new URLSearchParams({
          grant_type: "client_credentials",
          client_id: secret(at(auth, "client_id")),
          client_secret: secret(at(auth, "client_secret")),
        });
        const tok = await api.fetch(
          new Request(String(at(auth, "token_url")), {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: form.toString(),
          }),
        );
        headers.authorization = `Bearer ${String(((await tok.json()) as Loose).access_token)}`;
      }
      const key = String(at(config, "resource_defaults", "primary_key"));
      const counts: Record<string, { fetched: number; merged: number }> = {};
      for (const r of at(config, "resources") as Loose[]) {
        const url = `${String(at(config, "client", "base_url"))}${String(at(r, "endpoint", "path"))}`;
        const rows = await pageThrough(api, url, String(at(r, "endpoint", "data_selector")), at(r, "endpoint", "paginator") as Loose, {
          headers,
          query,
        });
        const keyed = rows.every((row) => key in row);
        counts[String(r.name)] = { fetched: rows.length, merged: keyed ? new Set(rows.map((row) => row[key])).size : rows.length };
      }
      expect(counts).toEqual(ex.expected.resources);
    });
  }
});

describe("dlt's documented examples", () => {
  it("the GitHub example is the docs text verbatim (the fixture), with `import dlt` and a __main__ block", async () => {
    const { fixture } = await import("../testing/python-cases/kit");
    const { GITHUB_DOCS_TEXT } = await import("./docs");
    expect(GITHUB_DOCS_TEXT).toBe(
      `import dlt\n${fixture("github_docs_quick_example.py")}\n\nif __name__ == "__main__":\n    load_github()\n`,
    );
  });
});
