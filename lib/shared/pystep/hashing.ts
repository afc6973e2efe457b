/**
 * Python's `hashlib` (`md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512`) and `base64` (`b64encode`, `b64decode` and
 * their `urlsafe_` forms) for a step: dlt's docs pseudonymise a column with `hashlib.sha256()`, `update(….encode())`
 * and `base64.b64encode(sh.digest()).decode("ascii")`. The digests are @noble/hashes' (audited, the browser's too).
 */
import { md5, sha1 } from "@noble/hashes/legacy";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2";
import { base64Bytes } from "../mask";
import { BASE64_ALPHABET } from "../shake";
import { bytesOf, PyBytes } from "./bytes";
import { args } from "./dates";
import { PyModule } from "./module";
import { PyError, PyObject, typeError, type PyVal } from "./values";

type Kw = ReadonlyMap<string, PyVal>;
const ALGORITHMS = { md5, sha1, sha224, sha256, sha384, sha512 } as const;
type Algorithm = keyof typeof ALGORITHMS;
type Hasher = ReturnType<(typeof ALGORITHMS)[Algorithm]["create"]>;

const TEXT_TO_HASH = "Strings must be encoded before hashing";
/** The attributes of a hash object a step may read. */
export const HASH_ATTRIBUTES = ["name", "digest_size", "block_size"];

/** A hash object (`hashlib.sha256()`): `update`, `digest`, `hexdigest`, `copy`, `name`, `digest_size`, `block_size`. */
let made = 0;

class PyHash extends PyObject {
  readonly type = "_hashlib.HASH";
  /** Hashed by identity, as CPython hashes a hash object. */
  private readonly id = ++made;
  constructor(
    readonly algorithm: Algorithm,
    private readonly h: Hasher,
  ) {
    super();
  }
  repr(): string {
    return `<${this.algorithm} _hashlib.HASH object>`;
  }
  hash(): string {
    return `H${this.id}`;
  }
  equals(o: PyVal): boolean {
    return o === this;
  }
  override attr(name: string): PyVal | undefined {
    if (name === "name") return this.algorithm;
    if (name === "digest_size") return this.h.outputLen;
    if (name === "block_size") return this.h.blockLen;
    return undefined;
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    switch (name) {
      case "update":
        this.h.update(bytesOf(args("update", ["obj"], a, kw, 1).get("obj")!, TEXT_TO_HASH));
        return null;
      case "digest":
        return (args("digest", [], a, kw, 0), new PyBytes(this.h.clone().digest()));
      case "hexdigest":
        return (args("hexdigest", [], a, kw, 0), new PyBytes(this.h.clone().digest()).hex());
      case "copy":
        return (args("copy", [], a, kw, 0), new PyHash(this.algorithm, this.h.clone()));
      default:
        return undefined;
    }
  }
}

function constructor(algorithm: Algorithm) {
  return (a: PyVal[], kw: Kw): PyVal => {
    if (a.length > 1) throw typeError(`openssl_${algorithm}() takes at most 1 positional argument (${a.length} given)`);
    for (const k of kw.keys())
      if (k !== "string" && k !== "usedforsecurity") throw typeError(`'${k}' is an invalid keyword argument for openssl_${algorithm}()`);
    const h = ALGORITHMS[algorithm].create();
    const data = a[0] ?? kw.get("string");
    if (data !== undefined && data !== null) h.update(bytesOf(data, TEXT_TO_HASH));
    return new PyHash(algorithm, h);
  };
}

export function hashlibModule(): PyModule {
  const fns: Record<string, (a: PyVal[], kw: Kw) => PyVal> = {};
  for (const name of Object.keys(ALGORITHMS) as Algorithm[]) fns[name] = constructor(name);
  return new PyModule("hashlib", fns);
}

function b64encode(bytes: Uint8Array, urlsafe: boolean): PyBytes {
  const text = base64Bytes(bytes);
  const out = urlsafe ? text.replace(/\+/g, "-").replace(/\//g, "_") : text;
  return new PyBytes(Uint8Array.from(out, (ch) => ch.charCodeAt(0)));
}

/** `b64decode(s)` as CPython reads it without `validate`: characters outside the alphabet are skipped, padding is checked. */
function b64decode(v: PyVal, urlsafe: boolean): PyBytes {
  let text: string;
  if (typeof v === "string") {
    if (/[\u0080-\uffff]/.test(v)) throw new PyError("ValueError", "string argument should contain only ASCII characters");
    text = v;
  } else text = Array.from(bytesOf(v, ""), (b) => String.fromCharCode(b)).join("");
  if (urlsafe) text = text.replace(/-/g, "+").replace(/_/g, "/");
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, "");
  const data = clean.includes("=") ? clean.slice(0, clean.indexOf("=")) : clean;
  const padded = clean.length - data.length;
  if (data.length % 4 === 1)
    throw new PyError(
      "Error",
      `Invalid base64-encoded string: number of data characters (${data.length}) cannot be 1 more than a multiple of 4`,
    );
  if (padded < (4 - (data.length % 4)) % 4) throw new PyError("Error", "Incorrect padding");
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of data) {
    acc = (acc << 6) | BASE64_ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return new PyBytes(Uint8Array.from(out));
}

const B64_TEXT = "a bytes-like object is required, not 'str'";

export function base64Module(): PyModule {
  const enc = (name: string, urlsafe: boolean) => (a: PyVal[], kw: Kw) =>
    b64encode(bytesOf(args(name, ["s"], a, kw, 1).get("s")!, B64_TEXT), urlsafe);
  const dec = (name: string, urlsafe: boolean) => (a: PyVal[], kw: Kw) => b64decode(args(name, ["s"], a, kw, 1).get("s")!, urlsafe);
  return new PyModule("base64", {
    b64encode: enc("b64encode", false),
    b64decode: dec("b64decode", false),
    urlsafe_b64encode: enc("urlsafe_b64encode", true),
    urlsafe_b64decode: dec("urlsafe_b64decode", true),
  });
}
