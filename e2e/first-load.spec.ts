/**
 * What the playground's first load holds: the scripts of the server-rendered page must not carry zod (the validator,
 * the run contract's schemas and the share link's reader load later, when used). A constant imported from the run
 * contract once pulled them all in (+63 KB gzipped, over `bench/bundle.ts`'s 250 KB budget); the size itself is the
 * bench's figure (docs/performance.md), this is the structural guard.
 */
import { expect, test } from "./fixtures";

test("the page's first-load scripts hold no zod", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  expect(scripts.length).toBeGreaterThan(3);
  const withZod: string[] = [];
  for (const src of scripts) {
    const body = await (await request.get(src)).text();
    if (/ZodError|\$ZodType/.test(body)) withZod.push(src);
  }
  expect(withZod).toEqual([]);
});
