/**
 * Long because it is one reader of Python's pattern syntax (sre_parse.py, 3.11) with its errors, one case per construct.
 * Translates a Python `re` pattern into a JavaScript RegExp source (the `u` flag) that matches what Python's matches, or
 * raises `re.error` with Python's message where Python refuses the pattern, and `NotModelled` where JavaScript has no
 * exact equivalent (possessive quantifiers, atomic groups, conditionals, scoped flags, `\N{…}`). Where the two differ it
 * writes Python's meaning out: `.` and `$` (only `\n` ends a line), `^`/`\A`/`\Z`, `\d`/`\w`/`\s`/`\b` by Unicode
 * classes (CPython's `str.isalnum`/`isdecimal`/`isspace`; equal for every code point of Unicode 14, CPython 3.11's
 * database), `{` that is no quantifier, `]` first in a class, octal escapes, `(?P<n>…)`/`(?P=n)`, verbose mode.
 */
import { NotModelled, PyError } from "./values";

/** Python's flag values (`re.I` …), as `re.compile(p, flags)` reads them. */
export const RE_FLAGS = { A: 256, I: 2, L: 4, M: 8, S: 16, U: 32, X: 64 } as const;

export interface Translated {
  readonly source: string;
  /** Global flags, with the inline `(?i)`-style ones of the pattern added (`pattern.flags`, with `re.U` for text). */
  readonly flags: number;
  readonly groups: number;
  readonly names: ReadonlyMap<string, number>;
  /** An empty match may come first where a longer one exists (`|`, lazy quantifiers): the scan retries non-empty. */
  readonly prefersEmpty: boolean;
  /**
   * The longest text it scans without a time limit (./regex.ts runs a longer one under it). A backtracking engine's work on
   * one text grows with the text's length to the power of its unbounded repetitions plus one (`\s+c` over 4,000 spaces:
   * 45 ms, over 20,000: 0.5 s), and about 2 to the power of its choices (each repetition of a varying count, each `|`):
   * `a*a*` then `a?` × 6 and `c` takes 1 s over 200 characters, `a?` × 12 hours. So (measured in Node 20): any length
   * for no unbounded repetition and one choice at most (`\d{4}-\d{2}`, `(jpg|png)`: linear, 0.13 s over 1,000,000
   * characters); 2,000 for one unbounded repetition and two choices at most (`\s+`, `<[^>]+>`: quadratic, ≤ 20 ms);
   * 200 for two unbounded repetitions and four choices, or none and twelve (≤ 20 ms); else 0 (always under the limit),
   * and for a repetition of what holds a repetition or `|` or a backreference.
   */
  readonly directUpTo: number;
}

export const reError = (msg: string, pos?: number) => new PyError("error", pos === undefined ? msg : `${msg} at position ${pos}`);

const WORD_U = String.raw`\p{L}\p{N}_`;
const DIGIT_U = String.raw`\p{Nd}`;
const SPACE_U = String.raw`\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const ASCII = { w: "A-Za-z0-9_", d: "0-9", s: String.raw` \t\n\r\f\v` };
const SYNTAX = new Set("^$\\.*+?()[]{}|/");
const CLASS_SPECIAL = new Set("\\]-[^");
const OCT = /[0-7]/;
const HEX = /^[0-9a-fA-F]+$/;
const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

/** A code point as a JavaScript pattern's literal (in a class or not). */
function literal(c: number, inClass: boolean): string {
  const ch = String.fromCodePoint(c);
  if ((inClass ? CLASS_SPECIAL : SYNTAX).has(ch)) return `\\${ch}`;
  return c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) ? `\\u{${c.toString(16)}}` : ch;
}

/** A piece of the pattern: its JavaScript text, whether Python lets it be repeated, whether it can match nothing. */
interface Atom {
  readonly text: string;
  readonly repeatable: boolean | "nothing";
  readonly empty: boolean;
}

interface Group {
  closed: boolean;
  /** It may not take part in a match that reaches a later reference (a `|`, `?`, `*`, a negative lookaround). */
  conditional: boolean;
}

class Reader {
  private i = 0;
  private readonly cs: number[];
  private flags: number;
  private readonly groups: Group[] = [];
  private readonly names = new Map<string, number>();
  private prefersEmpty = false;
  /** Repetitions and `|`s read so far (a repetition of an atom holding some is `risky`), unbounded repetitions. */
  private nested = 0;
  private unbounded = 0;
  /** Places where the scan may choose (and come back to choose otherwise): `|`s and repetitions of a varying count. */
  private choices = 0;
  private risky = false;
  /** Look-behinds the reader is inside: Python wants them of a fixed width. */
  private behind = 0;
  constructor(
    pattern: string,
    flags: number,
    /** Groups the caller puts before the pattern (the non-empty retry's capture): backreferences shift by it. */
    private readonly offset: number,
  ) {
    this.cs = [...pattern].map((c) => c.codePointAt(0)!);
    this.flags = flags;
  }

  private get ascii(): boolean {
    return (this.flags & RE_FLAGS.A) !== 0;
  }
  private cls(k: "w" | "d" | "s"): string {
    return this.ascii ? ASCII[k] : k === "w" ? WORD_U : k === "d" ? DIGIT_U : SPACE_U;
  }
  private peek(at = 0): string {
    const c = this.cs[this.i + at];
    return c === undefined ? "" : String.fromCodePoint(c);
  }

  translate(): Translated {
    this.leadingFlags();
    const source = this.alternation();
    if (this.i < this.cs.length) throw reError("unbalanced parenthesis", this.i);
    return {
      source,
      flags: this.flags | (this.ascii ? 0 : RE_FLAGS.U),
      groups: this.groups.length,
      names: this.names,
      prefersEmpty: this.prefersEmpty,
      directUpTo: this.directUpTo(),
    };
  }

  private directUpTo(): number {
    const [u, c] = [this.unbounded, this.choices];
    if (this.risky) return 0;
    if (u === 0 && c <= 1) return Infinity;
    if (u <= 1 && c <= 2) return 2000;
    if ((u <= 2 && c <= 4) || (u === 0 && c <= 12)) return 200;
    return 0;
  }

  /** `(?aimsx)` at the start (Python 3.11 refuses global flags elsewhere). */
  private leadingFlags(): void {
    while (this.peek() === "(" && this.peek(1) === "?" && /[aiLmsux]/.test(this.peek(2))) {
      let j = this.i + 2;
      let add = 0;
      while (j < this.cs.length && /[aiLmsux]/.test(String.fromCodePoint(this.cs[j]!))) {
        const f = String.fromCodePoint(this.cs[j++]!);
        if (f === "L") throw reError("bad inline flags: cannot use 'L' flag with a str pattern", j);
        add |= RE_FLAGS[f.toUpperCase() as keyof typeof RE_FLAGS];
      }
      if (this.cs[j] !== 0x29) return; // `(?i:…)` or `(?i-s…)`: a scoped group, read by `group()`.
      if (add & RE_FLAGS.A && add & RE_FLAGS.U) throw reError("bad inline flags: flags 'a', 'u' and 'L' are incompatible", j);
      this.flags |= add;
      this.i = j + 1;
    }
  }

  private skipVerbose(): void {
    if (!(this.flags & RE_FLAGS.X)) return;
    for (;;) {
      const c = this.peek();
      if (c === "#") while (this.i < this.cs.length && this.peek() !== "\n") this.i++;
      else if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\v" || c === "\f") this.i++;
      else return;
    }
  }

  /** Branches separated by `|`, up to a `)` (not read) or the end. */
  /** Whether the last alternation read can match nothing. */
  private altEmpty = false;

  private alternation(open: number | null = null): string {
    const branches: string[] = [];
    let empty = false;
    const firstGroup = this.groups.length;
    for (;;) {
      branches.push(this.sequence());
      empty ||= this.seqEmpty;
      if (this.peek() !== "|") break;
      this.i++;
      this.prefersEmpty = true;
      this.nested++;
      if (branches.length === 1) this.choices++; // one choice, however many branches
      if (this.behind) throw new NotModelled("`|` inside a look-behind of a regular expression");
      // A group of an earlier branch may not have taken part in a match that went through a later one.
      for (let g = firstGroup; g < this.groups.length; g++) if (this.groups[g]!.closed) this.groups[g]!.conditional = true;
    }
    if (open !== null && this.peek() !== ")") throw reError("missing ), unterminated subpattern", open);
    this.altEmpty = empty;
    return branches.join("|");
  }

  private seqEmpty = true;

  private sequence(): string {
    let out = "";
    let empty = true;
    for (;;) {
      this.skipVerbose();
      const c = this.peek();
      if (c === "" || c === "|" || c === ")") {
        this.seqEmpty = empty;
        return out;
      }
      const start = this.i;
      const groupsBefore = this.groups.length;
      const nestedBefore = this.nested;
      const atom = this.atom();
      if (atom === null) continue; // a comment
      this.skipVerbose();
      const q = this.quantified(atom, start, groupsBefore, nestedBefore);
      out += q.text;
      empty &&= q.empty;
    }
  }

  /** An atom and what follows it: `*`, `+`, `?`, `{m,n}` (greedy or lazy); `{` that is no quantifier is a literal. */
  private quantified(atom: Atom, start: number, groupsBefore: number, nestedBefore: number): { text: string; empty: boolean } {
    const at = this.i;
    const q = this.quantifier();
    if (q === null) return atom;
    if (this.nested > nestedBefore) this.risky = true;
    this.nested++;
    if (q.max === null || q.max > 16) this.unbounded++;
    if (q.max !== q.min) this.choices++;
    if (this.behind && q.min !== q.max) throw reError("look-behind requires fixed-width pattern");
    if (atom.repeatable === "nothing") throw reError("nothing to repeat", at);
    if (!atom.repeatable) throw new NotModelled(`a repeated lookaround in a regular expression (\`${this.slice(start, this.i)}\`)`);
    let text = atom.text + q.text;
    const lazy = this.peek() === "?";
    if (lazy) {
      this.i++;
      text += "?";
      this.prefersEmpty = true;
    } else if (this.peek() === "+") throw new NotModelled("a possessive quantifier (`*+`, `++`, `?+`, `{m,n}+`) in a regular expression");
    if (q.min === 0) for (let g = groupsBefore; g < this.groups.length; g++) this.groups[g]!.conditional = true;
    this.skipVerbose();
    if ("*+?".includes(this.peek()) && this.peek() !== "") throw reError("multiple repeat", this.i);
    if (this.peek() === "{" && this.braces() !== null) throw reError("multiple repeat", this.i);
    if (atom.empty && q.max !== q.min) {
      // JavaScript refuses a repetition's empty pass past the minimum, Python takes it (a group matching ''): `(x?)?` is
      // written as Python reads it; a longer repetition of what can match nothing is not translated.
      if (q.min === 0 && q.max === 1) this.prefersEmpty = true;
      if (q.min === 0 && q.max === 1) return { text: lazy ? `(?:|${atom.text})` : `(?:${atom.text}|)`, empty: true };
      throw new NotModelled(`a repetition of a group that can match nothing (\`${this.slice(start, this.i)}\`) in a regular expression`);
    }
    return { text, empty: q.min === 0 || atom.empty };
  }

  private slice(from: number, to: number): string {
    return String.fromCodePoint(...this.cs.slice(from, to));
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}` at the reader (not consumed); null when the brace is a literal. */
  private braces(): { min: number; max: number | null; length: number } | null {
    const rest = this.slice(this.i, Math.min(this.cs.length, this.i + 40));
    const m = /^\{(\d*)(?:(,)(\d*))?\}/.exec(rest);
    if (!m || (m[1] === "" && m[2] === undefined)) return null;
    const min = m[1] === "" ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? null : Number(m[3]);
    if (min > 4294967294 || (max !== null && max > 4294967294)) throw reError("the repetition number is too large", this.i + 1);
    if (max !== null && max < min) throw reError("min repeat greater than max repeat", this.i + 1);
    return { min, max, length: [...m[0]].length };
  }

  private quantifier(): { text: string; min: number; max: number | null } | null {
    const c = this.peek();
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      return { text: c, min: c === "+" ? 1 : 0, max: c === "?" ? 1 : null };
    }
    if (c !== "{") return null;
    const b = this.braces();
    if (!b) return null;
    this.i += b.length;
    return { text: `{${b.min}${b.max === b.min ? "" : `,${b.max ?? ""}`}}`, min: b.min, max: b.max };
  }

  /** One atom; `null` for a comment. `repeatable`: `"nothing"` where Python says "nothing to repeat" (anchors). */
  private atom(): Atom | null {
    const at = this.i;
    const c = this.peek();
    this.i++;
    const multiline = (this.flags & RE_FLAGS.M) !== 0;
    switch (c) {
      case "*":
      case "+":
      case "?":
        throw reError("nothing to repeat", at);
      case "{": {
        this.i = at;
        const b = this.braces();
        this.i = at + 1;
        if (b) throw reError("nothing to repeat", at);
        return { text: "\\{", repeatable: true, empty: false };
      }
      case "}":
        return { text: "\\}", repeatable: true, empty: false };
      case ".":
        return { text: this.flags & RE_FLAGS.S ? "[\\s\\S]" : "[^\\n]", repeatable: true, empty: false };
      case "^":
        return { text: multiline ? "(?<![^\\n])" : "(?<![\\s\\S])", repeatable: "nothing", empty: true };
      case "$":
        return { text: multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))", repeatable: "nothing", empty: true };
      case "[":
        return { text: this.charClass(at), repeatable: true, empty: false };
      case "(":
        return this.group(at);
      case "\\":
        return this.escape(at);
      default:
        return { text: literal(this.cs[at]!, false), repeatable: true, empty: false };
    }
  }

  private group(at: number): Atom | null {
    if (this.peek() !== "?") return this.capture(null, "(", at);
    this.i++;
    const k = this.peek();
    this.i++;
    if (k === ":") return this.inner("(?:", false, at);
    if (k === "=" || k === "!") return this.lookaround(`(?${k}`, k === "!", false, at);
    if (k === "#") {
      while (this.i < this.cs.length && this.peek() !== ")") this.i++;
      if (this.i >= this.cs.length) throw reError("missing ), unterminated comment", at);
      this.i++;
      return null;
    }
    if (k === "<") {
      const n = this.peek();
      this.i++;
      if (n === "=" || n === "!") return this.lookaround(`(?<${n}`, n === "!", true, at);
      throw reError(`unknown extension ?<${n}`, at + 1);
    }
    if (k === "P") {
      const p = this.peek();
      this.i++;
      if (p === "<") return this.capture(this.name(">"), "(", at);
      if (p === "=") return this.backref(this.groupNumber(this.name(")"), at), at);
      throw reError(p ? `unknown extension ?P${p}` : "unexpected end of pattern", p ? at + 1 : this.i);
    }
    if (k === ">") throw new NotModelled("an atomic group `(?>…)` in a regular expression");
    if (k === "(") throw new NotModelled("a conditional group `(?(…)…|…)` in a regular expression");
    if (/[aiLmsux-]/.test(k)) {
      let j = this.i - 1;
      while (j < this.cs.length && /[aiLmsux-]/.test(String.fromCodePoint(this.cs[j]!))) j++;
      if (this.cs[j] === 0x29) throw reError("global flags not at the start of the expression", at);
      throw new NotModelled("flags for part of a regular expression (`(?i:…)`)");
    }
    throw reError(k ? `unknown extension ?${k}` : "unexpected end of pattern", k ? at + 1 : this.i);
  }

  private name(end: string): string {
    const from = this.i;
    while (this.i < this.cs.length && this.peek() !== end) this.i++;
    if (this.i >= this.cs.length) throw reError(`missing ${end}, unterminated name`, from);
    const name = this.slice(from, this.i);
    this.i++;
    if (name === "") throw reError("missing group name", from);
    if (!/^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(name)) throw reError(`bad character in group name '${name}'`, from);
    return name;
  }

  private groupNumber(name: string, at: number): number {
    const n = this.names.get(name);
    if (n === undefined) throw reError(`unknown group name '${name}'`, at + 4);
    return n;
  }

  private capture(name: string | null, open: string, at: number): Atom {
    const n = this.groups.length + 1;
    if (name !== null) {
      const was = this.names.get(name);
      if (was !== undefined) throw reError(`redefinition of group name '${name}' as group ${n}; was group ${was}`, at + 4);
      this.names.set(name, n);
    }
    const g: Group = { closed: false, conditional: false };
    this.groups.push(g);
    const inner = this.alternation(at);
    this.i++;
    g.closed = true;
    // Named groups are numbered by JavaScript too; the name is Python's business (`names`).
    return { text: `${open}${inner})`, repeatable: true, empty: this.altEmpty };
  }

  private inner(open: string, negative: boolean, at: number): Atom {
    const before = this.groups.length;
    const text = `${open}${this.alternation(at)})`;
    this.i++;
    if (negative) for (let g = before; g < this.groups.length; g++) this.groups[g]!.conditional = true;
    return { text, repeatable: true, empty: this.altEmpty };
  }

  private lookaround(open: string, negative: boolean, behind: boolean, at: number): Atom {
    if (behind) this.behind++;
    try {
      return { text: this.inner(open, negative, at).text, repeatable: false, empty: true };
    } finally {
      if (behind) this.behind--;
    }
  }

  private backref(n: number, at: number): Atom {
    const g = this.groups[n - 1];
    if (!g) throw reError(`invalid group reference ${n}`, at + 1);
    if (!g.closed) throw reError("cannot refer to an open group", at);
    if (this.behind) throw reError("look-behind requires fixed-width pattern");
    // JavaScript matches a reference to a group that took no part as empty, Python fails the match there.
    if (g.conditional) throw new NotModelled("a backreference to a group that may not take part in the match (after `|`, `?`, `*`)");
    this.risky = true;
    return { text: `(?:\\${n + this.offset})`, repeatable: true, empty: true };
  }

  /** `\…` outside a class. */
  private escape(at: number): Atom {
    const c = this.peek();
    if (c === "") throw reError("bad escape (end of pattern)", at);
    this.i++;
    const W = `[${this.cls("w")}]`;
    switch (c) {
      case "A":
        return { text: "(?<![\\s\\S])", repeatable: "nothing", empty: true };
      case "Z":
        return { text: "(?![\\s\\S])", repeatable: "nothing", empty: true };
      case "b":
        return { text: `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`, repeatable: "nothing", empty: true };
      case "B":
        // Python 3.11's `\B` does not match in an empty text.
        return { text: `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W})(?:(?<=[\\s\\S])|(?=[\\s\\S])))`, repeatable: "nothing", empty: true };
      case "d":
      case "w":
      case "s":
        return { text: `[${this.cls(c)}]`, repeatable: true, empty: false };
      case "D":
      case "W":
      case "S":
        return { text: `[^${this.cls(c.toLowerCase() as "d")}]`, repeatable: true, empty: false };
    }
    if (/[1-9]/.test(c)) {
      // `\12` a reference; three octal digits (`\101`) a character.
      const d2 = this.peek();
      const d3 = this.peek(1);
      if (OCT.test(c) && OCT.test(d2) && OCT.test(d3)) {
        this.i += 2;
        return { text: literal(this.octal(c + d2 + d3, at), false), repeatable: true, empty: false };
      }
      let digits = c;
      if (/[0-9]/.test(d2)) {
        digits += d2;
        this.i++;
      }
      return this.backref(Number(digits), at);
    }
    return { text: literal(this.charEscape(c, at, false), false), repeatable: true, empty: false };
  }

  private octal(digits: string, at: number): number {
    const v = parseInt(digits, 8);
    if (v > 0o377) throw reError(`octal escape value \\${digits} outside of range 0-0o377`, at);
    return v;
  }

  /** A character escape (`\n`, `\x41`, `\u00e9`, `\0`, `\.`); Python's error for an unknown letter. */
  private charEscape(c: string, at: number, inClass: boolean): number {
    if (Object.hasOwn(SIMPLE, c) && (c !== "b" || inClass)) return SIMPLE[c]!;
    const hex = (n: number, what: string) => {
      const h = this.slice(this.i, this.i + n);
      if (h.length !== n || !HEX.test(h))
        throw reError(
          `incomplete escape \\${what}${h.slice(
            0,
            [...h, "."].findIndex((x) => !HEX.test(x)),
          )}`,
          at,
        );
      this.i += n;
      const v = parseInt(h, 16);
      if (v > 0x10ffff) throw reError(`bad escape \\${what}${h}`, at);
      return v;
    };
    if (c === "x") return hex(2, "x");
    if (c === "u") return hex(4, "u");
    if (c === "U") return hex(8, "U");
    if (c === "N") throw new NotModelled("`\\N{…}` in a regular expression");
    if (c === "0" || (inClass && OCT.test(c))) {
      let d = c;
      while (d.length < 3 && OCT.test(this.peek())) {
        d += this.peek();
        this.i++;
      }
      return this.octal(d, at);
    }
    if (/[A-Za-z0-9]/.test(c)) throw reError(`bad escape \\${c}`, at);
    return c.codePointAt(0)!;
  }

  /** `[…]`: Python's set syntax (a first `]` is a literal) as a JavaScript class (or a group when it holds `\W`, `\S`, `\D`). */
  private charClass(at: number): string {
    const negate = this.peek() === "^";
    if (negate) this.i++;
    const items: string[] = [];
    const negated: string[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === "") throw reError("unterminated character set", at);
      if (c === "]" && !first) {
        this.i++;
        break;
      }
      first = false;
      const from = this.i;
      const lo = this.classItem();
      if (typeof lo === "string") {
        if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "")
          throw reError(`bad character range ${this.slice(from, this.i + 2)}`, from);
        if (lo.startsWith("^")) negated.push(lo.slice(1));
        else items.push(lo);
        continue;
      }
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== "") {
        this.i++;
        const hi = this.classItem();
        if (typeof hi === "string" || hi < lo) throw reError(`bad character range ${this.slice(from, this.i)}`, from);
        items.push(`${literal(lo, true)}-${literal(hi, true)}`);
      } else items.push(literal(lo, true));
    }
    if (negated.length === 0) return `[${negate ? "^" : ""}${items.join("")}]`;
    // `[^\W\d]`: in every class `\W`, `\S`, `\D` complement, and in none of the others.
    if (negate) {
      const not = items.length ? `(?![${items.join("")}])` : "";
      return `(?:${not}${negated.map((n, i) => (i === negated.length - 1 ? `[${n}]` : `(?=[${n}])`)).join("")})`;
    }
    const alts = negated.map((n) => `[^${n}]`);
    return `(?:${[...(items.length ? [`[${items.join("")}]`] : []), ...alts].join("|")})`;
  }

  /** One member: a code point, or a class's contents (`"^…"` for a negated one). */
  private classItem(): number | string {
    const at = this.i;
    const c = this.peek();
    this.i++;
    if (c !== "\\") return c.codePointAt(0)!;
    const e = this.peek();
    if (e === "") throw reError("unterminated character set", at);
    this.i++;
    if (e === "d" || e === "w" || e === "s") return this.cls(e);
    if (e === "D" || e === "W" || e === "S") return `^${this.cls(e.toLowerCase() as "d")}`;
    if (/[1-9]/.test(e) && !OCT.test(e)) throw reError(`bad escape \\${e}`, at);
    return this.charEscape(e, at, true);
  }
}

/** Python's pattern `pattern` with `flags` as a JavaScript RegExp source; `offset` groups come before it. */
export function translatePattern(pattern: string, flags: number, offset = 0): Translated {
  if (flags & RE_FLAGS.L) throw new PyError("ValueError", "cannot use LOCALE flag with a str pattern");
  if (flags & RE_FLAGS.A && flags & RE_FLAGS.U) throw new PyError("ValueError", "ASCII and UNICODE flags are incompatible");
  return new Reader(pattern, flags, offset).translate();
}

/** `re.escape`: Python 3.7+ escapes these characters only. */
export function reEscape(s: string): string {
  return s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);
}
