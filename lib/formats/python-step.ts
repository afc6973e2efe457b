/**
 * Compiles a processing step's Python (a lambda, or a plain module-level `def` the reader found) into the safe
 * subset lib/shared/pystep runs, or says why it is outside it (an import, a name the file does not define here,
 * a class, a `while` loop, …): such a step keeps being validated and skipped. Names are resolved statically:
 * parameters, names the function assigns, comprehension and loop variables, and the builtins the subset has.
 */
import type { SyntaxNode } from "@lezer/common";
import { parser } from "@lezer/python";
import { bound, fstring, no, parts, Unsupported } from "./python-step-parts";
import { decodePythonString } from "./python-strings";
import {
  BUILTINS,
  METHOD_NAMES,
  type BinOp,
  type CmpOp,
  type DictItem,
  type Expr,
  type Func,
  type Generator,
  type Item,
  type Stmt,
  type Target,
} from "../shared/pystep";

export type CompiledStep = { readonly ok: true; readonly fn: Func } | { readonly ok: false; readonly reason: string };

const KEYWORD_ARGS = new Set(["key", "reverse", "default"]);

/** Compiles `text`: a lambda expression, or the source of one `def`. */
export function compileStep(text: string): CompiledStep {
  const tree = parser.parse(text);
  let error = false;
  tree.iterate({ enter: (n) => void (n.type.isError && (error = true)) });
  if (error) return { ok: false, reason: "it does not parse on its own" };
  const stmts = parts(tree.topNode);
  if (stmts.length !== 1) return { ok: false, reason: "it is not one function" };
  const top = stmts[0]!;
  try {
    const c = new Compiler(text);
    const lambda = top.name === "ExpressionStatement" && top.firstChild?.name === "LambdaExpression" ? top.firstChild : null;
    const fn = top.name === "FunctionDefinition" ? c.def(top) : lambda ? c.lambda(lambda, "<lambda>", new Set()) : null;
    if (!fn) return { ok: false, reason: "it is not a lambda or a function defined in this file" };
    // dlt passes the record alone to a one-parameter function, and `meta` too to any other (items_transform.py).
    if (fn.params.length !== 1) return { ok: false, reason: "it takes other than one parameter (dlt then passes `meta` too)" };
    return { ok: true, fn };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    throw e;
  }
}

class Compiler {
  constructor(private readonly text: string) {}

  private src = (n: SyntaxNode) => this.text.slice(n.from, n.to);

  private params(list: SyntaxNode | null, names: Set<string>, scope: Set<string>): { params: string[]; defaults: Expr[] } {
    const params: string[] = [];
    const defaults: Expr[] = [];
    for (let c = list?.firstChild ?? null; c; c = c.nextSibling) {
      if (c.name === "*" || c.name === "**" || c.name === "/") no("it takes `*args`, `**kwargs` or marks its parameters");
      if (c.name === "VariableName") {
        params.push(this.src(c));
        names.add(this.src(c));
      } else if (c.name === "AssignOp" && c.nextSibling) defaults.push(this.expr(c.nextSibling, scope));
      else if (c.name === "TypeDef") continue;
    }
    return { params, defaults };
  }

  def(n: SyntaxNode): Func {
    const name = this.src(n.getChild("VariableName") ?? n);
    const names = new Set<string>();
    const { params, defaults } = this.params(n.getChild("ParamList"), names, new Set());
    const body = n.getChild("Body") ?? no("it has no body");
    bound(body, this.text, names);
    return { name, params, defaults, body: this.block(body, names) };
  }

  lambda(n: SyntaxNode, name: string, outer: ReadonlySet<string>): Func {
    const names = new Set(outer);
    const { params, defaults } = this.params(n.getChild("ParamList"), names, new Set(outer));
    const body = parts(n).filter((c) => c.name !== "lambda" && c.name !== "ParamList");
    if (body.length !== 1) no("its lambda has no single body");
    return { name, params, defaults, body: [{ k: "return", value: this.expr(body[0]!, names) }] };
  }

  private block(body: SyntaxNode, scope: Set<string>): Stmt[] {
    const out: Stmt[] = [];
    for (const s of parts(body)) {
      if (s.name === "StatementGroup") out.push(...this.block(s, scope));
      else if (s.name === "ExpressionStatement" && /^(String|ContinuedString)$/.test(s.firstChild?.name ?? "")) continue;
      else out.push(this.stmt(s, scope));
    }
    return out;
  }

  private stmt(n: SyntaxNode, scope: Set<string>): Stmt {
    const kids = parts(n);
    switch (n.name) {
      case "ExpressionStatement":
        return { k: "expr", value: this.expr(kids[0]!, scope) };
      case "PassStatement":
        return { k: "pass" };
      case "BreakStatement":
        return { k: "break" };
      case "ContinueStatement":
        return { k: "continue" };
      case "ReturnStatement": {
        const values = kids.filter((c) => c.name !== "return");
        if (values.length === 0) return { k: "return", value: null };
        return {
          k: "return",
          value: values.length === 1 ? this.expr(values[0]!, scope) : { k: "tuple", items: values.map((v) => this.expr(v, scope)) },
        };
      }
      case "DeleteStatement":
        return { k: "del", targets: kids.filter((c) => c.name !== "del").map((t) => this.target(t, scope)) };
      case "AssignStatement": {
        if (n.getChild("TypeDef")) no("it annotates a variable");
        const groups: SyntaxNode[][] = [[]];
        for (const c of kids) {
          if (c.name === "AssignOp") groups.push([]);
          else groups[groups.length - 1]!.push(c);
        }
        const value = groups.pop()!;
        const targets = groups.map((g) =>
          g.length === 1 ? this.target(g[0]!, scope) : { k: "unpack" as const, targets: g.map((t) => this.target(t, scope)) },
        );
        return {
          k: "assign",
          targets,
          value: value.length === 1 ? this.expr(value[0]!, scope) : { k: "tuple", items: value.map((v) => this.expr(v, scope)) },
        };
      }
      case "UpdateStatement": {
        const op = this.src(n.getChild("UpdateOp")!).slice(0, -1);
        if (!["+", "-", "*", "/", "//", "%", "**"].includes(op)) no(`it uses \`${op}=\``);
        const target = this.target(kids[0]!, scope);
        if (target.k === "unpack") no("it updates several targets at once");
        return {
          k: "aug",
          target: target as Exclude<Target, { k: "unpack" }>,
          op: op as BinOp,
          value: this.expr(kids[kids.length - 1]!, scope),
        };
      }
      case "IfStatement":
        return this.ifChain(kids, scope);
      case "ForStatement": {
        const inAt = kids.findIndex((c) => c.name === "in");
        const targets = kids.slice(1, inAt);
        if (kids.some((c) => c.name === "else")) no("its `for` has an `else`");
        const target =
          targets.length === 1
            ? this.target(targets[0]!, scope)
            : { k: "unpack" as const, targets: targets.map((t) => this.target(t, scope)) };
        return { k: "for", target, iter: this.expr(kids[inAt + 1]!, scope), body: this.block(n.getChild("Body")!, scope) };
      }
      default:
        return no(`it uses a \`${this.src(n).split(/\s/)[0]}\` statement`);
    }
  }

  private ifChain(kids: SyntaxNode[], scope: Set<string>): Stmt {
    // if test Body (elif test Body)* (else Body)?
    const [kw, test, body, ...rest] = kids;
    void kw;
    const orelse: Stmt[] = rest.length === 0 ? [] : rest[0]!.name === "else" ? this.block(rest[1]!, scope) : [this.ifChain(rest, scope)];
    return { k: "if", test: this.expr(test!, scope), body: this.block(body!, scope), orelse };
  }

  private target(n: SyntaxNode, scope: Set<string>): Target {
    if (n.name === "VariableName") return { k: "name", id: this.src(n) };
    if (n.name === "TupleExpression" || n.name === "ArrayExpression" || n.name === "ParenthesizedExpression")
      return { k: "unpack", targets: parts(n).map((t) => this.target(t, scope)) };
    if (n.name === "MemberExpression" && n.getChild("[")) {
      const e = this.expr(n, scope);
      if (e.k === "sub") return { k: "sub", value: e.value, index: e.index };
    }
    return no(`it assigns to \`${this.src(n)}\``);
  }

  expr(n: SyntaxNode, scope: ReadonlySet<string>): Expr {
    const kids = parts(n);
    switch (n.name) {
      case "Number":
        return this.number(this.src(n));
      case "String":
      case "ContinuedString": {
        const strings = n.name === "String" ? [n] : kids;
        const decoded = strings.map((s) => (/^[rRuU]?['"]/.test(this.src(s)) ? decodePythonString(this.src(s)) : null));
        if (decoded.some((d) => d === null)) no("it uses a bytes literal");
        return { k: "const", value: decoded.join("") };
      }
      case "FormatString":
        return fstring(this.text, n, (x) => this.expr(x, scope));
      case "Boolean":
        return { k: "const", value: this.src(n) === "True" };
      case "None":
        return { k: "const", value: null };
      case "VariableName": {
        const id = this.src(n);
        if (!scope.has(id) && !Object.hasOwn(BUILTINS, id)) no(`it uses \`${id}\`, which is not defined in the function`);
        return { k: "name", id };
      }
      case "ParenthesizedExpression":
        return this.expr(kids[0] ?? no("it is empty"), scope);
      case "TupleExpression":
      case "ArrayExpression":
      case "SetExpression":
        return { k: n.name === "TupleExpression" ? "tuple" : n.name === "ArrayExpression" ? "list" : "set", items: this.items(n, scope) };
      case "DictionaryExpression":
        return { k: "dict", items: this.dictItems(n, scope) };
      case "ArrayComprehensionExpression":
      case "SetComprehensionExpression":
      case "ComprehensionExpression":
      case "DictionaryComprehensionExpression":
        return this.comprehension(n, scope);
      case "MemberExpression":
        return this.member(n, scope);
      case "CallExpression":
        return this.call(n, scope);
      case "UnaryExpression": {
        const op = this.src(kids[0]!);
        const value = this.expr(kids[1]!, scope);
        if (op === "not") return { k: "not", value };
        if (op === "-" || op === "+") return { k: op === "-" ? "neg" : "pos", value };
        return no(`it uses \`${op}\``);
      }
      case "BinaryExpression":
        return this.binary(n, kids, scope);
      case "ConditionalExpression":
        return { k: "if", then: this.expr(kids[0]!, scope), test: this.expr(kids[2]!, scope), orelse: this.expr(kids[4]!, scope) };
      case "LambdaExpression":
        return { k: "lambda", fn: this.lambda(n, "<lambda>", scope) };
      default:
        return no(`it uses \`${this.src(n).slice(0, 30)}\``);
    }
  }

  private number(t: string): Expr {
    const clean = t.replace(/_/g, "");
    if (/[jJ]$/.test(clean)) no("it uses a complex number");
    if (/^0[xob]/i.test(clean)) return { k: "const", value: Number(clean.toLowerCase()) };
    if (/[.eE]/.test(clean)) return { k: "const", value: Number(clean), float: true };
    return { k: "const", value: Number(clean) };
  }

  private items(n: SyntaxNode, scope: ReadonlySet<string>): Item[] {
    const out: Item[] = [];
    let star = false;
    for (const c of parts(n)) {
      if (c.name === "*") star = true;
      else {
        const value = this.expr(c, scope);
        out.push(star ? { k: "star", value } : value);
        star = false;
      }
    }
    return out;
  }

  private dictItems(n: SyntaxNode, scope: ReadonlySet<string>): DictItem[] {
    const out: DictItem[] = [];
    const kids = parts(n);
    for (let i = 0; i < kids.length; i++) {
      if (kids[i]!.name === "**") out.push({ k: "spread", value: this.expr(kids[++i]!, scope) });
      else out.push({ k: "pair", key: this.expr(kids[i]!, scope), value: this.expr(kids[++i] ?? no("a dict entry has no value"), scope) });
    }
    return out;
  }

  private comprehension(n: SyntaxNode, outer: ReadonlySet<string>): Expr {
    const kids = parts(n);
    const scope = new Set(outer);
    const firstFor = kids.findIndex((c) => c.name === "for");
    // Targets first (they are in scope for the element and the later clauses), then the clauses in order.
    for (let i = firstFor; i < kids.length; i++)
      if (kids[i]!.name === "for")
        for (let j = i + 1; j < kids.length && kids[j]!.name !== "in"; j++)
          for (const v of kids[j]!.name === "VariableName" ? [kids[j]!] : parts(kids[j]!))
            if (v.name === "VariableName") scope.add(this.src(v));
    const gens: Generator[] = [];
    for (let i = firstFor; i < kids.length;) {
      const inAt = kids.findIndex((c, j) => j > i && c.name === "in");
      const targets = kids.slice(i + 1, inAt).map((t) => this.target(t, scope));
      const iter = this.expr(kids[inAt + 1]!, gens.length === 0 ? outer : scope);
      const ifs: Expr[] = [];
      let j = inAt + 2;
      for (; j < kids.length && kids[j]!.name === "if"; j += 2) ifs.push(this.expr(kids[j + 1]!, scope));
      if (j < kids.length && kids[j]!.name !== "for") no("its comprehension is not one this playground reads");
      gens.push({ target: targets.length === 1 ? targets[0]! : { k: "unpack", targets }, iter, ifs });
      i = j;
    }
    if (n.name === "DictionaryComprehensionExpression")
      return { k: "dictcomp", key: this.expr(kids[0]!, scope), value: this.expr(kids[1]!, scope), gens };
    const kind = n.name === "ArrayComprehensionExpression" ? "list" : n.name === "SetComprehensionExpression" ? "set" : "gen";
    return { k: "comp", kind, elt: this.expr(kids[0]!, scope), gens };
  }

  private member(n: SyntaxNode, scope: ReadonlySet<string>): Expr {
    const obj = n.firstChild!;
    if (n.getChild("PropertyName")) return no(`it reads the attribute \`${this.src(n)}\``);
    // obj [ a? (: b? (: c?)?)? ]
    const inside: (SyntaxNode | ":")[] = [];
    for (let c = obj.nextSibling; c && c.name !== "]"; c = c.nextSibling) {
      if (c.name === "[" || c.name === "Comment") continue;
      if (c.name === ",") no("it indexes with a tuple");
      inside.push(c.name === ":" ? ":" : c);
    }
    const value = this.expr(obj, scope);
    if (!inside.includes(":"))
      return { k: "sub", value, index: this.expr((inside[0] as SyntaxNode | undefined) ?? no("an empty subscript"), scope) };
    const slots: (Expr | null)[] = [null];
    for (const x of inside) {
      if (x === ":") slots.push(null);
      else slots[slots.length - 1] = this.expr(x, scope);
    }
    return { k: "slice", value, lower: slots[0] ?? null, upper: slots[1] ?? null, step: slots[2] ?? null };
  }

  private call(n: SyntaxNode, scope: ReadonlySet<string>): Expr {
    const callee = n.firstChild!;
    const args: Item[] = [];
    const kwargs: { name: string; value: Expr }[] = [];
    const argList = n.getChild("ArgList")!;
    const list = parts(argList);
    // `any(v > 2 for v in x)`: a bare generator is the call's one argument.
    if (list.some((c) => c.name === "for")) return this.callee(callee, [this.comprehension(argList, scope)], [], scope);
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (c.name === "**") no("it passes `**kwargs`");
      if (c.name === "*") args.push({ k: "star", value: this.expr(list[++i]!, scope) });
      else if (list[i + 1]?.name === "AssignOp") {
        kwargs.push({ name: this.src(c), value: this.expr(list[i + 2]!, scope) });
        i += 2;
      } else args.push(this.expr(c, scope));
    }
    return this.callee(callee, args, kwargs, scope);
  }

  private callee(callee: SyntaxNode, args: Item[], kwargs: { name: string; value: Expr }[], scope: ReadonlySet<string>): Expr {
    if (callee.name === "MemberExpression" && callee.getChild("PropertyName")) {
      const name = this.src(callee.getChild("PropertyName")!);
      if (!METHOD_NAMES.has(name)) no(`it calls \`.${name}()\``);
      if (kwargs.length || args.some((a) => a.k === "star")) no(`it passes keywords or \`*\` to \`.${name}()\``);
      return { k: "method", value: this.expr(callee.firstChild!, scope), name, args: args as Expr[] };
    }
    if (callee.name !== "VariableName") return no(`it calls \`${this.src(callee)}\``);
    const fn = this.src(callee);
    if (!scope.has(fn) && !Object.hasOwn(BUILTINS, fn)) no(`it calls \`${fn}\`, which is not defined in the function`);
    const allowed = scope.has(fn) ? [] : fn === "dict" ? kwargs.map((k) => k.name) : [...KEYWORD_ARGS];
    for (const k of kwargs) if (!allowed.includes(k.name)) no(`it passes \`${k.name}=\` to \`${fn}\``);
    return { k: "call", fn, args, kwargs };
  }

  private binary(n: SyntaxNode, kids: SyntaxNode[], scope: ReadonlySet<string>): Expr {
    const ops = kids
      .slice(1, -1)
      .map((c) => this.src(c))
      .join(" ");
    const left = kids[0]!;
    const right = this.expr(kids[kids.length - 1]!, scope);
    if (ops === "and" || ops === "or") return { k: ops, left: this.expr(left, scope), right };
    if (n.getChild("ArithOp")) {
      const op = ops.replace(/\s/g, "");
      if (!["+", "-", "*", "/", "//", "%", "**"].includes(op)) no(`it uses \`${op}\``);
      return { k: "bin", op: op as BinOp, left: this.expr(left, scope), right };
    }
    const op = ops.replace(/\s+/g, " ") as CmpOp;
    if (!["==", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not"].includes(op)) no(`it uses \`${ops}\``);
    // `a < b <= c`: lezer nests the chain to the left.
    const first = this.expr(left, scope);
    if (first.k === "cmp" && left.name === "BinaryExpression")
      return { k: "cmp", first: first.first, rest: [...first.rest, { op, value: right }] };
    return { k: "cmp", first, rest: [{ op, value: right }] };
  }
}
