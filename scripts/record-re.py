"""Records what CPython 3.11 answers for `re` expressions (lib/formats/python-step-re.test.ts; CI has no Python) into
lib/formats/python-step-re.cases.json: [expression, "ok", repr(value)] or [expression, "err", "Class: message"].

"hand": the expressions of the file, re-recorded. "generated": random patterns over a small alphabet (anchors, classes,
`\\b`, lookarounds, groups, `|`, greedy and lazy repetitions) and texts, each run through `findall`, `sub` (with
`\\g<0>`), `split`, `finditer`'s spans and `fullmatch` (CALLS; the test writes the same calls).

  python3 scripts/record-re.py [SEED] [COUNT]
"""
import json, random, re, sys, warnings

warnings.simplefilter("ignore")
PATH = "lib/formats/python-step-re.cases.json"


def answer(code):
    try:
        return [code, "ok", repr(eval(code, {"re": re}))]
    except Exception as e:
        return [code, "err", f"{type(e).__name__}: {e}"]


ATOMS = ["a", "b", ".", r"\w", r"\s", r"\d", r"\b", r"\B", "^", "$", r"\A", r"\Z", "[ab]", "[^a]", r"[\W]", "x", "(?=a)"]
ATOMS += ["(?!b)", "(?<=a)", r"\n", " ", "é", "1"]
QUANTS = ["", "", "", "*", "+", "?", "*?", "+?", "??", "{1,2}", "{2}", "{,1}"]


def pattern(rng, d=0):
    parts = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.15 and d < 2:
            parts.append("(" + pattern(rng, d + 1) + ")" + rng.choice(QUANTS))
        elif r < 0.22 and d < 2:
            parts.append("(?:" + pattern(rng, d + 1) + "|" + pattern(rng, d + 1) + ")" + rng.choice(QUANTS))
        else:
            atom = rng.choice(ATOMS)
            # Python repeats a lookaround or an anchor only in part (an error, or no effect): not generated.
            fixed = atom.startswith("(?") or atom in ("^", "$") or atom.startswith("\\") and atom[1] in "bBAZ"
            parts.append(atom + ("" if fixed else rng.choice(QUANTS)))
    return "".join(parts) + ("|" + rng.choice(ATOMS) if rng.random() < 0.1 else "")


CALLS = [
    "re.findall({p}, {s}, {f})",
    "re.sub({p}, r'<\\g<0>>', {s}, flags={f})",
    "re.split({p}, {s}, flags={f})",
    "[m.span() for m in re.finditer({p}, {s}, {f})]",
    "bool(re.fullmatch({p}, {s}, {f}))",
]


def generated(seed, count):
    """[pattern, text, flags, [[kind, answer] of each call of CALLS]] (the test writes the calls out the same way)."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        p, s, f = pattern(rng), "".join(rng.choice("ab \n1é") for _ in range(rng.randint(0, 8))), rng.choice([0, 0, 8, 16, 2, 256])
        case = [p, s, f, [answer(c.format(p=repr(p), s=repr(s), f=f))[1:] for c in CALLS]]
        # Lines of the file stay within 140 characters (the house's width): longer cases are skipped.
        if all(len(json.dumps(x, ensure_ascii=False)) < 110 for x in [p, *(a[1] for a in case[3])]):
            made += 1
            yield case


if __name__ == "__main__":
    cases = json.load(open(PATH))
    seed, count = int(sys.argv[1]) if len(sys.argv) > 1 else cases["seed"], int(sys.argv[2]) if len(sys.argv) > 2 else 400
    cases["hand"] = [answer(c[0]) for c in cases["hand"]]
    cases["seed"] = seed
    cases["generated"] = list(generated(seed, count))
    json.dump(cases, open(PATH, "w"), ensure_ascii=False, indent=0)
