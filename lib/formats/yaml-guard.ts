/**
 * The YAML text guard (guard.ts), on the `yaml` package's own lexer, so quoting, block scalars and
 * comments are read exactly as the parser reads them. Flow collections nest by brackets; block
 * collections by indentation and by `- ` / `? ` / `key: ` on one line (`- - - x` is three lists
 * deep), tracked with a stack of open collections and their columns, as the parser does. A too-deep
 * flow collection is hollowed between its brackets; a too-deep block collection is replaced by `~`
 * (null) up to the first line that is not part of it. The lexemes are kept for the parser.
 */
import { Lexer } from "yaml";
import type { TextGuard } from "./guard";
import { DepthCounter } from "./depth-counter";
import { MAX_DEPTH } from "./limits";

/** A module-local copy (an imported binding may be a getter under CommonJS interop). */
const DEPTH_LIMIT = MAX_DEPTH;

const DOCUMENT = "\x02";
const FLOW_END = "\x18";
const SCALAR = "\x1f";

type Kind = "list" | "dict";

export interface YamlGuard extends TextGuard {
  /** The lexer's tokens of `text`, for the parser (null when the text was hollowed or refused). */
  readonly lexemes: readonly string[] | null;
}

/** A too-deep block collection being skipped: where it starts, its column and what may continue it. */
interface BlockSpan {
  readonly start: number;
  readonly col: number;
  readonly kind: Kind;
  /** Its parent is a mapping at the same column (`key:` then `- item` lines): that mapping's keys end it. */
  readonly parentAtCol: boolean;
  end: number;
  flow: number;
}

const isContent = (tok: string) => tok !== "" && tok !== "\n" && tok !== "\r\n" && tok[0] !== " " && tok[0] !== "\t" && tok[0] !== "#";
const isSpace = (tok: string) => tok[0] === " " || tok[0] === "\t";

/** The lexer's tokens with their offsets, pulled one at a time (so a refusal stops the lexing), with lookahead. */
class Tokens {
  readonly lexemes: string[] = [];
  /** Offset of each lexeme; -1 for the lexer's markers, which have no text. */
  readonly offsets: number[] = [];
  private readonly source: Iterator<string>;
  private offset = 0;
  private scalarNext = false;
  /** The next lexeme to hand out (those after it were lexed ahead by `keyFollows`). */
  private cursor = 0;

  constructor(text: string) {
    this.source = new Lexer().lex(text)[Symbol.iterator]();
  }
  /** Offset after every token lexed so far. */
  get end(): number {
    return this.offset;
  }
  /** The index of the next token (in `lexemes` and `offsets`), or -1 at the end. */
  next(): number {
    if (this.cursor >= this.lexemes.length && !this.lex()) return -1;
    return this.cursor++;
  }
  /** Whether the next token that is not a space is `:` (the scalar just read is a key). */
  keyFollows(): boolean {
    for (let k = this.cursor; ; k++) {
      if (k >= this.lexemes.length && !this.lex()) return false;
      const t = this.lexemes[k] ?? "";
      if (t === ":") return true;
      if (!isSpace(t)) return false;
    }
  }
  private lex(): boolean {
    const r = this.source.next();
    if (r.done) return false;
    const tok = r.value;
    const isMarker = !this.scalarNext && (tok === DOCUMENT || tok === FLOW_END || tok === SCALAR);
    this.scalarNext = !this.scalarNext && tok === SCALAR;
    this.lexemes.push(tok);
    this.offsets.push(isMarker ? -1 : this.offset);
    if (!isMarker) this.offset += tok.length;
    return true;
  }
}

export function guardYaml(text: string): YamlGuard {
  return new YamlScan(text).run();
}

class YamlScan {
  private readonly counter = new DepthCounter();
  private readonly tokens: Tokens;
  /** Open block collections: their column and kind, innermost last. */
  private readonly stack: { col: number; kind: Kind }[] = [];
  /** The too-deep block collection being skipped. */
  private span: BlockSpan | null = null;

  constructor(private readonly text: string) {
    this.tokens = new Tokens(text);
  }

  run(): YamlGuard {
    const { counter, tokens, stack } = this;
    let lineStart = 0;
    let first = true;
    let scalar = false;
    let lineFirst = false;
    const { lexemes, offsets } = tokens;
    for (let t = tokens.next(); t >= 0 && !counter.done; t = tokens.next()) {
      const tok = lexemes[t] ?? "";
      const at = offsets[t] ?? -1;
      if (at < 0) {
        if (tok === SCALAR) scalar = true;
        else if (tok === FLOW_END)
          counter.abandon(tokens.end); // the lexer gave up on an unclosed flow collection
        else stack.length = 0; // a new document
        continue;
      }
      const isScalar = scalar;
      scalar = false;
      const col = at - lineStart;
      const startsLine = first;
      const content = isScalar || isContent(tok);
      const nl = tok.lastIndexOf("\n");
      if (nl >= 0) {
        lineStart = at + nl + 1;
        first = nl === tok.length - 1;
      } else if (content) first = false;
      if (!content) continue;
      if (this.span && this.inSpan(this.span, tok, at, col, startsLine, isScalar)) continue;
      if (counter.depth > 0) {
        // Flow context: only brackets nest.
        if (isScalar || tok[0] === '"' || tok[0] === "'" || tok[0] === "*") counter.count(at);
        else if (tok === "[" || tok === "{") counter.open(at, tok === "[" ? "list" : "dict", stack.length);
        else if (tok === "]" || tok === "}") counter.close(at + 1);
        continue;
      }
      if (startsLine) {
        if (tok === "---" || tok === "...") {
          stack.length = 0;
          first = true;
          continue;
        }
        while (stack.length > 0 && (stack[stack.length - 1]?.col ?? 0) > col) stack.pop();
        lineFirst = true;
      }
      if (tok === "-" || tok === "?") this.openBlock(at, col, tok === "-" ? "list" : "dict", lineFirst);
      else if (tok === ":") {
        if (lineFirst) this.openBlock(at, col, "dict", true);
      } else if (tok[0] === "&" || tok[0] === "!") continue;
      else if (tok === "[" || tok === "{") counter.open(at, tok === "[" ? "list" : "dict", stack.length);
      else if (isScalar || tok[0] === '"' || tok[0] === "'" || tok[0] === "*" || tok[0] === "|" || tok[0] === ">") {
        if (tokens.keyFollows()) this.openBlock(at, col, "dict", lineFirst);
        if (!this.span) counter.count(at);
      }
      lineFirst = false;
    }
    this.endSpan();
    const guard = counter.finish(this.text);
    // Offsets that do not add up mean a token this scan misread: refuse rather than hollow the wrong text.
    if (!guard.refused && tokens.end !== this.text.length && guard.deep.length > 0) {
      return { text: this.text, deep: [], refused: { code: "too_deep", at: guard.deep[0]?.start ?? 0, what: "value" }, lexemes: null };
    }
    return { ...guard, lexemes: guard.refused || guard.deep.length > 0 ? null : tokens.lexemes };
  }

  /** Whether a content token belongs to the too-deep block collection being skipped (else that span ends). */
  private inSpan(span: BlockSpan, tok: string, at: number, col: number, startsLine: boolean, isScalar: boolean): boolean {
    const belongs =
      !startsLine ||
      span.flow > 0 ||
      col > span.col ||
      (col === span.col && (span.kind === "list" ? tok === "-" : !span.parentAtCol && tok !== "-"));
    if (!belongs) {
      this.endSpan();
      return false;
    }
    if (!isScalar) span.flow += tok === "[" || tok === "{" ? 1 : tok === "]" || tok === "}" ? -1 : 0;
    span.end = at + tok.length - (tok.endsWith("\n") ? 1 : 0);
    return true;
  }

  private endSpan(): void {
    const span = this.span;
    if (span) this.counter.addSpan({ start: span.start, end: span.end, keep: "yaml-null", what: span.kind });
    this.span = null;
  }

  /** A block collection at `col` starts (or goes on: `lineFirst` at the column of the open one) at `at`. */
  private openBlock(at: number, col: number, kind: Kind, lineFirst: boolean): void {
    const { stack } = this;
    let top = stack[stack.length - 1];
    if (lineFirst && top && top.col === col && top.kind === "list" && kind === "dict") {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (lineFirst && top && top.col === col && top.kind === kind) return;
    if (stack.length + 1 > DEPTH_LIMIT) this.span = { start: at, col, kind, parentAtCol: top?.col === col, end: at + 1, flow: 0 };
    else {
      stack.push({ col, kind });
      this.counter.count(at);
    }
  }
}
