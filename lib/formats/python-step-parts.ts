/** Pieces of lib/formats/python-step.ts: what a step's code may not do, the names a body binds, f-strings. */
import type { SyntaxNode } from "@lezer/common";
import { decodePythonString } from "./python-strings";
import { EXCEPTION_BASES, MODULE_EXCEPTIONS, type Expr, type FormatPart } from "../shared/pystep";

export class Unsupported extends Error {}
export const no = (reason: string): never => {
  throw new Unsupported(reason);
};

const SKIP = new Set(["(", ")", "[", "]", "{", "}", ",", ":", ";", "Comment", "newline", "indent", "dedent"]);
export const parts = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!SKIP.has(c.name) && !c.type.isError) out.push(c);
  return out;
};

/** The names a function body binds (Python: any assignment makes a name local to the whole function). */
export function bound(body: SyntaxNode, text: string, into: Set<string>): void {
  const cursor = body.cursor();
  do {
    const n = cursor.node;
    if (n.name === "FunctionDefinition" || n.name === "ClassDefinition") {
      if (n !== body) no(n.name === "ClassDefinition" ? "it defines a class" : "it defines a nested function");
    }
    if (n.name === "TryStatement")
      for (let c = n.firstChild; c; c = c.nextSibling)
        if (c.name === "as" && c.nextSibling?.name === "VariableName") into.add(text.slice(c.nextSibling.from, c.nextSibling.to));
    if (n.name === "AssignStatement" || n.name === "ForStatement" || n.name === "UpdateStatement")
      for (const t of parts(n)) {
        if (t.name === "AssignOp" || t.name === "UpdateOp" || t.name === "in") break;
        if (t.name === "VariableName") into.add(text.slice(t.from, t.to));
        if (t.name === "TupleExpression" || t.name === "ArrayExpression" || t.name === "ParenthesizedExpression")
          for (const x of parts(t)) if (x.name === "VariableName") into.add(text.slice(x.from, x.to));
      }
  } while (cursor.next() && cursor.from < body.to);
}

type Part = string | FormatPart;

/** An f-string: its literal text (escapes and `{{` decoded) and its replacements (`{x!r:>4}`, `{x=}`, `{x:>{width}}`). */
export function fstring(text: string, n: SyntaxNode, expr: (n: SyntaxNode) => Expr): Expr {
  const t = text.slice(n.from, n.to);
  const prefix = /^[a-zA-Z]*/.exec(t)![0];
  if (/[bB]/.test(prefix)) no("it uses a bytes literal");
  const raw = /[rR]/.test(prefix);
  const quote = /^('''|"""|'|")/.exec(t.slice(prefix.length))![0];
  const decode = (s: string) =>
    raw ? s : (decodePythonString(`"""${s.replace(/"/g, '\\"')}"""`) ?? no("it has an escape this playground does not read"));
  /** The literal text and replacements of `from`–`to`, whose replacements are `node`'s children. */
  const pieces = (node: SyntaxNode, from: number, to: number): Part[] => {
    const out: Part[] = [];
    let at = from;
    const literal = (end: number) => {
      const s = decode(text.slice(at, end).replace(/\{\{/g, "{").replace(/\}\}/g, "}"));
      if (s) out.push(s);
    };
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.name !== "FormatReplacement") continue;
      literal(c.from);
      out.push(...replacement(c));
      at = c.to;
    }
    literal(to);
    return out;
  };
  const replacement = (c: SyntaxNode): Part[] => {
    const skip = new Set(["FormatConversion", "FormatSpec", "FormatSelfDoc"]);
    const inner = parts(c).filter((x) => !skip.has(x.name));
    if (inner.length !== 1) no("an f-string replacement holds more than one expression");
    const conv = c.getChild("FormatConversion");
    const specNode = c.getChild("FormatSpec");
    const written = conv ? text.slice(conv.from, conv.to).slice(1) : null;
    if (written !== null && written !== "r" && written !== "s" && written !== "a") no(`an f-string uses \`!${written}\``);
    const self = c.getChild("FormatSelfDoc");
    const specParts = specNode ? pieces(specNode, specNode.from + 1, specNode.to) : [];
    const nested = specParts.some((p) => typeof p !== "string");
    const spec = nested ? "" : (specParts as string[]).join("");
    // `{x=}`: the text as written up to `=`, then the value's repr (its format when a spec is given).
    const conversion = (written ?? (self && !specNode ? "r" : null)) as FormatPart["conversion"];
    const part: FormatPart = { value: expr(inner[0]!), conversion, spec, ...(nested ? { specParts } : {}) };
    return self ? [text.slice(c.from + 1, self.nextSibling?.from ?? self.to), part] : [part];
  };
  return { k: "fstr", parts: pieces(n, n.from + prefix.length + quote.length, n.to - quote.length) };
}

/** A number literal (`1_000`, `0x1f`, `1.`, `1e5`): an int, or a float kept a float. */
export function number(t: string): Expr {
  const clean = t.replace(/_/g, "");
  if (/[jJ]$/.test(clean)) no("it uses a complex number");
  if (/[.eE]/.test(clean) && !/^0x/i.test(clean)) return { k: "const", value: Number(clean), float: true };
  const value = Number(clean.toLowerCase());
  return Number.isSafeInteger(value) ? { k: "const", value } : { k: "const", value: BigInt(clean.toLowerCase()).toString(), big: true };
}

/** `except KeyError` / `except (KeyError, ValueError)`: classes the subset raises (or their bases); `json.JSONDecodeError`. */
export function exceptionTypes(text: string, n: SyntaxNode): string[] {
  const names = n.name === "TupleExpression" || n.name === "ParenthesizedExpression" ? parts(n) : [n];
  return names.map((x) => {
    const id = text.slice(x.from, x.to);
    if (/^json\s*\.\s*JSONDecodeError$/.test(id)) return "JSONDecodeError";
    if (/^re\s*\.\s*error$/.test(id)) return "error";
    if (/^zoneinfo\s*\.\s*ZoneInfoNotFoundError$/.test(id)) return "ZoneInfoNotFoundError";
    if (x.name !== "VariableName" || MODULE_EXCEPTIONS.has(id) || !Object.hasOwn(EXCEPTION_BASES, id))
      no(`it catches \`${id}\`, an exception class the playground does not know`);
    return id;
  });
}
