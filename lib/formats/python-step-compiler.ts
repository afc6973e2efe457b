/**
 * Long because it is one recursive descent whose cases share its scope; its leaf readers live in ./python-step-parts.ts.
 * The compiler of ./python-step.ts: a step's CST (lezer's Python tree) into lib/shared/pystep's AST, or `Unsupported`
 * with the reason. Names resolve statically: parameters, names the function binds, comprehension and loop variables,
 * the module's names a step may read (constants, plain functions), and the builtins the subset has.
 */
import type { SyntaxNode } from "@lezer/common";
import { bound, exceptionTypes, fstring, no, number, parts } from "./python-step-parts";
import { decodePythonString } from "./python-strings";
import {
  ANY_KEYWORDS,
  ATTRIBUTE_NAMES,
  BUILTINS,
  METHOD_KEYWORDS,
  METHOD_NAMES,
  type BinOp,
  type CmpOp,
  type DictItem,
  type Expr,
  type Func,
  type Generator,
  type Handler,
  type Item,
  type Keyword,
  type Stmt,
  type Target,
} from "../shared/pystep";

/** Keywords the builtins take (`sorted(key=…)`, `max(default=…)`). */
const KEYWORD_ARGS = new Set(["key", "reverse", "default"]);

const undefinedName = (verb: string, id: string) =>
  `it ${verb} \`${id}\`, which neither the function nor the file defines where the playground reads it ` +
  "(a module-level constant assigned once, a plain `def`; imported modules are not run)";

/** Whether a function's statements yield (its own: a nested function's body is an expression, not walked). */
function yields(stmts: readonly Stmt[]): boolean {
  return stmts.some((s) => {
    if (s.k === "yield") return true;
    if (s.k === "if" || s.k === "for" || s.k === "while") return yields(s.body) || yields(s.orelse);
    if (s.k === "try") return yields(s.body) || s.handlers.some((h) => yields(h.body)) || yields(s.orelse) || yields(s.finalbody);
    return false;
  });
}

export class Compiler {
  constructor(
    private readonly text: string,
    /** Names the module binds (constants and functions a step may read). */
    private readonly globals: ReadonlySet<string>,
  ) {}

  private known = (id: string, scope: ReadonlySet<string>) => scope.has(id) || this.globals.has(id) || Object.hasOwn(BUILTINS, id);

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
    const stmts = this.block(body, names);
    return { name, params, defaults, body: stmts, locals: [...names], ...(yields(stmts) ? { generator: true as const } : {}) };
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
      case "YieldStatement": {
        const value = kids.filter((c) => c.name !== "yield" && c.name !== "from");
        if (value.length > 1) no("it yields several values at once");
        return { k: "yield", value: value.length ? this.expr(value[0]!, scope) : null, from: kids.some((c) => c.name === "from") };
      }
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
        const target =
          targets.length === 1
            ? this.target(targets[0]!, scope)
            : { k: "unpack" as const, targets: targets.map((t) => this.target(t, scope)) };
        const [body, orelse] = n.getChildren("Body").map((b) => this.block(b, scope));
        return { k: "for", target, iter: this.expr(kids[inAt + 1]!, scope), body: body!, orelse: orelse ?? [] };
      }
      case "WhileStatement": {
        const [body, orelse] = n.getChildren("Body").map((b) => this.block(b, scope));
        return { k: "while", test: this.expr(kids[1]!, scope), body: body!, orelse: orelse ?? [] };
      }
      case "TryStatement":
        return this.tryStmt(kids, scope);
      case "RaiseStatement": {
        if (n.getChild("from")) no("it uses `raise … from …`");
        const value = kids.filter((c) => c.name !== "raise");
        return { k: "raise", value: value.length ? this.expr(value[0]!, scope) : null };
      }
      case "AssertStatement": {
        const [test, msg] = kids.filter((c) => c.name !== "assert");
        return { k: "assert", test: this.expr(test!, scope), msg: msg ? this.expr(msg, scope) : null };
      }
      default:
        return no(`it uses a \`${this.src(n).split(/\s/)[0]}\` statement`);
    }
  }

  /** try Body (except [types] [as name] Body)* [else Body] [finally Body] */
  private tryStmt(kids: SyntaxNode[], scope: Set<string>): Stmt {
    let body: Stmt[] = [];
    const handlers: Handler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!.name;
      if (k === "try") body = this.block(kids[++i]!, scope);
      else if (k === "else") orelse = this.block(kids[++i]!, scope);
      else if (k === "finally") finalbody = this.block(kids[++i]!, scope);
      else if (k === "except") {
        const types = kids[i + 1]!.name === "Body" ? [] : exceptionTypes(this.text, kids[++i]!);
        const name = kids[i + 1]!.name === "as" ? this.src(kids[(i += 2)]!) : null;
        handlers.push({ types, name, body: this.block(kids[++i]!, scope) });
      } else no(`its \`try\` uses \`${this.src(kids[i]!)}\``);
    }
    return { k: "try", body, handlers, orelse, finalbody };
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
        return number(this.src(n));
      case "String":
      case "ContinuedString": {
        const strings = n.name === "String" ? [n] : kids;
        const bytes = strings.map((s) => /^(?:[bB][rR]?|[rR][bB])['"]/.test(this.src(s)));
        if (bytes.some((b) => b !== bytes[0])) no("it joins a bytes literal and text (Python: a SyntaxError)");
        // `b"…"`: read as the same literal without its `b` (its `\xNN` escapes are chars 0–255, one a byte).
        const decoded = strings.map((s) => decodePythonString(this.src(s).replace(/^([rR]?)[bB]/, "$1")));
        if (decoded.some((d) => d === null)) no("it has a string literal this playground does not read");
        if (bytes[0] && decoded.some((d) => /[\u0100-\uffff]/.test(d!))) no("its bytes literal holds characters outside ASCII");
        return { k: "const", value: decoded.join(""), ...(bytes[0] ? { bytes: true as const } : {}) };
      }
      case "FormatString":
        return fstring(this.text, n, (x) => this.expr(x, scope));
      case "Boolean":
        return { k: "const", value: this.src(n) === "True" };
      case "None":
        return { k: "const", value: null };
      case "VariableName": {
        const id = this.src(n);
        if (!this.known(id, scope)) no(undefinedName("uses", id));
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
    const prop = n.getChild("PropertyName");
    if (prop) {
      const name = this.src(prop);
      if (!ATTRIBUTE_NAMES.has(name))
        no(`it reads the attribute \`.${name}\` (\`${this.src(n).slice(0, 40)}\`), which the playground does not model`);
      return { k: "attr", value: this.expr(obj, scope), name };
    }
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
    const kwargs: Keyword[] = [];
    const argList = n.getChild("ArgList")!;
    const list = parts(argList);
    // `any(v > 2 for v in x)`: a bare generator is the call's one argument.
    if (list.some((c) => c.name === "for")) return this.callee(callee, [this.comprehension(argList, scope)], [], scope);
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (c.name === "**") kwargs.push({ name: null, value: this.expr(list[++i]!, scope) });
      else if (c.name === "*") args.push({ k: "star", value: this.expr(list[++i]!, scope) });
      else if (list[i + 1]?.name === "AssignOp") {
        kwargs.push({ name: this.src(c), value: this.expr(list[i + 2]!, scope) });
        i += 2;
      } else args.push(this.expr(c, scope));
    }
    return this.callee(callee, args, kwargs, scope);
  }

  private callee(callee: SyntaxNode, args: Item[], kwargs: Keyword[], scope: ReadonlySet<string>): Expr {
    if (callee.name === "MemberExpression" && callee.getChild("PropertyName")) {
      const name = this.src(callee.getChild("PropertyName")!);
      if (!METHOD_NAMES.has(name)) no(`it calls \`.${name}()\`, a method the playground does not model`);
      const keywords = METHOD_KEYWORDS[name] ?? [];
      const any = ANY_KEYWORDS.has(name);
      const bad = kwargs.find((k) => !any && (k.name === null || !keywords.includes(k.name)));
      if (bad) no(`it passes \`${bad.name === null ? "**" : `${bad.name}=`}\` to \`.${name}()\``);
      const value = this.expr(callee.firstChild!, scope);
      return { k: "method", value, name, args, ...(kwargs.length ? { kwargs } : {}) };
    }
    if (callee.name !== "VariableName") return no(`it calls \`${this.src(callee)}\``);
    const fn = this.src(callee);
    if (!this.known(fn, scope)) no(undefinedName("calls", fn));
    // A function of the step's own (a lambda, a def of the module) binds keywords when called; a builtin takes a few.
    const own = scope.has(fn) || this.globals.has(fn);
    const allowed = own
      ? kwargs.map((k) => k.name)
      : fn === "dict"
        ? kwargs.map((k) => k.name).filter((k) => k !== null)
        : [...KEYWORD_ARGS];
    for (const k of kwargs) if (!allowed.includes(k.name)) no(`it passes \`${k.name === null ? "**" : `${k.name}=`}\` to \`${fn}\``);
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
    if (n.getChild("BitOp") && ops === "|") return { k: "bin", op: "|", left: this.expr(left, scope), right };
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
