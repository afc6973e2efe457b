/**
 * Python's `bytes` for a step, as far as text is hashed and encoded (`s.encode()`, `hashlib.sha256(…).digest()`,
 * `base64.b64encode(…).decode()`, `b"…"` literals): its repr, equality, `decode`, `hex` and `len`, with CPython 3.11's
 * codecs `utf-8`, `ascii` and `latin-1` and the error handlers `strict`, `ignore` and `replace`.
 */
import { args } from "./dates";
import { NotModelled, PyError, PyObject, typeError, typeName, type PyVal } from "./values";

type Kw = ReadonlyMap<string, PyVal>;

export class PyBytes extends PyObject {
  readonly type = "bytes";
  constructor(readonly bytes: Uint8Array) {
    super();
  }
  /** `b'…'` as CPython writes it: `'` unless the bytes hold `'` and no `"`; `\t\n\r`, `\\`, `\xNN` outside printable ASCII. */
  repr(): string {
    const quote = this.bytes.includes(0x27) && !this.bytes.includes(0x22) ? '"' : "'";
    let out = "";
    for (const b of this.bytes) {
      if (b === 0x5c) out += "\\\\";
      else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
      else if (b === 0x09) out += "\\t";
      else if (b === 0x0a) out += "\\n";
      else if (b === 0x0d) out += "\\r";
      else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
      else out += String.fromCharCode(b);
    }
    return `b${quote}${out}${quote}`;
  }
  hash(): string {
    return `B${this.hex()}`;
  }
  equals(o: PyVal): boolean {
    return o instanceof PyBytes && o.bytes.length === this.bytes.length && o.bytes.every((b, i) => b === this.bytes[i]);
  }
  override truthy(): boolean {
    return this.bytes.length > 0;
  }
  hex(): string {
    return Array.from(this.bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    if (name === "hex") return (args("hex", [], a, kw, 0), this.hex());
    if (name !== "decode") return undefined;
    const p = args("decode", ["encoding", "errors"], a, kw, 0);
    return decode(this.bytes, codec(p.get("encoding") ?? "utf-8"), handler(p.get("errors") ?? "strict"));
  }
}

type Codec = "utf-8" | "ascii" | "latin-1";
type Handler = "strict" | "ignore" | "replace";

function codec(v: PyVal): Codec {
  if (typeof v !== "string") throw typeError(`encode() argument 'encoding' must be str, not ${typeName(v)}`);
  const n = v.toLowerCase().replace(/_/g, "-");
  if (n === "utf-8" || n === "utf8") return "utf-8";
  if (n === "ascii" || n === "us-ascii") return "ascii";
  if (["latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1"].includes(n)) return "latin-1";
  throw new NotModelled(`the \`${v}\` codec`);
}

function handler(v: PyVal): Handler {
  if (v === "strict" || v === "ignore" || v === "replace") return v;
  throw new NotModelled(`the \`${typeof v === "string" ? v : typeName(v)}\` error handler`);
}

/** `s.encode(encoding, errors)`. */
export function encode(s: string, a: PyVal[], kw: Kw): PyBytes {
  const p = args("encode", ["encoding", "errors"], a, kw, 0);
  const c = codec(p.get("encoding") ?? "utf-8");
  const h = handler(p.get("errors") ?? "strict");
  if (c === "utf-8") {
    // A lone surrogate (which JavaScript text may hold) is what CPython's strict utf-8 refuses.
    if (h === "strict" && /[\uD800-\uDFFF]/u.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")))
      throw new PyError("UnicodeEncodeError", "'utf-8' codec can't encode a surrogate: surrogates not allowed");
    return new PyBytes(new TextEncoder().encode(s));
  }
  const max = c === "ascii" ? 0x7f : 0xff;
  const out: number[] = [];
  [...s].forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    if (cp <= max) out.push(cp);
    else if (h === "replace") out.push(0x3f);
    else if (h === "strict") {
      const shown =
        cp <= 0xff
          ? `\\x${cp.toString(16)}`
          : cp <= 0xffff
            ? `\\u${cp.toString(16).padStart(4, "0")}`
            : `\\U${cp.toString(16).padStart(8, "0")}`;
      const codecName = c === "ascii" ? "ascii" : "latin-1";
      const why = `ordinal not in range(${max + 1})`;
      throw new PyError("UnicodeEncodeError", `'${codecName}' codec can't encode character '${shown}' in position ${i}: ${why}`);
    }
  });
  return new PyBytes(Uint8Array.from(out));
}

function decode(bytes: Uint8Array, c: Codec, h: Handler): string {
  if (c === "latin-1") return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  if (c === "ascii") {
    let out = "";
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b < 0x80) out += String.fromCharCode(b);
      else if (h === "replace") out += "\ufffd";
      else if (h === "strict")
        throw new PyError(
          "UnicodeDecodeError",
          `'ascii' codec can't decode byte 0x${b.toString(16)} in position ${i}: ordinal not in range(128)`,
        );
    }
    return out;
  }
  if (h === "replace") return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    if (h === "ignore") return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).replace(/\ufffd/g, "");
    throw new PyError("UnicodeDecodeError", "'utf-8' codec can't decode the bytes: invalid utf-8");
  }
}

/** A `bytes` argument (`hashlib.sha256(x)`, `base64.b64encode(x)`), with CPython's TypeError for text and the rest. */
export function bytesOf(v: PyVal, text: string): Uint8Array {
  if (v instanceof PyBytes) return v.bytes;
  throw typeError(typeof v === "string" ? text : `a bytes-like object is required, not '${typeName(v)}'`);
}
