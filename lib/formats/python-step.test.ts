import { describe, expect, it } from "vitest";
import { compileStep } from "./python-step";
import { BudgetExceeded, fromPy, Interpreter, PyError, repr, SizeExceeded, toPy } from "../shared/pystep";
import type { Json } from "../shared";
import { evaluatePython } from "../testing/python-eval";

/** Python's `repr()` of `(lambda x: <expr>)(arg)`, or `Type: message` when it raises. */
function py(expr: string, arg: Json = null): string {
  const c = compileStep(`lambda x: ${expr}`);
  if (!c.ok) throw new Error(c.reason);
  try {
    return repr(new Interpreter().run(c.fn, [toPy(arg)]));
  } catch (e) {
    if (e instanceof PyError) return `${e.type}: ${e.message}`;
    throw e;
  }
}

describe("the step evaluator follows Python where JavaScript differs", () => {
  it("divides and takes remainders as Python does", () => {
    expect(py("(7 // 2, -7 // 2, 7 % -3, -7 % 3, -7.5 // 2)")).toBe("(3, -4, -2, 2, -4.0)");
    expect(py("(1 / 2, 4 / 2, 2 ** 3, 2 ** -1, 10 * 1.0)")).toBe("(0.5, 2.0, 8, 0.5, 10.0)");
    expect(py("(1., 1.e1, 2. * 2, x.get('a', 0.))", {})).toBe("(1.0, 10.0, 4.0, 0.0)");
    expect(py("1 // 0")).toBe("ZeroDivisionError: integer division or modulo by zero");
    expect(py("x / 0", 1.5)).toBe("ZeroDivisionError: float division by zero");
  });
  it("adds bools as ints and repeats sequences", () => {
    expect(py("(True + 1, True * 2.5, 'a' * 3, [0] * 2, 3 * 'ab', 'x' * -1)")).toBe("(2, 2.5, 'aaa', [0, 0], 'ababab', '')");
    expect(py("'a' + 1")).toBe('TypeError: can only concatenate str (not "int") to str');
    expect(py("[1] + (2,)")).toBe('TypeError: can only concatenate list (not "tuple") to list');
  });
  it("raises TypeError ordering None, and compares chains", () => {
    expect(py("x.get('n') > 1", {})).toBe("TypeError: '>' not supported between instances of 'NoneType' and 'int'");
    expect(py("(1 < 2 <= 2 < 3, 1 < 3 < 2, 1 == 1.0 == True, 'a' < 'b', [1, 2] < [1, 3], None == 0)")).toBe(
      "(True, False, True, True, True, False)",
    );
    expect(py("(x is None, x is not None, 1 in [1.0], 'b' in 'abc', 'k' in {'k': 1}, 2 not in (1, 2))", null)).toBe(
      "(True, False, True, True, True, False)",
    );
    expect(py("1 in 'abc'")).toBe("TypeError: 'in <string>' requires string as left operand, not int");
  });
  it("keeps dict order and reads truthiness of empty containers", () => {
    expect(py("list({**x, 'a': 0, 'z': 1})", { z: 1, b: 2, a: 3 })).toBe("['z', 'b', 'a']");
    expect(py("{**x, '1': 0}", { b: 2 })).toBe("{'b': 2, '1': 0}");
    expect(py("(bool([]), bool({}), bool(''), bool(0.0), bool(' '), bool([0]), not None)")).toBe(
      "(False, False, False, False, True, True, True)",
    );
    expect(py("(x or 'none', x and 1, [] or {}, 0 or None)", 0)).toBe("('none', 0, {}, None)");
  });
  it("reads records' numbers as Python does and keeps floats floats", () => {
    expect(py("(x['i'], x['f'], x['i'] / 2, x['f'] * 2, str(x['f']), int('12') + float('1.5'))", { i: 3, f: 1.5 })).toBe(
      "(3, 1.5, 1.5, 3.0, '1.5', 13.5)",
    );
    expect(py("(round(2.5), round(3.5), round(-0.5), round(1.25, 1), round(7, -1), abs(-2), abs(-2.0))")).toBe(
      "(2, 4, 0, 1.2, 10, 2, 2.0)",
    );
  });
  it("raises the exceptions dlt reports", () => {
    expect(py("x['missing']", { a: 1 })).toBe("KeyError: 'missing'");
    expect(py("x[5]", [1])).toBe("IndexError: list index out of range");
    expect(py("x['a']", null)).toBe("TypeError: 'NoneType' object is not subscriptable");
    expect(py("x.lower()", 1)).toBe("AttributeError: 'int' object has no attribute 'lower'");
    expect(py("x.get('a')", null)).toBe("AttributeError: 'NoneType' object has no attribute 'get'");
    expect(py("int('x')")).toBe("ValueError: invalid literal for int() with base 10: 'x'");
    expect(py("len(5)")).toBe("TypeError: object of type 'int' has no len()");
  });
  it("runs comprehensions, f-strings, slices, builtins and methods", () => {
    const rec = { id: 7, title: "  Hello World ", tags: ["b", "a"], n: [[1, 2], [3]] };
    expect(py("[v * 2 for p in x['n'] for v in p if v != 2]", rec)).toBe("[2, 6]");
    expect(py("{k: v for k, v in x.items() if k != 'n'}", { a: 1, n: 2 })).toBe("{'a': 1}");
    expect(py("f\"{x['id']:03d}-{x['title'].strip()!r}-{1.5:.2f}-{x['id']:>4}|{{}}\"", rec)).toBe("\"007-'Hello World'-1.50-   7|{}\"");
    expect(py("(x['title'].strip().lower().split(), ','.join(sorted(x['tags'])), x['title'].strip()[::-1][:3])", rec)).toBe(
      "(['hello', 'world'], 'a,b', 'dlr')",
    );
    expect(py("(sorted(x, key=lambda t: -t), max(x), min(x, default=0), sum(x), any(v > 2 for v in x), all(x))", [1, 3, 2])).toBe(
      "([3, 2, 1], 3, 1, 6, True, True)",
    );
    expect(py("(isinstance(x, dict), isinstance(1, (str, int)), isinstance(True, int), str(None), dict(a=1), list('ab'))", {})).toBe(
      "(True, True, True, 'None', {'a': 1}, ['a', 'b'])",
    );
    expect(py("('hello world'.title(), 'hELLO'.capitalize(), 'a-b-c'.replace('-', '', 1), 'x'.startswith(('a', 'x')))")).toBe(
      "('Hello World', 'Hello', 'ab-c', True)",
    );
  });
});

describe("ints past 2^53 keep every digit, as Python's ints (checked with CPython 3.11)", () => {
  it("reads, computes, compares, hashes and prints them exactly", () => {
    const x = "9007199254740993";
    expect(py(`(${x} + 1, ${x} * 3, -${x} // 2, -${x} % 1000, ${x} - ${x}, 2 ** 53 + 1 - 1, (2 ** 53 + 2) / 2)`)).toBe(
      "(9007199254740994, 27021597764222979, -4503599627370497, 7, 0, 9007199254740992, 4503599627370497.0)",
    );
    expect(py(`(${x} == 9007199254740993, ${x} == 9007199254740992.0, ${x} > 9007199254740992.0, {10 ** 20: 'a'}.get(1e20))`)).toBe(
      "(True, False, True, 'a')",
    );
    expect(py("(3 ** 39, 2 ** 64, int('123456789012345678901'), int(1e20), isinstance(2 ** 60, int), [1, 2][:10 ** 20])")).toBe(
      "(4052555153018976267, 18446744073709551616, 123456789012345678901, 100000000000000000000, True, [1, 2])",
    );
    expect(py(`(str(-${x}), f'{${x}:,}', f'{${x}:>20}', round(${x}), abs(-${x}), sorted([${x}, 1, -${x}])[0])`)).toBe(
      "('-9007199254740993', '9,007,199,254,740,993', '    9007199254740993', 9007199254740993, 9007199254740993, -9007199254740993)",
    );
    expect(py("[1][10 ** 20]")).toBe("IndexError: cannot fit 'int' into an index-sized integer");
  });
  // Recorded from CPython 3.11.7: `repr()` of the value, or `Type: message`. restplay gave inf, nan or every digit.
  const DIGITS = "ValueError: Exceeds the limit (4300 digits) for integer string conversion";
  const RAISE = "; use sys.set_int_max_str_digits() to increase the limit";
  it.each([
    ["len(str(10 ** 4299))", ["ok", "4300"]],
    ["str(10 ** 4300)", ["err", `${DIGITS}${RAISE}`]],
    ["str(-10 ** 4299)[:3]", ["ok", "'-10'"]],
    ['int("9" * 4301)', ["err", `${DIGITS}: value has 4301 digits${RAISE}`]],
    ['int("9_" * 2200 + "9") > 0', ["ok", "True"]],
    ['f"{10 ** 4300:,}"', ["err", `${DIGITS}${RAISE}`]],
    ['format(10 ** 4300, "x")[:3]', ["ok", "'139'"]],
    ['"%d" % 10 ** 4300', ["err", `${DIGITS}${RAISE}`]],
    ["json.dumps({10 ** 4300: 1})", ["err", `${DIGITS}${RAISE}`]],
    ["10.0 ** 400", ["err", "OverflowError: (34, 'Numerical result out of range')"]],
    ["(-2.0) ** 1025", ["err", "OverflowError: (34, 'Numerical result out of range')"]],
    ["10 ** 400 * 1.0", ["err", "OverflowError: int too large to convert to float"]],
    ["float(10 ** 400)", ["err", "OverflowError: int too large to convert to float"]],
    ["(10 ** 400) ** -1", ["err", "OverflowError: int too large to convert to float"]],
    ["(10 ** 400) / (10 ** 399)", ["ok", "10.0"]],
    ["(10 ** 400) / 3", ["err", "OverflowError: integer division result too large for a float"]],
    ["(2 ** 80 + 1) / 3", ["ok", "4.029752732048764e+23"]],
    ["1 / 10 ** 400", ["ok", "0.0"]],
    ["(2 ** 1100) / (2 ** 77)", ["ok", "8.98846567431158e+307"]],
    ['1.0 ** float("nan")', ["ok", "1.0"]],
    ['(-1.0) ** float("inf")', ["ok", "1.0"]],
    ["1e308 * 10", ["ok", "inf"]],
    ["10.0 ** -400", ["ok", "0.0"]],
    ["0.0 ** -1.0", ["err", "ZeroDivisionError: 0.0 cannot be raised to a negative power"]],
  ] as [string, [string, string]][])("past the int digits and the float range, as Python: %s", (code, answer) => {
    expect(evaluatePython(code, ["import json"])).toEqual(answer);
  });
  it("a negative number to a fractional power (a complex number in Python) is not modelled: the step stops, saying so", () => {
    for (const code of ["(-8.0) ** (1 / 3)", "(-8) ** 0.5"])
      expect(evaluatePython(code, [], { notModelled: true })).toEqual([
        "not modelled",
        "a complex number (a negative number to a fractional power)",
      ]);
  });
  it("takes a record's big int by its digits and gives it back with them", () => {
    const c = compileStep("lambda x: {'b': x['b'] + 2, 'c': x['b']}");
    if (!c.ok) throw new Error(c.reason);
    // JSON.parse gives the nearest double; the reader keeps the spelling beside it.
    const record = { b: Number("9007199254740993") };
    const out = fromPy(new Interpreter().run(c.fn, [toPy(record, { b: "9007199254740993" })]));
    expect(out.texts).toEqual({ b: "9007199254740995", c: "9007199254740993" });
  });
});

describe("str, list, dict, set and tuple methods follow Python (checked with CPython 3.11)", () => {
  it("str: find, count, padding, partition, rsplit, splitlines, predicates", () => {
    expect(
      py("('abc'.center(6, '*'), 'abc'.center(7, '*'), 'ab'.center(5), '-42'.zfill(6), '+7'.zfill(4), 'x'.ljust(3, '.'), 'x'.rjust(3))"),
    ).toBe("('*abc**', '**abc**', '  ab ', '-00042', '+007', 'x..', '  x')");
    expect(py("('a,b,c'.rsplit(',', 1), ' a  b '.rsplit(None, 1), 'a b  '.split(maxsplit=1), 'a\\r\\nb\\nc\\n'.splitlines())")).toBe(
      "(['a,b', 'c'], [' a', 'b'], ['a', 'b  '], ['a', 'b', 'c'])",
    );
    expect(py("('k=v=w'.partition('='), 'k=v=w'.rpartition('='), 'abc'.rpartition('x'))")).toBe(
      "(('k', '=', 'v=w'), ('k=v', '=', 'w'), ('', '', 'abc'))",
    );
    expect(
      py("('hello'.find('l'), 'hello'.rfind('l'), 'hello'.count('l'), 'hello'.count(''), 'héllo'.find('l'), 'abc'.removeprefix('ab'))"),
    ).toBe("(2, 3, 2, 6, 2, 'c')");
    expect(py("('ABC'.isupper(), '12'.isdigit(), ''.isdigit(), 'a1'.isalnum(), ' \\t'.isspace(), 'ab'.islower(), 'a b'.isalpha())")).toBe(
      "(True, True, False, True, True, True, False)",
    );
    expect(py("'abc'.index('z')")).toBe("ValueError: substring not found");
  });
  it("list: insert, remove, index, count, sort with key and reverse", () => {
    const src =
      "def f(x):\n    x.insert(-1, 9)\n    x.insert(100, 7)\n    x.remove(1)\n" +
      "    x.sort(key=lambda v: -v, reverse=True)\n    return (x, x.index(9), x.count(7))\n";
    const c = compileStep(src);
    if (!c.ok) throw new Error(c.reason);
    expect(repr(new Interpreter().run(c.fn, [toPy([3, 1, 2])]))).toBe("([2, 3, 7, 9], 3, 1)");
    expect(py("x.remove(5)", [1])).toBe("ValueError: list.remove(x): x not in list");
    expect(py("x.index('a')", [1])).toBe("ValueError: 'a' is not in list");
    expect(py("x.sort(reverse=True) or x", ["b", "A", "c"])).toBe("['c', 'b', 'A']");
  });
  it("set, dict and tuple", () => {
    expect(py("({1, 2}.union([3]), {1, 2}.intersection({2, 3}), {1, 2}.difference({2}), {1}.issubset({1, 2}), {1}.isdisjoint([2]))")).toBe(
      "({1, 2, 3}, {2}, {1}, True, True)",
    );
    expect(py("set().pop()")).toBe("KeyError: 'pop from an empty set'");
    expect(py("{1}.remove(2)")).toBe("KeyError: 2");
    expect(py("{}.popitem()")).toBe("KeyError: 'popitem(): dictionary is empty'");
    expect(py("(x.popitem(), x)", { a: 1, b: 2 })).toBe("(('b', 2), {'a': 1})");
    expect(py("((1, 2, 2).count(2), (1, 2).index(2))")).toBe("(2, 1)");
    expect(py("(1, 2).index(3)")).toBe("ValueError: tuple.index(x): x not in tuple");
  });
});

describe("def functions", () => {
  const run = (src: string, arg: Json) => {
    const c = compileStep(src);
    if (!c.ok) throw new Error(c.reason);
    return repr(new Interpreter().run(c.fn, [toPy(arg)]));
  };
  it("runs assignments, loops, branches and del", () => {
    const src = `def f(r):
    out = {}
    total = 0
    for k, v in r.items():
        if isinstance(v, int) and v > 1:
            total += v
        elif v is None:
            continue
        else:
            out[k] = v
    out["total"] = total
    out.setdefault("seen", []).append(len(r))
    del out["a"]
    a, b = 1, 2
    out["ab"] = [a, b]
    return out
`;
    expect(run(src, { a: 1, b: 5, c: null, d: "x", e: 3 })).toBe("{'d': 'x', 'total': 8, 'seen': [5], 'ab': [1, 2]}");
  });
  it("stops code that runs too long with a budget", () => {
    const c = compileStep("def f(r):\n    for i in range(1000000):\n        r['i'] = i\n    return r\n");
    if (!c.ok) throw new Error(c.reason);
    expect(() => new Interpreter().run(c.fn, [toPy({})])).toThrow(BudgetExceeded);
  });
  it("stops code that builds too much", () => {
    const run = (src: string) => {
      const c = compileStep(src);
      if (!c.ok) throw new Error(c.reason);
      return () => new Interpreter().run(c.fn, [toPy({})]);
    };
    expect(run("lambda x: 'ab' * 10 ** 7")).toThrow(SizeExceeded);
    expect(run("lambda x: len([('y' * 999999) + str(i) for i in range(100)])")).toThrow(SizeExceeded);
    expect(run("lambda x: len('-'.join(['y' * 999999] * 3))")).toThrow(SizeExceeded);
    expect(run("lambda x: len('y' * 999999)")()).toBe(999999);
  });
});

describe("what is outside the subset stays unsupported", () => {
  it.each([
    ["a module the subset does not have", "lambda x: re.sub('a', 'b', x)", /`re`|sub/],
    ["a module value", "lambda x: x['id'] in KEEP", /KEEP/],
    ["a nested def", "def f(x):\n    def g(y):\n        return y\n    return g(x)\n", /nested function/],
    ["a class", "def f(x):\n    class A: pass\n    return x\n", /class/],
    ["an attribute", "lambda x: x.real", /attribute/],
    ["an unknown method", "lambda x: x.casefold()", /casefold/],
    ["`*args`", "lambda x, *rest: x", /args/],
    ["a global statement", "def f(x):\n    global N\n    return x\n", /global/],
    [
      "an exception class it does not know",
      "def f(x):\n    try:\n        return x\n    except requests.HTTPError:\n        return None\n",
      /HTTPError/,
    ],
    ["raise … from", "def f(x):\n    raise ValueError('a') from None\n", /from/],
    ["a name", "lower_title", /lambda/],
  ])("%s", (_, src, reason) => {
    const c = compileStep(src);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.reason).toMatch(reason);
  });
});
