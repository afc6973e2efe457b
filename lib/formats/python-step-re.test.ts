/**
 * Python's `re` in a processing step (lib/shared/pystep/regex.ts, ./regex-syntax.ts there). Every answer in
 * python-step-re.cases.json was recorded from CPython 3.11 (dlt 1.26.0's Python here) by scripts/record-re.py: the
 * `repr()` of the value, or the exception's class and message — hand-written expressions, and random patterns (anchors,
 * classes, `\b`, lookarounds, groups, `|`, greedy and lazy repetitions) run through `findall`, `sub`, `split`,
 * `finditer` and `fullmatch`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repr } from "../shared/pystep";
import { translatePattern } from "../shared/pystep/regex-syntax";
import { evaluatePython } from "../testing/python-eval";
import { run } from "../testing/steps";

type Case = [string, "ok" | "err", string];
const cases = JSON.parse(readFileSync(new URL("./python-step-re.cases.json", import.meta.url), "utf8")) as {
  hand: Case[];
  /** A pattern, a text, flags, and the answers of CALLS in turn (scripts/record-re.py's CALLS, the same calls). */
  generated: [string, string, number, ["ok" | "err", string][]][];
};
const CALLS = [
  "re.findall({p}, {s}, {f})",
  "re.sub({p}, r'<\\g<0>>', {s}, flags={f})",
  "re.split({p}, {s}, flags={f})",
  "[m.span() for m in re.finditer({p}, {s}, {f})]",
  "bool(re.fullmatch({p}, {s}, {f}))",
];

const evaluate = (code: string): [string, string] => evaluatePython(code, ["import re"], { notModelled: true });

describe("re in the Python subset, as CPython 3.11 answers", () => {
  it.each(cases.hand)("%s", (code, kind, value) => {
    expect(evaluate(code)).toEqual([kind, value]);
  });

  it("random patterns: each answered as CPython answers, or refused as not modelled (a few)", () => {
    const refused: string[] = [];
    for (const [p, s, f, answers] of cases.generated) {
      const got = CALLS.map((c) =>
        c
          .replace("{p}", () => repr(p))
          .replace("{s}", () => repr(s))
          .replace("{f}", String(f)),
      ).map(evaluate);
      if (got.some(([kind]) => kind === "not modelled")) refused.push(got.find(([kind]) => kind === "not modelled")![1]);
      else expect([p, s, f, got]).toEqual([p, s, f, answers]);
    }
    // Only a repetition of a group that can match nothing (`(a?)*`): JavaScript drops its empty pass, Python keeps it
    // (the generator nests optional parts often: 69 of 400 at seed 29; users' patterns seldom).
    expect(new Set(refused.map((m) => m.replace(/\(`.*`\)/, "")))).toEqual(
      refused.length ? new Set(["a repetition of a group that can match nothing  in a regular expression"]) : new Set(),
    );
    expect(refused.length).toBeLessThan(cases.generated.length / 4);
  });

  it.each([
    ['re.search(r"a++", "aaa")', /possessive quantifier/],
    ['re.search(r"(?>a+)b", "aab")', /atomic group/],
    ['re.search(r"(a)?(?(1)b|c)", "ab")', /conditional group/],
    ['re.search(r"(?i:a)b", "Ab")', /flags for part of a regular expression/],
    // Python: a match ('a'); JavaScript would match a reference to a group that took no part as empty.
    ['re.search(r"(a)|\\1", "a")', /backreference to a group that may not take part/],
    ['re.search(r"\\N{LATIN SMALL LETTER A}", "a")', /\\N\{…\}/],
    ['re.findall(r"(a?)*", "aa")', /repetition of a group that can match nothing/],
  ])("%s is refused, saying what is not modelled", (code, message) => {
    const [kind, text] = evaluate(code);
    expect(kind).toBe("not modelled");
    expect(text).toMatch(message);
  });
});

describe("re in a step's run", () => {
  it("`import re`, `from re import sub`, a compiled pattern at module level, `re.error` caught, flags joined by `|`", async () => {
    const r = await run(`import re
from re import sub, IGNORECASE
WORD = re.compile(r"(?P<first>\\w)(\\w*)")

def tidy(post):
    title = sub(r"\\s+", "_", post["title"].lower())
    caps = WORD.sub(lambda m: m.group("first").upper() + m[2], post["title"])
    try:
        re.compile("(")
        bad = None
    except re.error as e:
        bad = str(e)
    found = re.search(r"post (\\d+)", post["title"], flags=IGNORECASE | re.M)
    return {"id": post["id"], "title": title, "caps": caps, "n": int(found.group(1)) if found else None, "bad": bad,
            "tags": re.findall(r"[a-z](\\d)", " ".join(post["tags"]))}

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": tidy}]}],
})
`);
    expect(r.errors).toEqual([]);
    expect(r.rows("posts")?.[0]).toEqual({
      id: 1,
      title: "post_1",
      caps: "Post 1",
      n: 1,
      bad: "missing ), unterminated subpattern at position 0",
    });
    expect(
      r
        .rows("posts__tags")
        ?.slice(0, 2)
        .map((x) => x.value),
    ).toEqual(["1", "1"]);
  });

  it("a pattern that backtracks without end stops the step after the time limit, not the worker", async () => {
    const started = Date.now();
    const timed = await run(`import re
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "posts", "endpoint": {"path": "posts"},
                   "processing_steps": [{"map": lambda x: {**x, "m": bool(re.search(r"(a+)+$", "a" * 40 + "b"))}}]}],
})
`);
    expect(timed.errors.map((e) => e.code)).toEqual(["step_failed"]);
    expect(timed.errors[0]?.message).toMatch(/a regular expression ran more than 5 s over one value: it backtracks without end/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it("so does one whose choices multiply without any nesting (`a*a*`, `a?` × 12 and `c` over 200 characters)", async () => {
    const started = Date.now();
    const timed = await run(`import re
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "posts", "endpoint": {"path": "posts"},
                   "processing_steps": [{"map": lambda x: {**x, "m": bool(re.search("a*a*" + "a?" * 12 + "c", "a" * 200))}}]}],
})
`);
    expect(timed.errors.map((e) => e.code)).toEqual(["step_failed"]);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it("a pattern that cannot backtrack far scans a long text without the time limit (≈ 55 µs a call); others keep it", () => {
    const upTo = (p: string) => translatePattern(p, 0).directUpTo;
    // Linear: no unbounded repetition, one choice at most.
    for (const p of [String.raw`\d{4}-\d{2}-\d{2}`, "(jpg|png|gif)$", String.raw`\w{0,16}@`]) expect(upTo(p), p).toBe(Infinity);
    // Quadratic at worst: one unbounded repetition, two choices at most.
    for (const p of [String.raw`\s+`, "<[^>]+>", String.raw`https?://\S+`]) expect(upTo(p), p).toBe(2000);
    // Cubic, or 2 to the power of twelve choices.
    for (const p of [String.raw`(\w+)-(\d+)`, "a?".repeat(12)]) expect(upTo(p), p).toBe(200);
    // Nested repetitions, backreferences, three unbounded repetitions, many choices: always under the limit.
    for (const p of ["(a+)+$", String.raw`(\w)\1`, String.raw`\w+\s+\w+`, "a?".repeat(13), String.raw`(\w+)-(\d+)?-?(x|y)`])
      expect(upTo(p), p).toBe(0);
  });
});
