/**
 * Runs a compiled step function (./ast.ts) on Python values, as CPython would for the subset: every
 * expression and statement counts against a budget, so no user code can hang a run.
 */
import type { Expr, Func, Generator, Item, Stmt, Target } from "./ast";
import { BUILTINS, type Caller } from "./builtins";
import { callMethod } from "./methods";
import { binary, Meter, negate } from "./ops";
import { formatValue } from "./format";
import {
  compare,
  equals,
  hashKey,
  iterate,
  PyDict,
  PyError,
  PyFloat,
  PyFunc,
  PySet,
  PyTuple,
  repr,
  str,
  truthy,
  typeError,
  typeName,
  type PyVal,
} from "./values";

/** Operations one call of a step may take (a record's worth of work is far less). */
export const STEP_BUDGET = 200_000;

export class BudgetExceeded extends Error {}

class Scope {
  readonly vars = new Map<string, PyVal>();
  constructor(readonly parent: Scope | null) {}
  lookup(id: string): PyVal | undefined {
    if (this.vars.has(id)) return this.vars.get(id);
    return this.parent?.lookup(id);
  }
}

type Flow = { readonly k: "return"; readonly value: PyVal } | { readonly k: "break" | "continue" } | null;

export class Interpreter {
  private ops = 0;
  private meter = new Meter();
  constructor(private readonly budget = STEP_BUDGET) {}

  /** Calls `fn` (a compiled function) with `args`; the budget counts from zero for each call. */
  run(fn: Func, args: PyVal[]): PyVal {
    this.ops = 0;
    this.meter = new Meter();
    return this.call(new PyFunc(fn, fn.name, null), args);
  }

  /** Text or a list a method or an f-string made, charged to the call's meter. */
  private built(v: PyVal): PyVal {
    if (typeof v === "string" || Array.isArray(v)) this.meter.charge(v.length);
    return v;
  }

  private tick(): void {
    if (++this.ops > this.budget) throw new BudgetExceeded(`more than ${this.budget} operations`);
  }

  readonly call: Caller = (f, args) => {
    if (!(f instanceof PyFunc)) throw typeError(`'${typeName(f)}' object is not callable`);
    if (f.builtin) return f.builtin(args);
    const fn = f.fn!;
    const required = fn.params.length - fn.defaults.length;
    if (args.length > fn.params.length)
      throw typeError(
        `${fn.name}() takes ${fn.params.length} positional argument${fn.params.length === 1 ? "" : "s"} but ${args.length} were given`,
      );
    if (args.length < required) {
      const missing = fn.params.slice(args.length, required).map((p) => `'${p}'`);
      throw typeError(
        `${fn.name}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${missing.join(" and ")}`,
      );
    }
    const scope = new Scope(f.closure ? closureScope(f.closure) : null);
    fn.params.forEach((p, i) => scope.vars.set(p, i < args.length ? args[i]! : this.expr(fn.defaults[i - required]!, scope)));
    const flow = this.block(fn.body, scope);
    return flow?.k === "return" ? flow.value : null;
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
            : this.subscript(this.expr(s.target.value, scope), this.expr(s.target.index, scope));
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
          if (flow?.k === "break") break;
          if (flow?.k === "return") return flow;
        }
        return null;
      case "return":
        return { k: "return", value: s.value ? this.expr(s.value, scope) : null };
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
        if (!obj.map.delete(hashKey(key))) throw new PyError("KeyError", repr(key));
      } else if (Array.isArray(obj)) obj.splice(listIndex(obj, key, "list assignment index out of range"), 1);
      else throw typeError(`'${typeName(obj)}' object doesn't support item deletion`);
    }
  }

  private subscript(obj: PyVal, key: PyVal): PyVal {
    if (obj instanceof PyDict) {
      const v = obj.get(key);
      if (v === undefined) throw new PyError("KeyError", repr(key));
      return v;
    }
    if (Array.isArray(obj)) return obj[listIndex(obj, key, "list index out of range")]!;
    if (obj instanceof PyTuple) return obj.items[listIndex(obj.items, key, "tuple index out of range", "tuple")]!;
    if (typeof obj === "string") {
      if (typeof key !== "number" && typeof key !== "boolean") throw typeError(`string indices must be integers, not '${typeName(key)}'`);
      const chars = [...obj];
      return chars[listIndex(chars, key, "string index out of range")]!;
    }
    throw typeError(`'${typeName(obj)}' object is not subscriptable`);
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
        return e.float ? new PyFloat(e.value as number) : e.value;
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
        return this.subscript(this.expr(e.value, scope), this.expr(e.index, scope));
      case "slice":
        return slice(
          this.expr(e.value, scope),
          ...([e.lower, e.upper, e.step].map((x) => (x ? this.expr(x, scope) : null)) as [PyVal, PyVal, PyVal]),
        );
      case "method":
        return this.built(
          callMethod(
            this.expr(e.value, scope),
            e.name,
            e.args.map((a) => this.expr(a, scope)),
          ),
        );
      case "call": {
        const args = this.items(e.args, scope);
        const local = scope.lookup(e.fn);
        if (local !== undefined) return this.call(local, args);
        const kw = new Map(e.kwargs.map((k) => [k.name, this.expr(k.value, scope)] as const));
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
        return new PyFunc(e.fn, e.fn.name, flatten(scope));
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
        return this.built(
          e.parts
            .map((p) => {
              if (typeof p === "string") return p;
              const v = this.expr(p.value, scope);
              return formatValue(p.conversion === "r" ? repr(v) : p.conversion === "s" ? str(v) : v, p.spec);
            })
            .join(""),
        );
    }
  }
}

const builtin = (id: string) => new PyFunc(null, id, null, (args) => BUILTINS[id]!(args, new Map(), () => null));

/** A lambda's closure: the names visible where it was made (Python closes over the variables; steps rarely rebind them). */
function flatten(scope: Scope): Map<string, PyVal> {
  const chain: Scope[] = [];
  for (let s: Scope | null = scope; s; s = s.parent) chain.unshift(s);
  const vars = new Map<string, PyVal>();
  for (const s of chain) for (const [k, v] of s.vars) vars.set(k, v);
  return vars;
}

function closureScope(vars: Map<string, PyVal>): Scope {
  const s = new Scope(null);
  for (const [k, v] of vars) s.vars.set(k, v);
  return s;
}

function comparison(op: string, a: PyVal, b: PyVal): boolean {
  switch (op) {
    case "==":
      return equals(a, b);
    case "!=":
      return !equals(a, b);
    case "is":
      return a === b || (a === null && b === null);
    case "is not":
      return !(a === b || (a === null && b === null));
    case "in":
      return contains(b, a);
    case "not in":
      return !contains(b, a);
    default:
      return compare(a, b, op as "<");
  }
}

function contains(container: PyVal, item: PyVal): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PySet) return container.map.has(hashKey(item));
  if (Array.isArray(container) || container instanceof PyTuple) return iterate(container).some((x) => equals(x, item));
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

function listIndex(list: readonly unknown[], key: PyVal, message: string, kind = "list"): number {
  if (typeof key !== "number" && typeof key !== "boolean")
    throw typeError(`${kind} indices must be integers or slices, not ${typeName(key)}`);
  const i = Number(key) < 0 ? list.length + Number(key) : Number(key);
  if (i < 0 || i >= list.length) throw new PyError("IndexError", message);
  return i;
}

function slice(v: PyVal, lower: PyVal, upper: PyVal, step: PyVal): PyVal {
  const seq = typeof v === "string" ? [...v] : Array.isArray(v) ? v : v instanceof PyTuple ? v.items : null;
  if (!seq) throw typeError(`'${typeName(v)}' object is not subscriptable`);
  const n = seq.length;
  const st = step === null ? 1 : Number(step);
  if (st === 0) throw new PyError("ValueError", "slice step cannot be zero");
  const bound = (x: PyVal, dflt: number) => {
    if (x === null) return dflt;
    if (typeof x !== "number" && typeof x !== "boolean")
      throw typeError("slice indices must be integers or None or have an __index__ method");
    const i = Number(x) < 0 ? n + Number(x) : Number(x);
    return st > 0 ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
  };
  const out: PyVal[] = [];
  const [from, to] = [bound(lower, st > 0 ? 0 : n - 1), bound(upper, st > 0 ? n : -1)];
  for (let i = from; st > 0 ? i < to : i > to; i += st) out.push(seq[i]!);
  return typeof v === "string" ? out.join("") : v instanceof PyTuple ? new PyTuple(out) : out;
}
