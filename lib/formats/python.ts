/**
 * Python dict import: a `rest_api_source({...})` call or a bare dict, parsed with @lezer/python
 * (decision 0002). Literals become document nodes with exact ranges; `dlt.secrets[...]` and
 * `dlt.config[...]` become references; any other expression is kept as Python source text.
 */
import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import type { Diagnostic, DocEntry, DocNode, ParsedDocument } from "./types";
import { decodePythonString, findSlashComments } from "./python-strings";
import { pythonSyntaxErrors } from "./python-errors";

const PUNCT = new Set(["{", "}", "[", "]", "(", ")", ",", ":", "Comment"]);

interface Ctx {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

const src = (ctx: Ctx, n: SyntaxNode) => ctx.text.slice(n.from, n.to);
const rangeOf = (n: SyntaxNode) => ({ start: n.from, end: n.to });
const kids = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!PUNCT.has(c.name) && !c.type.isError) out.push(c);
  return out;
};

function refOf(ctx: Ctx, n: SyntaxNode): DocNode | null {
  // dlt.secrets["name"] / dlt.config["name"]: MemberExpression(MemberExpression(dlt . secrets) [ String ])
  const target = n.firstChild;
  const key = kids(n).find((c) => c.name === "String");
  if (!target || target.name !== "MemberExpression" || !key) return null;
  const m = /^dlt\s*\.\s*(secrets|config)$/.exec(src(ctx, target));
  const name = decodePythonString(src(ctx, key));
  if (!m || name === null) return null;
  return { kind: "ref", ref: m[1] === "secrets" ? "secret" : "config", name, range: rangeOf(n) };
}

function parseNumber(raw: string): number | null {
  const t = raw.replace(/_/g, "").toLowerCase();
  if (/^0[xob]/.test(t)) return Number(t);
  if (/j$/.test(t)) return null;
  const v = Number(t.replace(/l$/, ""));
  return Number.isFinite(v) ? v : null;
}

function convert(ctx: Ctx, n: SyntaxNode, pointer: string): DocNode {
  const range = rangeOf(n);
  switch (n.name) {
    case "DictionaryExpression":
      return convertDict(ctx, n, pointer);
    case "ArrayExpression":
    case "TupleExpression":
      return { kind: "array", range, items: kids(n).map((c, i) => convert(ctx, c, `${pointer}/${i}`)) };
    case "ParenthesizedExpression": {
      const inner = kids(n)[0];
      return inner ? convert(ctx, inner, pointer) : { kind: "python", range, text: src(ctx, n) };
    }
    case "String":
    case "ContinuedString": {
      const parts = n.name === "String" ? [n] : kids(n).filter((c) => c.name === "String");
      const decoded = parts.map((p) => decodePythonString(src(ctx, p)));
      if (decoded.some((d) => d === null) || parts.length === 0) return { kind: "python", range, text: src(ctx, n) };
      return { kind: "string", range, value: decoded.join("") };
    }
    case "Number": {
      const v = parseNumber(src(ctx, n));
      return v === null ? { kind: "python", range, text: src(ctx, n) } : { kind: "number", range, value: v };
    }
    case "UnaryExpression": {
      const [op, operand] = [n.firstChild, n.lastChild];
      if (op && operand && operand.name === "Number" && (src(ctx, op) === "-" || src(ctx, op) === "+")) {
        const v = parseNumber(src(ctx, operand));
        if (v !== null) return { kind: "number", range, value: src(ctx, op) === "-" ? -v : v };
      }
      return { kind: "python", range, text: src(ctx, n) };
    }
    case "Boolean":
      return { kind: "boolean", range, value: src(ctx, n) === "True" };
    case "None":
      return { kind: "null", range };
    case "MemberExpression":
      return refOf(ctx, n) ?? { kind: "python", range, text: src(ctx, n) };
    default:
      return { kind: "python", range, text: src(ctx, n) };
  }
}

function convertDict(ctx: Ctx, n: SyntaxNode, pointer: string): DocNode {
  const entries: DocEntry[] = [];
  let key: SyntaxNode | null = null;
  let sawColon = false;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.type.isError || c.name === "Comment" || c.name === "{" || c.name === "}") continue;
    if (c.name === ",") {
      key = null;
      sawColon = false;
    } else if (c.name === ":") sawColon = true;
    else if (!key) key = c;
    else if (sawColon) {
      const keyText = src(ctx, key);
      const decoded = key.name === "String" || key.name === "ContinuedString" ? convert(ctx, key, pointer) : null;
      if (!decoded || decoded.kind !== "string") {
        ctx.diagnostics.push({
          severity: "error",
          code: "invalid_key",
          path: pointer,
          range: rangeOf(key),
          message: `Dict keys must be string literals such as "name"; got \`${keyText}\`.`,
        });
      } else {
        const childPointer = `${pointer}/${decoded.value.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        entries.push({ key: decoded.value, keyRange: rangeOf(key), value: convert(ctx, c, childPointer), range: { start: key.from, end: c.to } });
      }
      key = null;
      sawColon = false;
    }
  }
  return { kind: "object", range: rangeOf(n), entries };
}

/** The config dict: `rest_api_source(<dict>)` (or `config=`), a variable it names, else the first top-level dict. */
function findConfigDict(ctx: Ctx, top: SyntaxNode): SyntaxNode | null {
  const assigned = new Map<string, SyntaxNode>();
  let firstDict: SyntaxNode | null = null;
  let callArg: SyntaxNode | null = null;
  const visit = (n: SyntaxNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === "DictionaryExpression") {
        firstDict ??= c;
        const prev = c.prevSibling;
        const target = prev?.name === "AssignOp" ? prev.prevSibling : prev?.name === "TypeDef" ? prev.prevSibling : null;
        if (target?.name === "VariableName") assigned.set(src(ctx, target), c);
        continue;
      }
      if (c.name === "CallExpression" && /(^|\.)rest_api_(source|resources)$/.test(src(ctx, c.firstChild ?? c))) {
        const args = c.getChild("ArgList");
        if (args) {
          const list = kids(args);
          const kw = list.findIndex((a, i) => a.name === "VariableName" && src(ctx, a) === "config" && list[i + 1]?.name === "AssignOp");
          const positional = list.find((a, i) => a.name !== "AssignOp" && list[i + 1]?.name !== "AssignOp" && list[i - 1]?.name !== "AssignOp");
          callArg ??= kw >= 0 ? (list[kw + 2] ?? null) : (positional ?? null);
        }
      }
      if (c.name !== "DictionaryExpression" && c.firstChild) visit(c);
    }
  };
  visit(top);
  const arg: SyntaxNode | null = callArg;
  if (arg !== null) {
    const a: SyntaxNode = arg;
    if (a.name === "DictionaryExpression") return a;
    if (a.name === "VariableName") return assigned.get(src(ctx, a)) ?? firstDict;
  }
  return firstDict;
}

export function parsePython(original: string): ParsedDocument {
  const diagnostics: Diagnostic[] = [];
  let text = original;
  for (const c of findSlashComments(original)) {
    text = text.slice(0, c.start) + "# " + text.slice(c.start + 2);
    diagnostics.push({
      severity: "warning",
      code: "js_comment",
      path: "",
      range: c,
      message: "`//` is not a Python comment: Python (and so dlt) would stop with a SyntaxError here. Use `#`.",
      fixes: [{ title: "Replace `//` with `#`", edits: [{ range: { start: c.start, end: c.start + 2 }, newText: "#" }] }],
    });
  }
  const tree = parser.parse(text);
  const ctx: Ctx = { text, diagnostics };
  diagnostics.push(...pythonSyntaxErrors(text, tree));
  const dict = findConfigDict(ctx, tree.topNode);
  if (!dict) {
    diagnostics.push({
      severity: "error",
      code: "no_config_dict",
      path: "",
      range: { start: 0, end: Math.min(text.length, Math.max(1, text.indexOf("\n"))) },
      message: "No config found: expected `rest_api_source({...})` or a dict literal `{...}`.",
    });
    return { format: "python", text: original, root: null, diagnostics };
  }
  const root = convert(ctx, dict, "");
  return { format: "python", text: original, root, diagnostics };
}
