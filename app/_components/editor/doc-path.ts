/** Where an offset sits in the document tree: the key path for hovers and the enclosing object for completions. */
import type { DocNode, Range } from "@/lib/formats";

export type Path = (string | number)[];

const inside = (r: Range, offset: number) => r.start <= offset && offset < r.end;

/** The entry whose key (or scalar value) is at `offset`, as a path; `null` between entries. */
export function locateKey(root: DocNode | null, offset: number): { path: Path; range: Range } | null {
  const walk = (node: DocNode, path: Path): { path: Path; range: Range } | null => {
    if (node.kind === "object") {
      for (const e of node.entries) {
        if (inside(e.keyRange, offset)) return { path: [...path, e.key], range: e.keyRange };
        if (inside(e.value.range, offset)) {
          const deeper = e.value.kind === "object" || e.value.kind === "array" ? walk(e.value, [...path, e.key]) : null;
          return (
            deeper ?? (e.value.kind === "object" || e.value.kind === "array" ? null : { path: [...path, e.key], range: e.value.range })
          );
        }
      }
    } else if (node.kind === "array") {
      for (const [i, item] of node.items.entries()) if (inside(item.range, offset)) return walk(item, [...path, i]);
    }
    return null;
  };
  return root && inside(root.range, offset) ? walk(root, []) : null;
}

/** Children of an object or list whose value range holds `offset` (both ends included), with their paths. */
function* childrenAt(node: DocNode, path: Path, offset: number): Generator<[DocNode, Path]> {
  const holds = (r: Range) => r.start <= offset && offset <= r.end;
  if (node.kind === "object") {
    for (const e of node.entries) if (holds(e.value.range)) yield [e.value, [...path, e.key]];
  } else if (node.kind === "array") {
    for (const [i, item] of node.items.entries()) if (holds(item.range)) yield [item, [...path, i]];
  }
}

/** The deepest path `leaf` accepts, descending through the children that hold `offset`. */
function deepest(root: DocNode | null, offset: number, leaf: (node: DocNode, path: Path) => Path | null): Path | null {
  const walk = (node: DocNode, path: Path): Path | null => {
    for (const [child, childPath] of childrenAt(node, path, offset)) {
      const found = walk(child, childPath);
      if (found) return found;
    }
    return leaf(node, path);
  };
  return root ? walk(root, []) : null;
}

/**
 * The path of the innermost object (dict / mapping) whose braces enclose `offset`. With the document's
 * `text`, a Python dict being written counts too: `{""}` (a set, right after typing `"` in `{}`) and
 * `dict(…)` are read as Python expressions, not dicts.
 */
export function objectPathAt(root: DocNode | null, offset: number, text?: string): Path | null {
  return deepest(root, offset, (node, path) => {
    if (node.kind === "object") return node.range.start < offset && offset <= node.range.end ? path : null;
    if (node.kind !== "python" || text === undefined) return null;
    const open = /^(?:\{|dict\()/.exec(text.slice(node.range.start, node.range.start + 5))?.[0].length ?? 0;
    return open > 0 && node.range.start + open <= offset && offset < node.range.end ? path : null;
  });
}

/** The string value whose token holds `offset` (its end included: YAML plain scalars end at the cursor). */
export function stringAt(root: DocNode | null, offset: number): Path | null {
  return deepest(root, offset, (node, path) =>
    node.kind === "string" && node.range.start < offset && offset <= node.range.end ? path : null,
  );
}

/** Whether `offset` is between the quotes of a string value (not at its ends). */
export const insideString = (root: DocNode | null, offset: number): boolean =>
  deepest(root, offset, (node, path) => (node.kind === "string" && node.range.start < offset && offset < node.range.end ? path : null)) !==
  null;

/** The expression typed after an open `{` on this line up to the cursor, or null (`{{` is an escape). */
export function openPlaceholder(linePrefix: string): { typed: string; braceIndex: number } | null {
  const brace = linePrefix.lastIndexOf("{");
  if (brace < 0 || linePrefix[brace - 1] === "{") return null;
  const typed = linePrefix.slice(brace + 1);
  return /^[\w.]*$/.test(typed) ? { typed, braceIndex: brace } : null;
}

type Container = Record<string, unknown> | unknown[];
type Frame = {
  kind: "dict" | "list" | "call";
  path: Path | null;
  index: number;
  key: string | null;
  value: Container | null;
  call: boolean;
};
/**
 * The dict around the cursor, read from the text: its path, the config up to the cursor, whether it is
 * `dict(…)`, and whether the cursor is in a string value (where no key goes).
 */
export type TextDict = { path: Path; root: unknown; kwargs: boolean; inValue: boolean };

/** A string's opening quote (with its prefix) and a name, matched where the reading is (sticky: no slices). */
const QUOTE = /[rRbBuUfF]{0,2}("""|'''|"|')/y;
const NAME = /[A-Za-z_]\w*/y;

/**
 * The key path of the dict (`{…}` or `dict(…)`) around `offset`, read from the Python text alone from the
 * config's opening brace at `from`, with the config as far as the cursor (its dicts, lists and string
 * values; other values as `null`): for a text that does not parse, where the parser's recovery can put
 * the cursor in the wrong dict. `null` where the path goes through anything else (a call's arguments).
 */
export function pythonDictPathAt(text: string, from: number, offset: number): TextDict | null {
  const stack: Frame[] = [];
  let lastString: string | null = null;
  let lastName: string | null = null;
  /** Puts a value in the innermost container, at its key or list index. */
  const place = (v: unknown) => {
    const top = stack.at(-1);
    if (Array.isArray(top?.value)) top.value[top.index] = v;
    else if (top?.value && top.key !== null) top.value[top.key] = v;
  };
  const found = (inValue = false): TextDict | null => {
    const top = stack.at(-1);
    return top?.path ? { path: top.path, root: stack[0]?.value, kwargs: top.call, inValue } : null;
  };
  const childPath = (): Path | null => {
    const top = stack.at(-1);
    if (!top) return [];
    if (top.path === null) return null;
    if (top.kind === "list") return [...top.path, top.index];
    return top.kind === "dict" && top.key !== null ? [...top.path, top.key] : null;
  };
  let i = from;
  while (i < offset) {
    const c = text[i] ?? "";
    QUOTE.lastIndex = i;
    const quote = QUOTE.exec(text);
    if (quote && (quote[0].length === quote[1]!.length || !/\w/.test(text[i - 1] ?? ""))) {
      const q = quote[1]!;
      let j = i + quote[0].length;
      while (j < text.length && !text.startsWith(q, j) && (q.length === 3 || text[j] !== "\n")) j += text[j] === "\\" ? 2 : 1;
      const top = stack.at(-1);
      // The cursor is in this string: a key being typed in the innermost dict, or a value.
      if (j >= offset) return top?.kind === "dict" ? found(top.key !== null) : null;
      lastString = text.slice(i + quote[0].length, j);
      if (top?.kind === "list" || (top?.kind === "dict" && top.key !== null)) place(lastString);
      i = j + q.length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text)?.[0];
    if (name && !/\w/.test(text[i - 1] ?? "")) {
      lastName = name;
      i += name.length;
      continue;
    }
    const top = stack.at(-1);
    if (c === "#") i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
    else if (c === "{" || c === "[" || c === "(") {
      const kind = c === "{" ? "dict" : c === "[" ? "list" : lastName === "dict" ? "dict" : "call";
      const value: Container | null = kind === "dict" ? {} : kind === "list" ? [] : null;
      if (value) place(value);
      stack.push({ kind, path: childPath(), index: 0, key: null, value, call: c === "(" });
    } else if (c === "}" || c === "]" || c === ")") {
      stack.pop();
      if (stack.length === 0) return null;
    } else if (c === ":" && top?.kind === "dict") top.key = lastString;
    else if (c === "=" && text[i + 1] !== "=" && top?.kind === "dict") top.key = lastName;
    else if (c === "," && top) {
      if (top.kind === "dict" && top.key !== null && top.value && !(top.key in top.value)) place(null);
      top.index++;
      top.key = null;
    }
    if (!/\s/.test(c)) {
      if (c !== ":" && c !== "=") lastString = null;
      if (c !== "(") lastName = null;
    }
    i++;
  }
  return stack.at(-1)?.kind === "dict" ? found() : null;
}
