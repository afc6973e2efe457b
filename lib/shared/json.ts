/**
 * JSON values, and keeping the JSON spelling of numbers that `JSON.parse` changes (`NumberText`):
 * `3.0`, `2e2` and `-0.0` are floats for Python and so for dlt's types, and integers beyond 2^53 lose
 * digits. The engine parses response bodies with `parsePythonBody` (`parseBody`, plus Python's `NaN`,
 * `±Infinity` and `1e400` as null with their spellings); the preview parses text that dlt reads with
 * `json.loads` (a `json` column fed text) with `parseBody`.
 * Bodies are parsed with `JSON.parse` when neither a cheap scan of the text nor a walk of the parsed
 * value finds such a number (almost every API), else with `parseJson` below, which gives the same value
 * and records the spellings of every container that holds one (`sink`), so the records the selector
 * picks carry their own.
 */

import { isIndexKey, type KeyOrder } from "./key-order";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * How the API spelled the numbers of a record that `JSON.parse` changes: whole floats (`3.0`, `2e2`,
 * `-0.0`, which Python and so dlt read as floats) and integers beyond 2^53 (which lose precision).
 * Sparse, in the shape of the record, list positions as keys: `{"price": "3.0", "items": {"2": {"qty": "1e3"}}}`.
 * A string's spelling is `DATE_SPELLING`, `TIME_SPELLING`, `DATETIME_SPELLING` or `BYTES_SPELLING`: a Python `date`,
 * `time`, `datetime` or `bytes` a processing step returned (`{"due": "date"}`).
 */
export type NumberText = { [key: string]: string | NumberText };

/**
 * A number ending in a whole fraction (`3.0`) or an exponent (`2e2`), followed by what ends a JSON
 * number: the body may need `parseJson`. A match inside a string only costs the slower parse, never a
 * value. Integers `JSON.parse` rounds (beyond 2^53) are found in the parsed value instead (`safeContainers`):
 * scanning the text for runs of 16+ digits cost three times this scan (docs/performance.md).
 */
const SPELLED = /\d(?:\.0+|[eE][+-]?\d+)(?=[\s,\]}]|$)/;

/**
 * How many arrays and objects the parsed `value` holds (itself included), or -1 when it holds a number
 * beyond ±2^53 − 1 (a rounded integer or a huge float) or, with `indexKeys`, an object with a key
 * JavaScript lists first (an array index: its first key is one), whose order the text may have had
 * otherwise. Iterative: bodies may nest deeply.
 */
function safeContainers(value: Json, indexKeys: boolean): number {
  if (typeof value !== "object" || value === null)
    return typeof value === "number" && !(Math.abs(value) <= Number.MAX_SAFE_INTEGER) ? -1 : 0;
  const stack: Json[] = [value];
  let containers = 0;
  while (stack.length > 0) {
    const v = stack.pop() as Json;
    containers++;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i] as Json;
        if (typeof x === "number") {
          if (!(Math.abs(x) <= Number.MAX_SAFE_INTEGER)) return -1;
        } else if (typeof x === "object" && x !== null) stack.push(x);
      }
    } else {
      const o = v as { readonly [k: string]: Json };
      let first = indexKeys;
      for (const k in o) {
        if (first) {
          if (isIndexKey(k)) return -1;
          first = false;
        }
        const x = o[k] as Json;
        if (typeof x === "number") {
          if (!(Math.abs(x) <= Number.MAX_SAFE_INTEGER)) return -1;
        } else if (typeof x === "object" && x !== null) stack.push(x);
      }
    }
  }
  return containers;
}

/**
 * A response body parsed once with `JSON.parse` when no number in it is spelled in a way
 * `JSON.parse` changes (almost every API), else with `parseJson`, which records the spellings in `sink`.
 */
export function parseBody(text: string, sink: WeakMap<object, NumberText>, options: ParseOptions = {}): Json {
  if (SPELLED.test(text)) return spelled(text, sink, options);
  const value = JSON.parse(text) as Json;
  const containers = safeContainers(value, options.orders !== undefined);
  if (containers < 0) return spelled(text, sink, options);
  if (options.count) options.count.containers = containers;
  return value;
}

/** A lossless read's side tables (`parseLossless`): numbers' spellings and keys' orders, by container. */
export interface SideTables {
  readonly texts: WeakMap<object, NumberText>;
  readonly orders: WeakMap<object, KeyOrder>;
}

/** Empty side tables for a lossless read. */
export const sideTables = (): SideTables => ({ texts: new WeakMap(), orders: new WeakMap() });

/** `parseBody` recording both side tables: text restplay wrote (a state, a sync) read back as it was written. */
export const parseLossless = (text: string, tables: SideTables): Json => parseBody(text, tables.texts, { orders: tables.orders });

export interface ParseOptions {
  /**
   * A number beyond a double's range (`1e400`) as `null`, its spelling recorded: a response body, which
   * Python's json reads as `inf` and dlt's extract writes as null (orjson); else it stays ±Infinity.
   */
  readonly infiniteAsNull?: boolean;
  /** Python's constants (`NaN`, `Infinity`, `-Infinity`) read as `null`, their spelling recorded, as `infiniteAsNull` reads `1e400`. */
  readonly pythonConstants?: boolean;
  /** Where to record the `KeyOrder` of each container whose keys JavaScript orders otherwise than the text (and of those above it). */
  readonly orders?: WeakMap<object, KeyOrder>;
  /**
   * Where the parse writes how many arrays and objects the value holds when its walk of the value counted
   * them (the usual body); left as it was when the text was read otherwise (`openersUpTo` bounds it then).
   */
  readonly count?: { containers: number };
}

/**
 * The text with Python's JSON constants (`NaN`, `Infinity`, `-Infinity`, which Python's `json` reads and
 * APIs built on it send) written as `null` outside strings, as dlt's extract step leaves them (orjson
 * writes a float that is not finite as null); `null` when the text has none.
 */
export function withoutPythonConstants(text: string): string | null {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      continue;
    }
    const m = c === 0x4e || c === 0x49 || c === 0x2d ? /^(?:NaN|-?Infinity)/.exec(text.slice(i, i + 9)) : null;
    if (!m) continue;
    out += `${text.slice(from, i)}null`;
    i += m[0].length - 1;
    from = i + 1;
  }
  return from === 0 ? null : out + text.slice(from);
}

/**
 * A response body as Python's json reads it: `parseBody` with `infiniteAsNull`, and a text that is not
 * JSON read again accepting Python's constants (`NaN`, `±Infinity`, which APIs built on Python send).
 * A value that is not finite for Python is `null` (dlt's extract writes it so) with its spelling in
 * `sink` (`nonFiniteText`): a request that carries it sends Python's `str()` (`nan`, `inf`). Throws
 * `JSON.parse`'s error for a text that is not JSON either way.
 */
export function parsePythonBody(text: string, sink: WeakMap<object, NumberText>, options: ParseOptions = {}): Json {
  const opts = { ...options, infiniteAsNull: true };
  try {
    return parseBody(text, sink, opts);
  } catch (e) {
    if (!/NaN|Infinity/.test(text)) throw e;
    try {
      return parseJson(text, sink, { ...opts, pythonConstants: true });
    } catch (again) {
      // Nested too deep for `parseJson`: read without the spellings, as `spelled` does.
      const plain = again instanceof RangeError ? withoutPythonConstants(text) : null;
      if (plain !== null) return JSON.parse(plain) as Json;
      throw e;
    }
  }
}

/**
 * The spelling that marks a string as a Python `date` (its ISO text): what a processing step returned (lib/shared/pystep
 * `fromPy`), which dlt's normaliser types as `date`, where the text alone would be `text`. A spelling in the same side
 * table as numbers' (one vocabulary, carried wherever a record's spellings go: page events, the browser's stream).
 */
export const DATE_SPELLING = "date";
/** The same for a Python `time` (its `isoformat()`), which dlt's normaliser types as `time`. */
export const TIME_SPELLING = "time";
/**
 * The same for a Python `datetime` (its `isoformat()`), which dlt's normaliser types as `timestamp` whatever column it
 * meets: a text column takes its ISO text, a bigint column makes the variant `__v_timestamp` (text would make `__v_text`).
 */
export const DATETIME_SPELLING = "timestamp";
/** The same for Python `bytes` (`0x` and their hex), which dlt's normaliser types as `binary`. */
export const BYTES_SPELLING = "binary";

/** The spellings that name a Python type (each the dlt data type of the value), not a number's lexeme. */
const TYPE_SPELLINGS: ReadonlySet<string> = new Set([DATE_SPELLING, TIME_SPELLING, DATETIME_SPELLING, BYTES_SPELLING]);

/** Whether a number's spelling is one Python reads as a float that is not finite (`NaN`, `-Infinity`, `1e400`). */
export const nonFiniteText = (spelling: string): boolean => !TYPE_SPELLINGS.has(spelling) && !Number.isFinite(Number(spelling));

/** Whether a value may have a spelling recorded: a number, or the `null` a number not finite for Python was read as. */
export const spellable = (v: unknown): v is number | null => typeof v === "number" || v === null;

/**
 * `parseJson`, or `JSON.parse` without the spellings for a body nested too deeply for its recursion
 * (tens of thousands of levels; Python's json, and so dlt, gives up beyond about a thousand): it is
 * JSON, so it is read, not refused as "not JSON".
 */
function spelled(text: string, sink: WeakMap<object, NumberText>, options: ParseOptions): Json {
  try {
    return parseJson(text, sink, options);
  } catch (e) {
    if (e instanceof RangeError) return JSON.parse(text) as Json;
    throw e;
  }
}

/** Whether a number's JSON spelling is a float for Python (a fraction or an exponent: `2.0`, `1e3`). */
export const floatSpelling = (lexeme: string): boolean => /[.eE]/.test(lexeme);

/** Whether `JSON.parse` changes what `lexeme` means to Python. */
function changed(lexeme: string, value: number): boolean {
  if (floatSpelling(lexeme)) return Number.isInteger(value);
  return !Number.isSafeInteger(value);
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** An own property, as `JSON.parse` makes it (`__proto__` included, never the prototype). */
function own<T>(obj: { [k: string]: T }, key: string, v: T): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
  else obj[key] = v;
}

/** Whether JavaScript lists `obj`'s keys as the text had them (`keys`, first places of duplicates). */
function sameOrder(keys: readonly string[], obj: object): boolean {
  let n = 0;
  for (const k in obj) if (keys[n++] !== k) return false;
  return true;
}

/** A container's `KeyOrder`: its own keys' order where it differs, the orders below it; `null` when neither. */
function orderOf(keys: readonly string[] | null, at: { [key: string]: KeyOrder } | null): KeyOrder | null {
  if (keys === null && at === null) return null;
  return { ...(keys !== null ? { keys } : {}), ...(at !== null ? { at } : {}) };
}

/** A JSON scalar (number, `true`, `false`, `null`); with Python's constants too. */
const SCALAR = () => /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const PY_SCALAR = () => /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity/y;

/**
 * `JSON.parse(text)` that also fills `sink` with the `NumberText` of each container holding a changed number
 * and, with `options.orders`, that with the `KeyOrder` of each container whose keys JavaScript orders otherwise.
 */
export function parseJson(text: string, sink: WeakMap<object, NumberText>, options: ParseOptions = {}): Json {
  let i = 0;
  const fail = (): never => {
    JSON.parse(text);
    throw new SyntaxError(`Unexpected token in JSON at position ${i}`);
  };
  const skip = () => {
    while (WS.has(text.charCodeAt(i))) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (Number.isNaN(c) || c < 0x20) fail();
      i += c === 0x5c ? 2 : 1;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const orders = options.orders;
  // Returns the value and, when it is a changed number or a container holding one, its spelling; and a
  // container's `KeyOrder` (recorded only with `orders`) when it or one below needs one.
  const value = (): [Json, string | NumberText | null, KeyOrder | null] => {
    skip();
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: { [k: string]: Json } = {};
      let t: NumberText | null = null;
      let at: { [key: string]: KeyOrder } | null = null;
      let indexKey = false;
      const keys: string[] = [];
      skip();
      if (text[i] === "}") i++;
      else
        for (;;) {
          skip();
          if (text[i] !== '"') fail();
          const key = str();
          skip();
          if (text[i++] !== ":") fail();
          const [v, vt, vo] = value();
          if (orders && !Object.hasOwn(obj, key)) {
            keys.push(key);
            indexKey ||= isIndexKey(key);
          }
          own(obj, key, v);
          if (vt !== null) own((t ??= {}), key, vt);
          else if (t && Object.hasOwn(t, key)) delete t[key];
          if (vo !== null) own((at ??= {}), key, vo);
          else if (at && Object.hasOwn(at, key)) delete at[key];
          skip();
          if (text[i] === ",") i++;
          else if (text[i++] === "}") break;
          else fail();
        }
      if (t) sink.set(obj, t);
      const o = orderOf(indexKey && !sameOrder(keys, obj) ? keys : null, at);
      if (o) orders?.set(obj, o);
      return [obj, t, o];
    }
    if (c === "[") {
      i++;
      const arr: Json[] = [];
      let t: NumberText | null = null;
      let at: { [key: string]: KeyOrder } | null = null;
      skip();
      if (text[i] === "]") i++;
      else
        for (;;) {
          const [v, vt, vo] = value();
          if (vt !== null) (t ??= {})[String(arr.length)] = vt;
          if (vo !== null) (at ??= {})[String(arr.length)] = vo;
          arr.push(v);
          skip();
          if (text[i] === ",") i++;
          else if (text[i++] === "]") break;
          else fail();
        }
      if (t) sink.set(arr, t);
      const o = orderOf(null, at);
      if (o) orders?.set(arr, o);
      return [arr, t, o];
    }
    if (c === '"') return [str(), null, null];
    const m = options.pythonConstants ? PY_SCALAR() : SCALAR();
    m.lastIndex = i;
    const hit = m.exec(text);
    if (!hit) return fail();
    i = m.lastIndex;
    const lexeme = hit[0];
    if (lexeme === "true" || lexeme === "false" || lexeme === "null") return [JSON.parse(lexeme) as Json, null, null];
    const n = Number(lexeme);
    // Not finite for Python (`1e400`, `NaN`): null, as dlt's extract writes it, its spelling kept for requests.
    if (options.infiniteAsNull && !Number.isFinite(n)) return [null, lexeme, null];
    return [n, changed(lexeme, n) ? lexeme : null, null];
  };
  const [result] = value();
  skip();
  if (i !== text.length) fail();
  return result;
}

/** Python's json gives up at this depth (`RecursionError`): dlt's `response.json()` cannot read a body nested so deep. */
export const PYTHON_JSON_DEPTH = 1000;

/** How many opening brackets `text` holds, counted up to `limit` (native searches): a text with fewer cannot nest that deep. */
export function openersUpTo(text: string, limit: number): number {
  let openers = 0;
  for (const c of ["[", "{"]) for (let i = text.indexOf(c); i !== -1 && openers < limit; i = text.indexOf(c, i + 1)) openers++;
  return openers;
}

/**
 * Whether JSON `text`, holding at most `openers` arrays and objects (its parse's count, or its opening
 * brackets: `openersUpTo`), nests them `limit` levels deep or more. A text with fewer than that cannot (the
 * common page); only a text with as many is scanned, strings skipped.
 */
export function nestedAtLeast(text: string, openers: number, limit: number): boolean {
  if (openers < limit) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth >= limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * orjson, which dlt's extract step writes items with, stops at this depth (`TypeError: Recursion limit
 * reached`): a page (the list of records dlt writes) nested this deep fails dlt's extract.
 */
export const ORJSON_DEPTH = 255;

/**
 * Whether a parsed value nests arrays and objects `limit` levels deep or more (itself included). It
 * descends into containers only, and at most `limit` levels (a value this deep was parsed by V8 first).
 */
export function depthAtLeast(value: Json, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (limit <= 1) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (depthAtLeast(value[i] as Json, limit - 1)) return true;
  } else for (const k in value) if (depthAtLeast(value[k] as Json, limit - 1)) return true;
  return false;
}
