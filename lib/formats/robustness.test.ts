import { describe, expect, it } from "vitest";
import { parser } from "@lezer/python";
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml } from "./index";
import type { DocNode, PlainValue, SourceFormat } from "./index";
import { parsePythonTree } from "./python-incremental";

const value: PlainValue = {
  client: { base_url: "https://api.example.com/v1", auth: { type: "bearer", token: { $secret: "token" } }, headers: { "X-A": "b#c//d" } },
  resource_defaults: { primary_key: "id", write_disposition: "merge" },
  resources: [
    "posts",
    {
      name: "c",
      endpoint: {
        path: "posts/{resources.posts.id}/c",
        params: { limit: 100, q: 'say "hi"' },
        paginator: { type: "offset", limit: 100, total_path: null },
      },
    },
  ],
};
const texts: Record<SourceFormat, string> = {
  json: writeJson(value),
  yaml: writeYaml(value),
  python: `import dlt\n\nsource = rest_api_source(${writePythonLiteral(value)})\n`,
};

/** Deterministic pseudo-random numbers (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = `{}[](),:"'#/\\\n -*&!|>\t`;
function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const kind = rnd();
  if (kind < 0.4) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
  if (kind < 0.8) return text.slice(0, at) + CHARS[Math.floor(rnd() * CHARS.length)] + text.slice(at);
  return text.slice(0, at) + text.slice(Math.floor(rnd() * text.length));
}

/** Problems with a document's ranges and messages, as strings (collected, then asserted once: fast). */
function problems(text: string, format: SourceFormat): string[] {
  const doc = parseDocument(text, format);
  const out: string[] = [];
  const inside = (r: { start: number; end: number }) => r.start >= 0 && r.start <= r.end && r.end <= text.length;
  for (const d of doc.diagnostics) {
    if (d.code === "internal_error") out.push(d.message);
    if (!inside(d.range)) out.push(`${d.code} range ${d.range.start}-${d.range.end} outside 0-${text.length}`);
    if (d.message.length < 10) out.push(`short message ${d.message}`);
  }
  const walk = (node: DocNode): void => {
    if (!inside(node.range)) out.push(`node range ${node.range.start}-${node.range.end}`);
    if (node.kind === "object") {
      for (const e of node.entries) {
        if (!inside(e.keyRange)) out.push(`key range of ${e.key}`);
        walk(e.value);
      }
    }
    if (node.kind === "array") node.items.forEach(walk);
  };
  if (doc.root) walk(doc.root);
  return out.map((p) => `${p} in ${JSON.stringify(text)}`);
}

describe("robustness", () => {
  it.each(["json", "yaml", "python"] as const)("%s: 100 random edits never throw, and every range stays inside the text", (format) => {
    const rnd = random(42);
    const found: string[] = [];
    for (let i = 0; i < 100; i++) found.push(...problems(mutate(texts[format], rnd), format));
    expect(found).toEqual([]);
  });

  it("incremental Python parsing gives the same tree as a fresh parse", () => {
    const rnd = random(7);
    let text = texts.python;
    for (let i = 0; i < 40; i++) {
      text = i % 10 === 9 ? texts.python : mutate(text, rnd);
      expect(parsePythonTree(text).tree.toString()).toBe(parser.parse(text).toString());
    }
  });

  it("the same text parses to the same document in every format", () => {
    for (const format of ["json", "yaml", "python"] as const) expect(toPlain(parseDocument(texts[format], format).root!)).toEqual(value);
  });
});
