"""Records what jsonpath-ng's "ext" parser (dlt 1.26's) makes of generated JSONPaths, for
lib/shared/jsonpath-ng/parser.test.ts: each path with its tree, or with the fact that it is refused;
with `find`, what `find` returns for the paths it takes on generated JSON documents (find.test.ts).

Run with the oracle's Python (shared/tools/dlt-oracle):
  /opt/dlt-venv/bin/python scripts/jsonpath-ng-corpus.py [count] [seed] > lib/testing/fixtures/jsonpath-ng.json
  /opt/dlt-venv/bin/python scripts/jsonpath-ng-corpus.py find [count] [seed] > lib/testing/fixtures/jsonpath-ng-find.json
  /opt/dlt-venv/bin/python scripts/jsonpath-ng-corpus.py ext [count] [seed] > lib/testing/fixtures/jsonpath-ng-ext.json
With `ext`, the paths use the "ext" parser's operators (`sorted`, `[/f]`, arithmetic, `split`, `sub`,
`str()`, `path`) on API-shaped documents; numbers whose spelling Python keeps (`2.0`) stay spelled so.
"""
import json
import random
import sys

from jsonpath_ng import jsonpath as jp
from jsonpath_ng.ext import arithmetic, filter as flt, iterable, string as st
from jsonpath_ng.ext.parser import parse

OPS = {v: k for k, v in arithmetic.OPERATOR_MAP.items()}
BINARY = {jp.Child: "child", jp.Descendants: "descendants", jp.WhereNot: "wherenot", jp.Where: "where",
          jp.Union: "union", jp.Intersect: "intersect"}


def tree(n):
    """A jsonpath-ng node as lib/shared/jsonpath-ng/parser.ts's PathNode (without offsets)."""
    if isinstance(n, (str, int, float, bool)) or n is None:
        return n
    for cls, k in BINARY.items():
        if type(n) is cls:
            return {"k": k, "left": tree(n.left), "right": tree(n.right)}
    if isinstance(n, iterable.SortedThis):
        sorts = None if n.expressions is None else [[tree(p), d] for p, d in n.expressions]
        return {"k": "sorted", "sorts": sorts}
    simple = {jp.Root: "root", jp.Parent: "parent", iterable.Len: "len", iterable.Keys: "keys", iterable.Path: "path",
              st.Str: "str", jp.This: "this"}
    for cls, k in simple.items():
        if type(n) is cls:
            return {"k": k}
    if isinstance(n, jp.Fields):
        return {"k": "fields", "names": list(n.fields)}
    if isinstance(n, jp.Index):
        return {"k": "index", "index": n.index}
    if isinstance(n, jp.Slice):
        return {"k": "slice", "start": n.start, "end": n.end, "step": n.step}
    if isinstance(n, arithmetic.Operation):
        return {"k": "operation", "left": tree(n.left), "op": OPS[n.op], "right": tree(n.right)}
    if isinstance(n, flt.Filter):
        return {"k": "filter", "expressions": [{"target": tree(e.target), "op": e.op, "value": e.value} for e in n.expressions]}
    if isinstance(n, (st.Split, st.Sub)):
        return {"k": "split" if isinstance(n, st.Split) else "sub", "method": n.method}
    raise TypeError(repr(n))


NAMES = ["data", "items", "a", "b", "id", "true", "false", "trueish", "false_", "where", "wherenot", "@id", "_x", "a-b",
         "x1", "n@m", "results", "len"]
ATOMS = ["$", "@", "*", "`this`", "`parent`", "`len`", "`keys`", "`path`", "`sorted`", "`str()`", "`bogus`",
         "`split(,, 0, -1)`", "`split(-, *, 2)`", "`sub(/a/, b)`", "`sub(/x/,y)`", "`str(x)`", "1", "-2", "0", "12", "1.5"]
CHARS = list("$@*.[]()'\",:|&~?+-/\\`!<=> \t\n_aZ019") + ["..", "é", "١", "where", "true", "=="]


def name(r):
    n = r.choice(NAMES if not FIND_NAMES else FIND_NAMES + ["true_x", "where"])
    q = r.random()
    if q < 0.15:
        return "'" + n.replace("'", "\\'") + (" x" if r.random() < 0.3 else "") + "'"
    if q < 0.25:
        return '"' + n + ('\\"' if r.random() < 0.3 else "") + '"'
    return n


def bracket(r):
    q = r.random()
    if q < 0.2:
        return "[%d]" % r.randint(-3, 12)
    if q < 0.3:
        return "[*]"
    if q < 0.45:
        parts = [r.choice(["", str(r.randint(-2, 5))]) for _ in range(r.choice([2, 3]))]
        return "[" + ":".join(parts) + "]"
    if q < 0.6:
        return "[" + ",".join(name(r) for _ in range(r.randint(1, 3))) + "]"
    if q < 0.8:
        cmp = r.choice(["", " == 'x'", " > 1", " != 2.5", " =~ abc", " < true", "==false", " <= -3"])
        more = " & @.b" if r.random() < 0.3 else ""
        return "[?(@." + name(r) + cmp + more + ")]" if r.random() < 0.5 else "[?" + name(r) + cmp + more + "]"
    return "[" + ",".join(r.choice(["/", "\\", " /", ",\\"]) + name(r) for _ in range(r.randint(1, 2))) + "]"


def path(r, depth=0):
    q = r.random()
    if depth > 2 or q < 0.35:
        out = r.choice([name(r), name(r), r.choice(ATOMS)])
    elif q < 0.55:
        out = path(r, depth + 1) + r.choice([".", "..", ".", " . "]) + path(r, depth + 1)
    elif q < 0.75:
        out = path(r, depth + 1) + bracket(r)
    elif q < 0.85:
        out = path(r, depth + 1) + r.choice([" | ", " & ", " where ", " wherenot ", "|"]) + path(r, depth + 1)
    elif q < 0.92:
        out = path(r, depth + 1) + r.choice([" + ", " - ", " * ", " / ", "+", "-"]) + r.choice([path(r, depth + 1), "2", "1.5"])
    else:
        out = "(" + path(r, depth + 1) + ")"
    if depth == 0 and r.random() < 0.5:
        out = r.choice(["$.", "$..", "$", ""]) + out
    return out


def mutate(r, s):
    s = list(s)
    for _ in range(r.randint(1, 3)):
        q = r.random()
        i = r.randint(0, len(s))
        if q < 0.4 and s:
            del s[min(i, len(s) - 1)]
        elif q < 0.8:
            s.insert(i, r.choice(CHARS))
        elif s:
            s[min(i, len(s) - 1)] = r.choice(CHARS)
    return "".join(s)


FIND_NAMES = []


def doc(r, depth=0):
    """A JSON value shaped like API bodies: dicts of the generator's names, lists, and every scalar kind."""
    q = r.random()
    if depth == 0 or (depth < 3 and q < 0.45):
        # No integer-like keys: JavaScript orders them first in a dict, Python as written (find.ts).
        keys = FIND_NAMES * 3 + ["true_x", "where", "é"]
        return {r.choice(keys): doc(r, depth + 1) for _ in range(r.randint(0 if depth else 2, 5))}
    if depth < 3 and q < 0.7:
        return [doc(r, depth + 1) for _ in range(r.randint(0, 4))]
    return r.choice([None, True, False, 0, 1, 2, -1, 1.5, 0.0, "", "x", "12", " 3 ", "abc", "1.5", "true", "é"])


def chain(r):
    """A path of the kinds data selectors are written in: names, indices, slices, `..`, `*`, filters."""
    out = r.choice(["$", "", "$.", ""]) + name(r)
    for _ in range(r.randint(0, 3)):
        out += r.choice([
            "." + name(r), "." + name(r), "[%d]" % r.randint(-3, 3), "[*]", ".*", ".." + name(r),
            "[%s:%s]" % (r.choice(["", "1", "-1"]), r.choice(["", "2", "-1"])),
            "[?(@.%s)]" % name(r),
            "[?(@.%s %s %s)]" % (name(r), r.choice(["==", "!=", ">", "<=", "=~"]), r.choice(["1", "true", "x", "'12'", "1.5", "a.*"])),
            " | " + name(r), " where " + name(r), ".`len`", ".`keys`", ".`parent`",
        ])
    return out


def find_main(count, r):
    """Paths jsonpath-ng takes, each on a few documents: the values `find` returns, or the Python error."""
    FIND_NAMES.extend(["data", "items", "a", "b", "id"])
    out = []
    while len(out) < count:
        s = chain(r) if r.random() < 0.7 else path(r)
        try:
            compiled = parse(s)
        except Exception:  # noqa: BLE001 — only paths that parse are evaluated
            continue
        docs = [doc(r) for _ in range(3)]
        for d in docs:
            try:
                out.append({"path": s, "doc": d, "values": [m.value for m in compiled.find(d)]})
            except Exception as e:  # noqa: BLE001 — dlt's run fails on any of them
                out.append({"path": s, "doc": d, "error": type(e).__name__})
    print(json.dumps(out, ensure_ascii=False, separators=(",", ":")))


def ext_scalar(r):
    return r.choice([None, True, False, 0, 1, 2, -1, 3, 10, 1.5, 2.0, 0.0, -2.5, 1e16, 1e-05, 123456789.125, "", "x", "a-b", "b-a-c",
                     "a b", "12", "2", "abc", "Abc", "é", "z", "ab", "😀", "\uff61", "it's", 'say "hi"', "a\nb", "tab\t", "\\"])


def ext_item(r, depth=0):
    q = r.random()
    if depth < 2 and q < 0.5:
        return {r.choice(["id", "name", "a", "b", "tags", "n@m", "x.y"]): ext_item(r, depth + 1) for _ in range(r.randint(1, 4))}
    if depth < 2 and q < 0.65:
        return [ext_item(r, depth + 1) for _ in range(r.randint(0, 3))]
    return ext_scalar(r)


def ext_list(r):
    kind = r.random()
    n = r.randint(0, 5)
    if kind < 0.25:
        return [r.choice([3, 1, 2, 1.5, -1, 0, 10, 2.0, True, False]) for _ in range(n)]
    if kind < 0.45:
        return [r.choice(["b", "a", "c", "é", "Z", "ab", "a-b", "", "😀", "\uff61", "10", "9"]) for _ in range(n)]
    if kind < 0.75:
        return [{"id": r.choice([1, 2, 3, 2.5, "2", None, [1], {"k": 1}]) if r.random() < 0.2 else r.randint(0, 4),
                 "name": r.choice(["b", "a", "c", "a-b", "x y", 3]), **({"a": ext_scalar(r)} if r.random() < 0.6 else {})}
                for _ in range(n)]
    if kind < 0.85:
        return [r.choice([[1, 2], [1], [2, 0], [], [1, "a"], ["a"], [[1]]]) for _ in range(n)]
    return [ext_item(r) for _ in range(n)]


def ext_doc(r):
    return {"data": ext_list(r), "a": ext_item(r), "b": ext_scalar(r), "name": r.choice(["a-b-c", "x, y, z", "one two", "é-ü", 5, None]),
            "nested": {"items": ext_list(r), "id": r.choice([1, 2.0, "3"])}}


EXT_TAILS = ["`sorted`", "`str()`", "`path`", "`split(-, 0, -1)`", "`split(-, *, -1)`", "`split(-, -1, 1)`", "`split(' ', 1, -1)`",
             "`split(\", \", *, -1)`", "`split(-, 5, -1)`", "`split(,, 0, -1)`", "`sub(/-/, +)`", "`sub(/(\\w)-(\\w)/, \\2-\\1)`",
             "`sub(/a/, \\g<0>\\g<0>)`", "`sub(/^/, >)`", "`sub(/x*/, -)`", "`sub(/[aeiou]/, \\n)`", "`sub(/(?P<c>b)/, [\\g<c>])`",
             "`sub(/a/, \\q)`", "`sub(/é/, e)`", "`sub(/a/, \\.)`", "`len`", "`keys`", "`this`", "`parent`"]
EXT_HEADS = ["data", "$.data", "nested.items", "data[*]", "data[*].name", "data[*].id", "a", "b", "name", "$..name", "$..id", "data[0]",
             "data[-1]", "data[1:3]", "data.*", "nested.*", "a.*", "$", "data[?(@.id)]", "nested", "data[*].a", "$..a"]
EXT_SORTS = ["[/id]", "[\\id]", "[/name]", "[\\name]", "[/id,\\name]", "[\\a, /id]", "[/a]", "[/missing]", "[/id][/name]"]


def ext_path(r):
    q = r.random()
    head = r.choice(EXT_HEADS)
    if q < 0.2:
        out = head + r.choice(EXT_SORTS)
    elif q < 0.6:
        out = head + "." + r.choice(EXT_TAILS)
    elif q < 0.8:
        left = r.choice(["data[*].id", "$.b", "nested.id", "$.data[0].id", "$.data[*].name", "a", "$.a", "b", "2", "1.5", "$.name"])
        right = r.choice(["1", "2", "0", "1.5", "$.b", "$.nested.id", "data[*].id", "b", "$.name", "$.data[*].id", "x"])
        out = "%s %s %s" % (left, r.choice(["+", "-", "*", "/"]), right)
    else:
        out = head + "." + r.choice(EXT_TAILS) + r.choice(["." + r.choice(EXT_TAILS), "[0]", "[*]", "[/id]", " | a", ".`path`", ""])
    return out


def ext_main(count, r):
    """Paths with the ext operators on API-shaped documents: the values `find` returns, or the Python error."""
    out = []
    while len(out) < count:
        s = ext_path(r)
        try:
            compiled = parse(s)
        except Exception:  # noqa: BLE001 — only paths that parse are evaluated
            continue
        for _ in range(3):
            d = ext_doc(r)
            try:
                out.append({"path": s, "doc": d, "values": [m.value for m in compiled.find(d)]})
            except Exception as e:  # noqa: BLE001 — dlt's run fails on any of them
                out.append({"path": s, "doc": d, "error": type(e).__name__})
    # Whole floats keep their spelling (`2.0`) in the file: the test parses it as the engine parses a body.
    print(json.dumps(out, ensure_ascii=False, separators=(",", ":")))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "ext":
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
        return ext_main(count, random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1))
    if len(sys.argv) > 1 and sys.argv[1] == "find":
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
        return find_main(count, random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1))
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    seen, out = set(), []
    fixed = ["data", "$.data", "$", "items[*]", "$..id", "['@odata.nextLink']", "a..[", "", " ", "$.true_count", "a.12",
             "a[0,1]", "a[?(@.x > 1)]", "`len`", "a[1:2:3]", "a[::]", "'unclosed", "a\\", "where", "a where b"]
    while len(out) < count:
        s = fixed[len(out)] if len(out) < len(fixed) else path(r)
        if len(out) >= len(fixed) and r.random() < 0.45:
            s = mutate(r, s)
        if s in seen:
            continue
        seen.add(s)
        try:
            out.append({"path": s, "tree": tree(parse(s))})
        except Exception as e:  # noqa: BLE001 — every refusal counts, whatever its class
            out.append({"path": s, "error": type(e).__name__})
    print(json.dumps(out, ensure_ascii=False, separators=(",", ":")))


main()
