/**
 * The statements and calls decision 0044's amendment added to the step subset: `while`, `try`, `raise`, `assert`,
 * keyword arguments, module-level constants and helper functions. Each expectation is what CPython 3.11 gives for
 * the same code (run with `exec`, the function called on the same argument).
 */
import { describe, expect, it } from "vitest";
import { compileModule, compileStep } from "./python-step";
import { BudgetExceeded, Interpreter, PyError, repr, toPy } from "../shared/pystep";
import type { Json } from "../shared";

/** `f(arg)` where `f` is the last `def` of `src` (the ones before it, and any `NAME = value`, are its module). */
function call(src: string, arg: Json = null): string {
  const parts = src.split(/\n(?=\S)/).filter((p) => p.trim());
  const module = compileModule(parts.slice(0, -1));
  const c = compileStep(parts[parts.length - 1]!, module);
  if (!c.ok || !module.ok) throw new Error(c.ok ? (module as { reason: string }).reason : c.reason);
  const py = new Interpreter();
  try {
    return repr(py.run(c.fn, [toPy(arg)], py.load(module.globals)));
  } catch (e) {
    if (e instanceof PyError) return `${e.type}: ${e.message}`;
    throw e;
  }
}

describe("try, except, else, finally", () => {
  it("takes the first handler whose class matches, runs else without an exception and finally always", () => {
    const src = `def f(x):
    out = []
    for i in range(3):
        try:
            out.append(x[i])
        except IndexError as e:
            out.append(str(e))
        except (KeyError, TypeError):
            out.append('k')
        else:
            out.append('else')
        finally:
            out.append('fin')
    return out
`;
    expect(call(src, [1])).toBe("[1, 'else', 'fin', 'list index out of range', 'fin', 'list index out of range', 'fin']");
  });
  it("matches base classes (LookupError, ArithmeticError, Exception) and lets others through", () => {
    const src = (cls: string, body: string) =>
      `def f(x):\n    try:\n        return ${body}\n    except ${cls} as e:\n        return repr(e)\n`;
    expect(call(src("LookupError", "x['a']"), {})).toBe(`"KeyError('a')"`);
    expect(call(src("ArithmeticError", "1 // x"), 0)).toBe(`"ZeroDivisionError('integer division or modulo by zero')"`);
    expect(call(src("Exception", "x.lower()"), 1)).toBe(`'AttributeError("\\'int\\' object has no attribute \\'lower\\'")'`);
    expect(call(src("KeyError", "int('z')"))).toBe("ValueError: invalid literal for int() with base 10: 'z'");
  });
  it("runs finally on return and continue; a return in finally swallows the exception", () => {
    expect(call("def f(x):\n    try:\n        return 1\n    finally:\n        x.append(2)\n", [])).toBe("1");
    expect(
      call(
        "def f(x):\n    for i in range(3):\n        try:\n            continue\n        finally:\n            x.append(i)\n    return x\n",
        [],
      ),
    ).toBe("[0, 1, 2]");
    expect(call("def f(x):\n    try:\n        1/0\n    finally:\n        return 'swallowed'\n")).toBe("'swallowed'");
  });
  it("unbinds the exception's name after its block, as Python does", () => {
    expect(call("def f(x):\n    try:\n        x['a']\n    except Exception as e:\n        pass\n    return e\n", {})).toBe(
      "UnboundLocalError: cannot access local variable 'e' where it is not associated with a value",
    );
  });
  it("does not catch the playground's limits", () => {
    expect(() => call("def f(x):\n    try:\n        while True:\n            pass\n    except Exception:\n        return 1\n")).toThrow(
      BudgetExceeded,
    );
  });
});

describe("raise and assert", () => {
  it("raises exception classes and instances with Python's str and repr", () => {
    expect(call("def f(x):\n    try:\n        raise ValueError\n    except ValueError as e:\n        return (repr(e), str(e))\n")).toBe(
      "('ValueError()', '')",
    );
    expect(call("def f(x):\n    raise ValueError('bad', x)\n", 2)).toBe("ValueError: ('bad', 2)");
    expect(
      call(
        "def f(x):\n    return (isinstance(KeyError('a'), LookupError), repr(KeyError('a', 1)), " +
          "str(KeyError('a', 1)), repr(ValueError('q')))\n",
      ),
    ).toBe(`(True, "KeyError('a', 1)", "('a', 1)", "ValueError('q')")`);
    expect(call("def f(x):\n    raise 5\n")).toBe("TypeError: exceptions must derive from BaseException");
  });
  it("re-raises the exception being handled, not one handled inside it", () => {
    const src = `def f(x):
    try:
        raise KeyError("k")
    except KeyError:
        try:
            1 / 0
        except ZeroDivisionError:
            pass
        raise
`;
    expect(call(src)).toBe("KeyError: 'k'");
    expect(call("def f(x):\n    raise\n")).toBe("RuntimeError: No active exception to reraise");
  });
  it("fails an assert with its message", () => {
    expect(call("def f(x):\n    assert x, 'empty'\n", [])).toBe("AssertionError: empty");
    expect(call("def f(x):\n    assert x\n    return 1\n", [1])).toBe("1");
    expect(call("def f(x):\n    assert x\n", 0)).toBe("AssertionError: ");
  });
});

describe("while and loop else", () => {
  it("runs else only when the loop ends without break", () => {
    const src = `def f(x):
    n = 0
    while n < 5:
        n += 1
        if n == 3:
            break
    else:
        return 'else'
    for i in []:
        pass
    else:
        return ('for-else', n)
`;
    expect(call(src)).toBe("('for-else', 3)");
  });
  it("stops a loop that does not end at the budget", () => {
    expect(() => call("def f(x):\n    while True:\n        x = x + 1\n", 0)).toThrow(BudgetExceeded);
  });
});

describe("module constants and helpers, called with keywords", () => {
  it("reads constants built from constants, and calls helpers (recursive ones too)", () => {
    const src = `BASE = 10
SCALE = (BASE, BASE * 2)
EXCLUDED = {"a", "b"}
norm = lambda s: s.strip().lower()
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def f(x):
    return (x not in EXCLUDED, SCALE[1], fact(5), norm(" X "))
`;
    expect(call(src, "c")).toBe("(True, 20, 120, 'x')");
  });
  it("binds keywords and defaults with Python's errors", () => {
    const g = "def g(a, b=1):\n    return (a, b)\n";
    expect(call(`${g}def f(x):\n    return g(b=5, a=x)\n`, [1])).toBe("([1], 5)");
    expect(call(`${g}def f(x):\n    return g(1, 2, 3)\n`)).toBe("TypeError: g() takes from 1 to 2 positional arguments but 3 were given");
    expect(call(`${g}def f(x):\n    return g(1, a=2)\n`)).toBe("TypeError: g() got multiple values for argument 'a'");
    expect(call(`${g}def f(x):\n    return g(1, z=2)\n`)).toBe("TypeError: g() got an unexpected keyword argument 'z'");
    expect(call("def g(a, b, c):\n    return a\ndef f(x):\n    return g()\n")).toBe(
      "TypeError: g() missing 3 required positional arguments: 'a', 'b', and 'c'",
    );
  });
  it("raises UnboundLocalError for a module name the function also assigns", () => {
    expect(call("LIMIT = 3\ndef f(x):\n    if x > LIMIT:\n        LIMIT = 5\n    return x\n", 4)).toBe(
      "UnboundLocalError: cannot access local variable 'LIMIT' where it is not associated with a value",
    );
  });
  it("stops recursion that does not end at the playground's depth", () => {
    expect(() => call("def g(n):\n    return g(n + 1)\ndef f(x):\n    return g(0)\n")).toThrow(/calls inside one another/);
  });
  it("says which module statement is outside the subset", () => {
    const m = compileModule(["import os", "X = 1"]);
    expect(m.ok ? "" : m.reason).toMatch(/`import os`/);
    const r = compileModule(["PAT = os.getcwd()"]);
    expect(r.ok ? "" : r.reason).toMatch(/it reads `PAT = os.getcwd\(\)` of the file, where it calls `.getcwd\(\)`/);
  });
});
