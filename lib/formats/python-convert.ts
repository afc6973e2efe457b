/**
 * Lezer Python nodes -> document nodes. Literals keep their exact ranges; `dlt.secrets[...]` /
 * `dlt.config[...]` (and `.get("x")`, `.get("x", int)`: read by dlt's `get`) become references; any other expression is
 * kept as source text.
 */
import { moduleReads, type StepModule } from "./python-step-module";
import type { SyntaxNode } from "@lezer/common";
import type { ConditionTruth, Diagnostic, DocEntry, DocNode } from "./types";
import { decodePythonString, namedEscapeError } from "./python-strings";
import { duplicateKeyWarning, escapeSegment, longKey } from "./refs";
import { showToken } from "./syntax";
import { isGet, maskSecret, pyRepr } from "../shared";

const SKIP = new Set(["{", "}", "[", "]", "(", ")", ",", ":", "Comment"]);
/** JSON's literals and their Python spelling (a Map: a name such as `constructor` must not match). */
const PY_SPELLING = new Map([
  ["true", "True"],
  ["false", "False"],
  ["null", "None"],
]);

export interface ConvertContext {
  /** The user's text (offsets are the same as in the parsed text). */
  readonly text: string;
  readonly diagnostics: Diagnostic[];
  /** Reads what is not a literal (names, dlt classes, f-strings: python-values.ts); null keeps it as code. */
  readonly resolve?: (ctx: ConvertContext, n: SyntaxNode, pointer: string) => DocNode | null;
  /** Looks at every dict entry's value once read (registered paginator/auth names: python-custom.ts). */
  readonly after?: (ctx: ConvertContext, value: DocNode, n: SyntaxNode, pointer: string) => DocNode;
  /** Module-level names a processing step may read (python-step-module.ts): plain functions, constants. */
  readonly module?: StepModule;
  /** Python's truth of a reference a conditional tests, in the run reading the file (`ConditionTruth`). */
  readonly truth?: ConditionTruth;
}

export const src = (ctx: ConvertContext, n: SyntaxNode) => ctx.text.slice(n.from, n.to);
export const rangeOf = (n: SyntaxNode) => ({ start: n.from, end: n.to });

/** Children that are values (no punctuation, comments or error nodes). */
export function valueChildren(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!SKIP.has(c.name) && !c.type.isError) out.push(c);
  return out;
}

/** A dict display (a comprehension-shaped node without `for` is what lezer makes of a dict with a typo). */
export function isDictNode(n: SyntaxNode): boolean {
  return n.name === "DictionaryExpression" || (n.name === "DictionaryComprehensionExpression" && !n.getChild("for"));
}

/**
 * `dlt.secrets["x"]`, `dlt.config["x"]`: the reference; `dlt.secrets.get("x")`, `dlt.config.get("x", int)` (Python's `int`,
 * `float`, `bool`, `str`, `dict`, `list`): the reference read by `get` (`get`: dlt's None without a value, its type cast).
 * A text as the second argument is an error (`textSecondArgument`). Null for anything else.
 */
export function dltRef(ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode | null {
  const target = n.firstChild;
  if (!target || target.name !== "MemberExpression") return null;
  const args = n.name === "CallExpression" ? n.getChild("ArgList") : n;
  const parts = args ? valueChildren(args).filter((c) => c.from >= target.to) : [];
  const [key, second] = parts;
  const withSecond = n.name === "CallExpression" && parts.length === 2;
  if ((parts.length !== 1 && !withSecond) || !key || key.name !== "String") return null;
  const pattern = n.name === "CallExpression" ? /^dlt\s*\.\s*(secrets|config)\s*\.\s*get$/ : /^dlt\s*\.\s*(secrets|config)$/;
  const m = pattern.exec(src(ctx, target));
  const name = decodePythonString(src(ctx, key));
  if (!m || name === null) return null;
  const type = second?.name === "VariableName" ? src(ctx, second) : null;
  const typed = type !== null && isGet(type) ? type : null;
  if (withSecond && typed === null && second?.name !== "String") return null;
  if (withSecond && second?.name === "String") textSecondArgument(ctx, key, second, m[1] as string, name, pointer);
  const get = n.name === "CallExpression" ? { get: typed ?? (true as const) } : {};
  return { kind: "ref", ref: m[1] === "secrets" ? "secret" : "config", name, range: rangeOf(n), ...get };
}

/**
 * `dlt.secrets.get("token", "sk_live_…")` read as `dict.get`'s default: dlt's `get(field, expected_type)` takes a type
 * there (checked with dlt 1.26.0: with the value set it raises `ConfigValueCannotBeCoercedException`, without it `get`
 * gives None), so the config fails in dlt either way. The reference stays `token`; the fix drops the argument. A text
 * that looks like a credential is one written into the file besides (`hardcoded_secret`, never shown).
 */
function textSecondArgument(ctx: ConvertContext, key: SyntaxNode, fallback: SyntaxNode, accessor: string, name: string, pointer: string) {
  const value = decodePythonString(src(ctx, fallback));
  const fixes = [{ title: "Remove the second argument", edits: [{ range: { start: key.to, end: fallback.to }, newText: "" }] }];
  const call = `dlt.${accessor}.get("${name}", …)`;
  ctx.diagnostics.push({
    severity: "error",
    code: "invalid_value",
    path: pointer,
    range: rangeOf(fallback),
    message:
      `\`${call}\` takes a type as its second argument, not a default: with \`${name}\` set, dlt raises ` +
      `ConfigValueCannotBeCoercedException ("cannot be coerced into type"), and without it \`get\` gives None. Remove the ` +
      `argument and supply the value at run time (Secrets panel, --secret, .dlt/${accessor}.toml).`,
    fixes,
  });
  if (accessor !== "secrets" || value === null || value.length < 3) return;
  ctx.diagnostics.push({
    severity: "warning",
    code: "hardcoded_secret",
    path: pointer,
    range: rangeOf(fallback),
    message: `The text given to \`${call}\` is written into the config (${maskSecret(value)}): anyone with the file has it.`,
    fixes,
  });
}

function parseNumber(raw: string): number | null {
  const t = raw.replace(/_/g, "").toLowerCase();
  if (/^0[xob]/.test(t)) return Number(t);
  if (/j$/.test(t)) return null; // complex numbers stay code
  const v = Number(t);
  // A float literal past a double's range (`1e400`) is Python's inf, as `json.loads` and PyYAML read it too.
  return Number.isNaN(v) ? null : v;
}

function jsonLiteral(ctx: ConvertContext, n: SyntaxNode, word: string, pointer: string): DocNode {
  const py = PY_SPELLING.get(word) ?? word;
  ctx.diagnostics.push({
    severity: "warning",
    code: "json_literal",
    path: pointer,
    range: rangeOf(n),
    message: `\`${word}\` is JSON, not Python: Python (and so dlt) would stop with a NameError. restplay reads it as \`${py}\`; write \`${py}\` instead.`,
    fixes: [{ title: `Replace with \`${py}\``, edits: [{ range: rangeOf(n), newText: py }] }],
  });
  return word === "null" ? { kind: "null", range: rangeOf(n) } : { kind: "boolean", range: rangeOf(n), value: word === "true" };
}

/** Any expression that is not a literal: kept as its source text. */
export function code(ctx: ConvertContext, n: SyntaxNode): DocNode {
  const def = n.name === "VariableName" ? ctx.module?.get(src(ctx, n)) : undefined;
  const definition = def?.kind === "def" ? src(ctx, def.node) : undefined;
  // What a step (a lambda, a function's name) reads of the module, for a run to evaluate it with.
  const reads = ctx.module && (definition !== undefined || n.name === "LambdaExpression") ? moduleReads(ctx.module, n, ctx.text) : [];
  return {
    kind: "python",
    range: rangeOf(n),
    text: src(ctx, n),
    ...(definition !== undefined ? { definition } : {}),
    ...(reads.length ? { module: reads } : {}),
  };
}
const other = (ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode => ctx.resolve?.(ctx, n, pointer) ?? code(ctx, n);

export function convert(ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode {
  const range = rangeOf(n);
  switch (n.name) {
    case "DictionaryExpression":
    case "DictionaryComprehensionExpression":
      return isDictNode(n) ? convertDict(ctx, n, pointer) : code(ctx, n);
    case "TupleExpression":
      tupleValue(ctx, n, pointer);
      return { kind: "array", range, items: valueChildren(n).map((c, i) => convert(ctx, c, `${pointer}/${i}`)) };
    case "ArrayExpression":
      return { kind: "array", range, items: valueChildren(n).map((c, i) => convert(ctx, c, `${pointer}/${i}`)) };
    case "ParenthesizedExpression": {
      const inner = valueChildren(n);
      return inner.length === 1 && inner[0] ? { ...convert(ctx, inner[0], pointer), range } : code(ctx, n);
    }
    case "String":
    case "ContinuedString": {
      // Adjacent literals concatenate ("a" "b"); with an f-string among them the value is code.
      const parts = n.name === "String" ? [n] : valueChildren(n);
      const decoded = parts.map((p) => (p.name === "String" ? decodePythonString(src(ctx, p)) : null));
      if (parts.length === 0 || decoded.some((d) => d === null)) {
        const named = parts.map((p) => (p.name === "String" ? namedEscapeError(src(ctx, p), rangeOf(p), pointer) : null));
        const said = named.find((d) => d !== null);
        if (said) ctx.diagnostics.push(said);
        return other(ctx, n, pointer);
      }
      return { kind: "string", range, value: decoded.join("") };
    }
    case "Number": {
      const raw = src(ctx, n);
      // Python 3 refuses a decimal integer with leading zeros (`010`), zero itself (`00`) aside.
      if (/^0[0-9_]*$/.test(raw) && /[1-9]/.test(raw)) {
        const digits = raw.replace(/^[0_]+/, "");
        ctx.diagnostics.push({
          severity: "error",
          code: "syntax_error",
          path: pointer,
          range,
          message: `\`${raw}\`: Python refuses leading zeros in a decimal integer (SyntaxError). Write ${digits} (0o${digits}: octal).`,
          fixes: [{ title: `Write ${digits}`, edits: [{ range, newText: digits }] }],
        });
      }
      const v = parseNumber(raw);
      return v === null ? code(ctx, n) : { kind: "number", range, value: v };
    }
    case "UnaryExpression": {
      const op = n.firstChild ? src(ctx, n.firstChild) : "";
      const operand = n.lastChild;
      const v = operand && operand.name === "Number" && (op === "-" || op === "+") ? parseNumber(src(ctx, operand)) : null;
      return v === null ? other(ctx, n, pointer) : { kind: "number", range, value: op === "-" ? -v : v };
    }
    case "Boolean":
      return { kind: "boolean", range, value: src(ctx, n) === "True" };
    case "None":
      return { kind: "null", range };
    case "VariableName": {
      const word = src(ctx, n);
      return PY_SPELLING.has(word) ? jsonLiteral(ctx, n, word, pointer) : other(ctx, n, pointer);
    }
    case "CallExpression":
      return dictCall(ctx, n, pointer) ?? dltRef(ctx, n, pointer) ?? other(ctx, n, pointer);
    case "MemberExpression":
      return dltRef(ctx, n, pointer) ?? other(ctx, n, pointer);
    default:
      return other(ctx, n, pointer);
  }
}

/** `("a", "b")`: a tuple of string literals. */
function isStringTuple(n: SyntaxNode): boolean {
  if (n.name !== "TupleExpression") return false;
  let strings = 0;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === "String") strings++;
    else if (c.name !== "(" && c.name !== ")" && c.name !== ",") return false;
  }
  return strings > 0;
}

/** Where a config holds free-form values (request parameters and bodies): a tuple there is sent as a list. */
const FREE_FORM = new Set(["params", "json", "data"]);

/**
 * A tuple value outside `params`, `json` and `data`: dlt's config validation wants a list there
 * (probed: `primary_key`, `merge_key`, `include_from_parent`, `resources`, `columns`, `processing_steps`,
 * `response_actions` each refuse a tuple with a `DictValidationException`); read as the list it would be.
 */
function tupleValue(ctx: ConvertContext, n: SyntaxNode, pointer: string): void {
  const segments = pointer.split("/");
  if (segments.some((s) => FREE_FORM.has(s))) return;
  const field = segments[segments.length - 1] || "config";
  const [open, close] = [n.firstChild, n.lastChild];
  const brackets =
    open?.name === "(" && close?.name === ")"
      ? [
          { range: { start: open.from, end: open.to }, newText: "[" },
          { range: { start: close.from, end: close.to }, newText: "]" },
        ]
      : null;
  ctx.diagnostics.push({
    severity: "error",
    code: "python_tuple_value",
    path: pointer,
    range: rangeOf(n),
    message:
      `${showToken(src(ctx, n))} is a tuple: dlt's rest_api_source refuses it for \`${field}\` (DictValidationException: its ` +
      "config validation wants a list there). Write a list, with square brackets.",
    ...(brackets ? { fixes: [{ title: "Write it as a list", edits: brackets }] } : {}),
  });
}

/**
 * A tuple key: dlt's `rest_api_source` refuses it (`field \`nested_hints\` with key \`('a', 'b')\` must be a
 * \`str\``); in `nested_hints` the fix writes the nested table's path as one string (`"a__b"`), which
 * dlt takes for the same table.
 */
function tupleKeyError(ctx: ConvertContext, key: SyntaxNode, pointer: string): Diagnostic {
  const parts = valueChildren(key).map((c) => (c.name === "String" ? decodePythonString(src(ctx, c)) : null));
  const field = pointer.slice(pointer.lastIndexOf("/") + 1) || "config";
  const strings = parts.every((p): p is string => p !== null) ? parts : null;
  const shown = strings ? `(${strings.map((p) => pyRepr(p)).join(", ")}${strings.length === 1 ? "," : ""})` : src(ctx, key);
  const joined = strings && field === "nested_hints" ? strings.join("__") : null;
  return {
    severity: "error",
    code: "python_tuple_key",
    path: pointer,
    range: rangeOf(key),
    message:
      `${showToken(src(ctx, key))} is a tuple key: dlt's rest_api_source refuses it (DictValidationException: field ` +
      `\`${field}\` with key \`${shown}\` must be a \`str\`). A REST API config takes string keys only` +
      (joined !== null
        ? `: \`dlt.resource\` takes a tuple for a list inside a list, a REST API config the table's path as one string, "${joined}".`
        : "."),
    ...(joined !== null
      ? {
          fixes: [
            { title: `Write the path as one string: "${joined}"`, edits: [{ range: rangeOf(key), newText: JSON.stringify(joined) }] },
          ],
        }
      : {}),
  };
}

function keyOf(ctx: ConvertContext, key: SyntaxNode, pointer: string): string | null {
  const decoded = key.name === "String" || key.name === "ContinuedString" ? convert(ctx, key, pointer) : null;
  const tooLong = decoded?.kind === "string" ? longKey(decoded.value, pointer, rangeOf(key)) : null;
  if (decoded?.kind === "string" && !tooLong) return decoded.value;
  // A tuple of strings, as `dlt.resource(nested_hints=…)` takes a list inside a list: dlt's REST API config
  // validation refuses it in any dict (probed: `DictValidationException`), so the entry is left out.
  if (isStringTuple(key)) {
    ctx.diagnostics.push(tupleKeyError(ctx, key, pointer));
    return null;
  }
  ctx.diagnostics.push(
    tooLong ?? {
      severity: "error",
      code: "invalid_key",
      path: pointer,
      range: rangeOf(key),
      message: `Dict keys must be string literals such as "name"; found ${showToken(src(ctx, key))}.`,
    },
  );
  return null;
}

/** `**other` in a dict display or a `dict(…)` call: not expanded, so its keys are neither checked nor used. */
const unpackWarning = (ctx: ConvertContext, stars: SyntaxNode, operand: SyntaxNode, pointer: string): Diagnostic => ({
  severity: "warning",
  code: "python_unpacking",
  path: pointer,
  range: { start: stars.from, end: operand.to },
  message:
    `\`${src(ctx, stars)}${src(ctx, operand)}\` is not expanded: restplay reads literal dicts only, so the keys it adds are ` +
    "neither checked nor used by runs. Write them out here.",
});

/** The entry `k` (written at `keyNode`) with the value at `valueNode`, a second `k` in the dict told. */
function entryOf(ctx: ConvertContext, seen: Set<string>, k: string, keyNode: SyntaxNode, valueNode: SyntaxNode, pointer: string): DocEntry {
  const childPointer = `${pointer}/${escapeSegment(k)}`;
  if (seen.has(k)) ctx.diagnostics.push(duplicateKeyWarning(k, childPointer, rangeOf(keyNode)));
  seen.add(k);
  const read = convert(ctx, valueNode, childPointer);
  const value = ctx.after ? ctx.after(ctx, read, valueNode, childPointer) : read;
  return { key: k, keyRange: rangeOf(keyNode), value, range: { start: keyNode.from, end: valueNode.to } };
}

/**
 * `dict(type="offset", limit=5)`: Python's dict of keyword arguments, read as the dict it makes (each
 * name a key); a positional argument (`dict(other)`) keeps the call as code. `**other` is told as in a
 * dict display.
 */
function dictCall(ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode | null {
  const callee = n.firstChild;
  const args = n.getChild("ArgList");
  if (!callee || callee.name !== "VariableName" || src(ctx, callee) !== "dict" || !args) return null;
  const entries: DocEntry[] = [];
  const seen = new Set<string>();
  let name: SyntaxNode | null = null;
  let assigned = false;
  let unpack: SyntaxNode | null = null;
  for (let c = args.firstChild; c; c = c.nextSibling) {
    if (c.type.isError) return null;
    if (c.name === "(" || c.name === ")" || c.name === "Comment") continue;
    if (c.name === ",") {
      if (name) return null; // a positional argument (`dict(other, …)`)
      unpack = null;
    } else if (c.name === "**") unpack = c;
    else if (unpack) {
      ctx.diagnostics.push(unpackWarning(ctx, unpack, c, pointer));
      unpack = null;
    } else if (c.name === "AssignOp" && name) assigned = true;
    else if (!name && c.name === "VariableName") name = c;
    else if (name && assigned) {
      entries.push(entryOf(ctx, seen, src(ctx, name), name, c, pointer));
      [name, assigned] = [null, false];
    } else return null;
  }
  // A name left without `=` is a positional argument (`dict(other)`): not a dict restplay can read.
  return name === null ? { kind: "object", range: rangeOf(n), entries } : null;
}

function convertDict(ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode {
  const entries: DocEntry[] = [];
  const seen = new Set<string>();
  let key: SyntaxNode | null = null;
  let colon = false;
  let unpack: SyntaxNode | null = null;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const name = c.name;
    if (c.type.isError || name === "Comment" || name === "{" || name === "}") continue;
    if (name === ",") [key, colon, unpack] = [null, false, null];
    else if (name === "**") unpack = c;
    else if (unpack) {
      ctx.diagnostics.push(unpackWarning(ctx, unpack, c, pointer));
      unpack = null;
    } else if (name === ":") colon = true;
    else if (!key) key = c;
    else if (colon) {
      const k = keyOf(ctx, key, pointer);
      if (k !== null) entries.push(entryOf(ctx, seen, k, key, c, pointer));
      [key, colon] = [null, false];
    }
  }
  return { kind: "object", range: rangeOf(n), entries };
}
