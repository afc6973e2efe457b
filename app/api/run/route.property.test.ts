/**
 * Property-based tests of POST /api/run (issue #13, "Done means"): random and mutated bodies — any
 * JSON, configs in all three formats with random edits, deep nesting, prototype keys, huge strings,
 * lone surrogates — never crash the route, never leave it hanging, always answer with a typed error
 * or an NDJSON stream that ends with `done`, and never touch `Object.prototype`.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EXAMPLES } from "@/lib/examples";
import { convertDocument, detectFormat } from "@/lib/formats";
import { API_ERROR_CODES } from "@/lib/run";
import { POST } from "./route";

/** The codes a refused hostile body may get: any of the contract's but a crash or a cancel. */
const KNOWN_CODES = new Set<string>(API_ERROR_CODES.filter((c) => c !== "internal_error" && c !== "cancelled"));

const seeds = EXAMPLES.slice(0, 6).map((e) => e.text);
/** Each seed in all three formats (where it converts cleanly). */
const texts = seeds.flatMap((t) => {
  const out = [t];
  for (const to of ["json", "yaml", "python"] as const) {
    const from = detectFormat(t);
    if (from === to) continue;
    const c = convertDocument(t, from, to);
    if (c.ok) out.push(c.text);
  }
  return out;
});

/** Insert, delete or replace a few characters, or splice in something hostile. */
const HOSTILE = [
  '"__proto__"',
  "__proto__.polluted",
  "constructor.prototype.x",
  "*a",
  "&a ",
  "[".repeat(200),
  "{".repeat(200),
  "\ud800",
  "\u0000",
  "'''",
  "${",
  "{resources.",
  "x".repeat(5000),
];
const mutated = fc
  .tuple(
    fc.constantFrom(...texts),
    fc.array(fc.tuple(fc.nat(), fc.nat(20), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE))), { maxLength: 6 }),
  )
  .map(([text, edits]) => {
    let s = text;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });

async function check(body: string): Promise<void> {
  const res = await POST(
    new Request("http://127.0.0.1:3100/api/run", { method: "POST", headers: { "content-type": "application/json" }, body }),
  );
  expect(res.status).not.toBe(500);
  const text = await res.text();
  if (res.status === 200) {
    const lines = text.trim().split("\n");
    const last = JSON.parse(lines.at(-1) as string) as { type: string };
    expect(last.type).toBe("done");
  } else {
    const err = (JSON.parse(text) as { error: { code: string; message: string } }).error;
    expect(KNOWN_CODES.has(err.code), err.code).toBe(true);
    expect(err.message.length).toBeGreaterThan(10);
  }
  expect(Object.keys(Object.prototype)).toEqual([]);
}

describe("POST /api/run under random input", () => {
  it("any JSON body: a typed 4xx, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => check(JSON.stringify(v))),
      { numRuns: 60 },
    );
  });

  it("any text as the body: a typed 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: "binary" }), async (s) => check(s)),
      { numRuns: 40 },
    );
  });

  it("mutated configs in all three formats, mock target: a typed error or a stream that ends with done", async () => {
    await fc.assert(
      fc.asyncProperty(mutated, fc.option(fc.integer({ min: 1, max: 10_000 })), async (config, maxPages) =>
        check(JSON.stringify({ config, target: "mock", ...(maxPages !== null ? { max_pages: maxPages } : {}) })),
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it("bodies with prototype keys and deep nesting in every field", async () => {
    const field = fc.constantFrom("secrets", "state", "resources", "config", "__proto__", "constructor");
    const deep = fc.integer({ min: 1, max: 3000 }).map((n) => `${"[".repeat(n)}1${"]".repeat(n)}`);
    await fc.assert(
      fc.asyncProperty(field, deep, async (f, d) =>
        check(
          `{"config": ${JSON.stringify(texts[0])}, "target": "mock", "${f}": {"__proto__": ${d}, "constructor": {"prototype": {"x": 1}}}}`,
        ),
      ),
      { numRuns: 30 },
    );
  });
});
