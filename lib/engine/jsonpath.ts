/**
 * JSONPath compiled once per run (ARCHITECTURE "Performance habits") and evaluated as dlt evaluates
 * it: parsed by jsonpath-ng's own grammar and found with its semantics (lib/shared/jsonpath-ng), so
 * `items[*]` on a dict, a filter, `a | b` or `a where b` select what dlt's `find_values` selects.
 * Paths made only of names (`data`, `$.a.b`, `['@odata.nextLink']`) become direct walks through dicts,
 * which is what jsonpath-ng does with them. A path dlt cannot read, or whose evaluation fails in dlt
 * (an index on a dict, comparing text with a number), is a `selector_error`.
 */
import {
  findValues,
  hasRegex,
  JsonPathEvalError,
  JsonPathSyntaxError,
  parseJsonPath,
  refusedMessage,
  shownPath,
  withinTime,
  type PathNode,
  type Texts,
} from "../shared/jsonpath-ng";
import { EngineError, type Json } from "./types";
import { sentNumber, spellable } from "../shared";

/**
 * A path's values in `json`; `texts`: the body's number spellings (`parseBody`'s sink), for `str()` and
 * `sorted`, and key orders (`*`, `..`); `asSent`: a number found with a spelling is Python's (`sentNumber`), as a request carries it.
 */
export type CompiledPath = (json: Json | undefined, texts?: Texts, asSent?: boolean) => Json[];

/** The names of a path made only of single names (and a leading `$`), or null. */
function names(n: PathNode): string[] | null {
  if (n.k === "root") return [];
  if (n.k === "fields") return n.names.length === 1 && n.names[0] !== "*" ? [n.names[0] as string] : null;
  if (n.k !== "child") return null;
  const left = names(n.left);
  const right = left && n.right.k === "fields" ? names(n.right) : null;
  return left && right ? [...left, ...right] : null;
}

function walk(keys: readonly string[]): CompiledPath {
  return (json, texts, asSent) => {
    let cur: Json | undefined = json;
    let container: object | null = null;
    for (const k of keys) {
      if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, k)) return [];
      container = cur;
      cur = cur[k];
    }
    if (cur === undefined) return [];
    const spelled = asSent && spellable(cur) && container !== null ? texts?.get(container)?.[keys.at(-1) as string] : undefined;
    return [typeof spelled === "string" ? sentNumber(cur as number | null, spelled) : cur];
  };
}

export function compilePath(path: string): CompiledPath {
  let tree: PathNode;
  try {
    tree = parseJsonPath(path);
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    throw new EngineError("selector_error", refusedMessage(path, e));
  }
  const keys = names(tree);
  if (keys) return walk(keys);
  const regex = hasRegex(tree);
  return (json, texts, asSent) => {
    if (json === undefined) return [];
    try {
      return regex ? withinTime(() => findValues(tree, json, texts, asSent)) : findValues(tree, json, texts, asSent);
    } catch (e) {
      if (!(e instanceof JsonPathEvalError)) throw e;
      throw new EngineError("selector_error", `The JSONPath \`${shownPath(path)}\` could not be evaluated: ${e.message}.`);
    }
  };
}

/** First match or `undefined`. */
export function firstMatch(path: CompiledPath, json: Json | undefined): Json | undefined {
  return path(json)[0];
}

/** First match as a request carries it (a number `JSON.parse` changed is Python's: `sentNumber`), or `undefined`. */
export function firstMatchAsSent(path: CompiledPath, json: Json | undefined, texts: Texts): Json | undefined {
  return path(json, texts, true)[0];
}
