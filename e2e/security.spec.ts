/**
 * Issue #13 against the production build: security headers on every response, cross-site runs
 * refused, a hostile body that cannot block the server, and a process no request can poison.
 */
import { expect, test } from "@playwright/test";

const SEED = JSON.stringify({
  client: { base_url: "https://api.example.com/v1/" },
  resources: [{ name: "items", endpoint: { path: "items", paginator: "single_page" } }],
});

/** 2,000 chained YAML anchors: each doubles the one before (it took the server 14–100 s). */
function aliasBomb(): string {
  let y = "client:\n  base_url: https://a.example/\nx0: &a0 [1, 2]\n";
  for (let i = 1; i < 2000; i++) y += `x${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
  return `${y}resources: [r]\n`;
}

test("every response carries the security headers; pages get a fresh CSP nonce that their scripts use", async ({ request }) => {
  const page1 = await request.get("/");
  const page2 = await request.get("/");
  const csp1 = page1.headers()["content-security-policy"] ?? "";
  const csp2 = page2.headers()["content-security-policy"] ?? "";
  expect(csp1).toContain("'strict-dynamic'");
  expect(csp1).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp1)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp2).not.toContain(`'nonce-${nonce}'`);
  const html = await page1.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const asset = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const responses = [
    page1,
    await request.get(asset as string),
    await request.post("/api/run", { data: "{}", headers: { "content-type": "application/json" } }),
  ];
  for (const res of responses) {
    const h = res.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  }
});

test("a run requested by another site, or under a foreign host name, is refused", async ({ request }) => {
  const crossSite = await request.post("/api/run", {
    data: { config: SEED, target: "mock" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await crossSite.json()).error.code).toBe("cross_site_request");
  const plain = await request.post("/api/run", {
    data: JSON.stringify({ config: SEED, target: "mock" }),
    headers: { "content-type": "text/plain" },
  });
  expect(plain.status()).toBe(415);
  const rebound = await request.post("/api/run", { data: { config: SEED, target: "mock" }, headers: { host: "rebind.evil.example" } });
  expect(rebound.status()).toBe(421);
  const own = await request.post("/api/run", { data: { config: SEED, target: "mock" } });
  expect(own.status()).toBe(200);
});

test("a hostile body is refused quickly while the server keeps answering everyone else", async ({ request }) => {
  // Warm the validation workers first, so the figure below is about blocking, not start-up.
  expect((await request.post("/api/run", { data: { config: SEED, target: "mock" } })).status()).toBe(200);
  const t0 = Date.now();
  const bomb = request.post("/api/run", { data: { config: aliasBomb(), target: "mock" }, timeout: 30_000 });
  await new Promise((r) => setTimeout(r, 100));
  const t1 = Date.now();
  const other = await request.get("/icon.svg");
  const otherMs = Date.now() - t1;
  expect(other.status()).toBe(200);
  const res = await bomb;
  const bombMs = Date.now() - t0;
  expect([422]).toContain(res.status());
  // Loose bounds (a shared 2-core CI machine); npm run bench measures the real figures.
  expect(otherMs).toBeLessThan(1_000);
  expect(bombMs).toBeLessThan(5_000);
});

test("a body path writing into __proto__ cannot poison the process for later runs", async ({ request }) => {
  const hostile = JSON.stringify({
    client: { base_url: "https://api.example.com/v1/" },
    resources: [
      {
        name: "items",
        endpoint: {
          path: "items",
          method: "POST",
          json: {},
          paginator: { type: "offset", limit: 10, offset_body_path: "o", limit_body_path: "__proto__.polluted", total_path: null },
        },
      },
    ],
  });
  const first = await request.post("/api/run", { data: { config: hostile, target: "mock", max_pages: 2 } });
  expect([200, 422]).toContain(first.status());
  await first.body();
  for (let i = 0; i < 3; i++) {
    const res = await request.post("/api/run", { data: { config: SEED, target: "mock" } });
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trim().split("\n");
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ type: "done" });
  }
});
