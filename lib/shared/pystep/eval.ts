/**
 * Long because it is one switch per node kind of ./ast.ts, each case a few lines; split, the cases would call back and forth.
 * Runs a compiled step function (./ast.ts) on Python values, as CPython would for the subset: every
 * expression and statement counts against a budget, so no user code can hang a run.
 */
import type { Expr, FormatPart, Func, Generator, Global, Item, Keyword, StepModuleName, Stmt, Target } from "./ast";
import { getattr } from "./attrs";
import { dateModule } from "./dates-module";
import { pendulumModules } from "./pendulum";
import { copyModule, jsonModule } from "./stdlib";
import { base64Module, hashlibModule } from "./hashing";
import { reModule } from "./regex";
import { zoneinfoModule } from "./zones";
import { PyBytes } from "./bytes";
import { BUILTINS, type Caller } from "./builtins";
import { callMethod } from "./methods";
import { binary, BudgetExceeded, Meter, negate } from "./ops";
import { formatValue } from "./format";
import { convert } from "./strformat";
import { comparison, listIndex, slice, subscript } from "./seq";
import { bind, lambda, localsOf, NO_KW, Scope, type Module } from "./scope";
import {
  hashKey,
  int,
  isSubclass,
  iterate,
  keyError,
  PyDict,
  PyError,
  PyFloat,
  PyFunc,
  PyObject,
  PySet,
  PyTuple,
  str,
  truthy,
  typeError,
  typeName,
  type PyVal,
} from "./values";

/** Operations one call of a step may take (a record's worth of work is far less). */
export const STEP_BUDGET = 200_000;
/** Calls of the step's functions inside one another (Python's limit is about 1,000, JavaScript's stack less). */
export const MAX_DEPTH = 200;

export { BudgetExceeded };

type Flow = { readonly k: "return"; readonly value: PyVal } | { readonly k: "break" | "continue" } | null;

export class Interpreter {
  private ops = 0;
  private depth = 0;
  private meter = new Meter();
  /** The exceptions being handled (`except` blocks inside one another): a bare `raise` re-raises the last. */
  private readonly handling: PyError[] = [];
  /** What each generator function being run has yielded (the innermost last). */
  private readonly yielded: PyVal[][] = [];
  /** The modules a step may import (`datetime`, `pendulum`, `time` reading the run's clock; `copy`, `json`). */
  private readonly modules: Readonly<Record<StepModuleName, PyVal>>;
  /** `now`: the run's clock (epoch milliseconds), what `datetime.now()` reads. */
  constructor(
    private readonly budget = STEP_BUDGET,
    now: () => number = Date.now,
  ) {
    const nowUs = () => BigInt(Math.round(now())) * 1000n;
    this.modules = {
      datetime: dateModule(now)[""]!,
      ...pendulumModules(nowUs),
      copy: copyModule(),
      json: jsonModule(this.call),
      hashlib: hashlibModule(),
      base64: base64Module(),
      re: reModule(this.call),
      zoneinfo: zoneinfoModule(),
    };
  }

  private reset(): void {
    this.ops = 0;
    this.depth = 0;
    this.meter = new Meter();
    this.handling.length = 0;
    this.yielded.length = 0;
  }

  /**
   * Binds a module's constants and functions in file order, as Python runs the module (one budget for all). `into`: the
   * module other steps of the run already bound (Python binds a module once for the process): a name bound there stays.
   */
  load(globals: readonly Global[], into: Module = new Map()): Module {
    this.reset();
    const vars = into;
    const scope = new Scope(null, vars, null, true);
    for (const g of globals) {
      if (vars.has(g.k === "def" ? g.fn.name : g.name)) continue;
      if (g.k === "def") vars.set(g.fn.name, new PyFunc(g.fn, g.fn.name, null, null, vars));
      else if (g.k === "import") {
        const module = this.modules[g.module ?? "datetime"];
        vars.set(g.name, g.what ? getattr(module, g.what) : module);
      } else vars.set(g.name, this.expr(g.value, scope));
    }
    return vars;
  }

  /** The value of an expression (an incremental's `initial_value`) in `module`, with the budget of a step's call. */
  evaluate(e: Expr, module: Module): PyVal {
    this.reset();
    return this.expr(e, new Scope(null, module, null, true));
  }

  /** Calls `fn` (a compiled function of `module`) with `args`; the budget counts from zero for each call. */
  run(fn: Func, args: PyVal[], module: Module | null = null): PyVal {
    this.reset();
    return this.call(new PyFunc(fn, fn.name, null, null, module), args);
  }

  /** Text or a list a method or an f-string made, charged to the call's meter. */
  private built(v: PyVal): PyVal {
    if (typeof v === "string" || Array.isArray(v)) this.meter.charge(v.length);
    return v;
  }

  private tick(): void {
    if (++this.ops > this.budget) throw new BudgetExceeded(`more than ${this.budget} operations`);
  }

  readonly call: Caller = (f, args, kw = NO_KW) => {
    const made = f instanceof PyObject ? f.call(args, kw) : undefined;
    if (made !== undefined) return made;
    if (!(f instanceof PyFunc)) throw typeError(`'${typeName(f)}' object is not callable`);
    if (f.builtin) return f.builtin(args, kw);
    const fn = f.fn!;
    const globals = f.globals ? new Scope(null, f.globals, null, true) : null;
    const scope = new Scope(f.closure ? new Scope(globals, new Map(f.closure)) : globals, new Map(), localsOf(fn));
    bind(fn, args, kw, scope.vars);
    const required = fn.params.length - fn.defaults.length;
    fn.params.forEach((p, i) => {
      if (!scope.vars.has(p)) scope.vars.set(p, this.expr(fn.defaults[i - required]!, scope));
    });
    if (++this.depth > MAX_DEPTH) throw new BudgetExceeded(`more than ${MAX_DEPTH} calls inside one another`);
    if (fn.generator) this.yielded.push([]);
    try {
      const flow = this.block(fn.body, scope);
      return fn.generator ? this.yielded[this.yielded.length - 1]! : flow?.k === "return" ? flow.value : null;
    } finally {
      this.depth--;
      if (fn.generator) this.yielded.pop();
    }
  };

  private block(body: readonly Stmt[], scope: Scope): Flow {
    for (const s of body) {
      const flow = this.stmt(s, scope);
      if (flow) return flow;
    }
    return null;
  }

  private stmt(s: Stmt, scope: Scope): Flow {
    this.tick();
    switch (s.k) {
      case "assign": {
        const v = this.expr(s.value, scope);
        for (const t of s.targets) this.assign(t, v, scope);
        return null;
      }
      case "aug": {
        const current =
          s.target.k === "name"
            ? this.name(s.target.id, scope)
            : subscript(this.expr(s.target.value, scope), this.expr(s.target.index, scope));
        const v = binary(s.op, current, this.expr(s.value, scope), this.meter);
        // `l += [x]` extends the list in place, as Python's `+=` does.
        if (Array.isArray(current) && Array.isArray(v) && s.op === "+") current.splice(0, current.length, ...v);
        this.assign(s.target, Array.isArray(current) && s.op === "+" ? current : v, scope);
        return null;
      }
      case "if":
        return this.block(truthy(this.expr(s.test, scope)) ? s.body : s.orelse, scope);
      case "for":
        for (const item of iterate(this.expr(s.iter, scope))) {
          this.tick();
          this.assign(s.target, item, scope);
          const flow = this.block(s.body, scope);
          if (flow?.k === "break") return null;
          if (flow?.k === "return") return flow;
        }
        return this.block(s.orelse, scope);
      case "while":
        while (truthy(this.expr(s.test, scope))) {
          const flow = this.block(s.body, scope);
          if (flow?.k === "break") return null;
          if (flow?.k === "return") return flow;
        }
        return this.block(s.orelse, scope);
      case "try":
        return this.tryStmt(s, scope);
      case "raise": {
        if (s.value === null) {
          const active = this.handling[this.handling.length - 1];
          throw active ?? new PyError("RuntimeError", "No active exception to reraise");
        }
        const v = this.expr(s.value, scope);
        const e = v instanceof PyFunc && v.builtin && isSubclass(v.name, "BaseException") ? this.call(v, []) : v;
        if (e instanceof PyError) throw e;
        throw typeError("exceptions must derive from BaseException");
      }
      case "assert": {
        if (truthy(this.expr(s.test, scope))) return null;
        const msg = s.msg ? this.expr(s.msg, scope) : null;
        throw new PyError("AssertionError", s.msg ? str(msg) : "", s.msg ? [msg] : []);
      }
      case "return":
        return { k: "return", value: s.value ? this.expr(s.value, scope) : null };
      case "yield": {
        const out = this.yielded[this.yielded.length - 1]!;
        const v = s.value ? this.expr(s.value, scope) : null;
        const items = s.from ? iterate(v) : [v];
        this.meter.charge(items.length);
        for (const x of items) out.push(x);
        return null;
      }
      case "del":
        for (const t of s.targets) this.delete(t, scope);
        return null;
      case "expr":
        this.expr(s.value, scope);
        return null;
      case "pass":
        return null;
      case "break":
      case "continue":
        return { k: s.k };
    }
  }

  /** `try`: the first handler whose class matches takes the exception; `finally` runs on every way out (not past a limit). */
  private tryStmt(s: Extract<Stmt, { k: "try" }>, scope: Scope): Flow {
    let flow: Flow = null;
    let pending: PyError | null = null;
    try {
      flow = this.handled(s, scope);
    } catch (e) {
      if (!(e instanceof PyError) || s.finalbody.length === 0) throw e;
      pending = e;
    }
    const last = this.block(s.finalbody, scope);
    if (last) return last;
    if (pending) throw pending;
    return flow;
  }

  private handled(s: Extract<Stmt, { k: "try" }>, scope: Scope): Flow {
    let flow: Flow;
    try {
      flow = this.block(s.body, scope);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      const h = s.handlers.find((x) => x.types.length === 0 || x.types.some((t) => isSubclass(e.type, t)));
      if (!h) throw e;
      if (h.name) scope.vars.set(h.name, e);
      this.handling.push(e);
      try {
        return this.block(h.body, scope);
      } finally {
        this.handling.pop();
        // Python unbinds `e` when its `except` block ends.
        if (h.name) scope.vars.delete(h.name);
      }
    }
    return flow ?? this.block(s.orelse, scope);
  }

  private name(id: string, scope: Scope): PyVal {
    const v = scope.lookup(id);
    if (v !== undefined) return v;
    if (Object.hasOwn(BUILTINS, id)) return builtin(id);
    throw new PyError("NameError", `name '${id}' is not defined`);
  }

  private assign(t: Target, v: PyVal, scope: Scope): void {
    if (t.k === "name") scope.vars.set(t.id, v);
    else if (t.k === "unpack") {
      const items = iterate(v);
      if (items.length < t.targets.length)
        throw new PyError("ValueError", `not enough values to unpack (expected ${t.targets.length}, got ${items.length})`);
      if (items.length > t.targets.length) throw new PyError("ValueError", `too many values to unpack (expected ${t.targets.length})`);
      t.targets.forEach((x, i) => this.assign(x, items[i]!, scope));
    } else {
      const obj = this.expr(t.value, scope);
      const key = this.expr(t.index, scope);
      if (obj instanceof PyDict) obj.set(key, v);
      else if (Array.isArray(obj)) obj[listIndex(obj, key, "list assignment index out of range")] = v;
      else throw typeError(`'${typeName(obj)}' object does not support item assignment`);
    }
  }

  private delete(t: Target, scope: Scope): void {
    if (t.k === "name") {
      if (!scope.vars.delete(t.id)) throw new PyError("NameError", `name '${t.id}' is not defined`);
    } else if (t.k === "unpack") for (const x of t.targets) this.delete(x, scope);
    else {
      const obj = this.expr(t.value, scope);
      const key = this.expr(t.index, scope);
      if (obj instanceof PyDict) {
        if (!obj.map.delete(hashKey(key))) throw keyError(key);
      } else if (Array.isArray(obj)) obj.splice(listIndex(obj, key, "list assignment index out of range"), 1);
      else throw typeError(`'${typeName(obj)}' object doesn't support item deletion`);
    }
  }

  private items(items: readonly Item[], scope: Scope): PyVal[] {
    const out: PyVal[] = [];
    for (const it of items) {
      if (it.k === "star") out.push(...iterate(this.expr(it.value, scope)));
      else out.push(this.expr(it, scope));
    }
    return out;
  }

  /** The values a comprehension's generators give, each in its own scope (Python 3's comprehension scope). */
  private comprehend(gens: readonly Generator[], scope: Scope, each: (s: Scope) => void): void {
    const inner = new Scope(scope);
    const loop = (i: number) => {
      const g = gens[i];
      if (!g) return each(inner);
      for (const item of iterate(this.expr(g.iter, i === 0 ? scope : inner))) {
        this.tick();
        this.assign(g.target, item, inner);
        if (g.ifs.every((c) => truthy(this.expr(c, inner)))) loop(i + 1);
      }
    };
    loop(0);
  }

  expr(e: Expr, scope: Scope): PyVal {
    this.tick();
    switch (e.k) {
      case "const":
        if (e.bytes) return new PyBytes(Uint8Array.from(e.value as string, (c) => c.charCodeAt(0)));
        return e.float ? new PyFloat(e.value as number) : e.big ? int(BigInt(e.value as string)) : e.value;
      case "name":
        return this.name(e.id, scope);
      case "list":
        return this.items(e.items, scope);
      case "tuple":
        return new PyTuple(this.items(e.items, scope));
      case "set":
        return new PySet(this.items(e.items, scope));
      case "dict": {
        const d = new PyDict();
        for (const it of e.items) {
          if (it.k === "pair") d.set(this.expr(it.key, scope), this.expr(it.value, scope));
          else {
            const from = this.expr(it.value, scope);
            if (!(from instanceof PyDict)) throw typeError(`'${typeName(from)}' object is not a mapping`);
            for (const [k, v] of from.map.values()) d.set(k, v);
          }
        }
        return d;
      }
      case "sub":
        return subscript(this.expr(e.value, scope), this.expr(e.index, scope));
      case "slice":
        return slice(
          this.expr(e.value, scope),
          ...([e.lower, e.upper, e.step].map((x) => (x ? this.expr(x, scope) : null)) as [PyVal, PyVal, PyVal]),
        );
      case "method": {
        const self = this.expr(e.value, scope);
        const args = this.items(e.args, scope);
        const kw = e.kwargs?.length ? this.keywords(e.kwargs, scope, `${typeName(self)}.${e.name}()`) : NO_KW;
        return this.built(callMethod(self, e.name, args, kw, this.call));
      }
      case "attr":
        return getattr(this.expr(e.value, scope), e.name);
      case "call": {
        const local = scope.lookup(e.fn);
        const args = this.items(e.args, scope);
        const kw = e.kwargs.length ? this.keywords(e.kwargs, scope, `${e.fn}()`) : NO_KW;
        if (local !== undefined) return this.call(local, args, kw);
        return BUILTINS[e.fn]!(args, kw, this.call);
      }
      case "bin":
        return binary(e.op, this.expr(e.left, scope), this.expr(e.right, scope), this.meter);
      case "neg":
        return negate(this.expr(e.value, scope), -1);
      case "pos":
        return negate(this.expr(e.value, scope), 1);
      case "not":
        return !truthy(this.expr(e.value, scope));
      case "and": {
        const l = this.expr(e.left, scope);
        return truthy(l) ? this.expr(e.right, scope) : l;
      }
      case "or": {
        const l = this.expr(e.left, scope);
        return truthy(l) ? l : this.expr(e.right, scope);
      }
      case "cmp": {
        let left = this.expr(e.first, scope);
        for (const { op, value } of e.rest) {
          const right = this.expr(value, scope);
          if (!comparison(op, left, right)) return false;
          left = right;
        }
        return true;
      }
      case "if":
        return truthy(this.expr(e.test, scope)) ? this.expr(e.then, scope) : this.expr(e.orelse, scope);
      case "lambda":
        return lambda(e.fn, scope);
      case "comp": {
        const out: PyVal[] = [];
        this.comprehend(e.gens, scope, (s) => out.push(this.expr(e.elt, s)));
        return e.kind === "set" ? new PySet(out) : out;
      }
      case "dictcomp": {
        const d = new PyDict();
        this.comprehend(e.gens, scope, (s) => d.set(this.expr(e.key, s), this.expr(e.value, s)));
        return d;
      }
      case "fstr":
        return this.built(this.fstr(e.parts, scope));
    }
  }

  private fstr(parts: readonly (string | FormatPart)[], scope: Scope): string {
    let out = "";
    for (const p of parts) {
      if (typeof p === "string") out += p;
      else {
        const v = convert(this.expr(p.value, scope), p.conversion);
        out += formatValue(v, p.specParts ? this.fstr(p.specParts, scope) : p.spec, ownFormat);
      }
    }
    return out;
  }

  /** Keyword arguments, `**mapping` spread in (its keys must be text, each given once). */
  private keywords(list: readonly Keyword[], scope: Scope, fn: string): Map<string, PyVal> {
    const out = new Map<string, PyVal>();
    const put = (k: string, v: PyVal) => {
      if (out.has(k)) throw typeError(`${fn} got multiple values for keyword argument '${k}'`);
      out.set(k, v);
    };
    for (const k of list) {
      const v = this.expr(k.value, scope);
      if (k.name !== null) put(k.name, v);
      else if (!(v instanceof PyDict)) throw typeError(`${fn} argument after ** must be a mapping, not ${typeName(v)}`);
      else
        for (const [key, x] of v.map.values()) {
          if (typeof key !== "string") throw typeError("keywords must be strings");
          put(key, x);
        }
    }
    return out;
  }
}

/** A date's own `__format__` (`f"{d:%Y-%m-%d}"`). */
export const ownFormat = (v: PyVal, spec: string): string | null => (v instanceof PyObject ? v.format(spec) : null);

const builtin = (id: string) => new PyFunc(null, id, null, (args) => BUILTINS[id]!(args, new Map(), () => null));
