/**
 * The bookkeeping every text guard shares: nesting depth, the too-deep span being skipped, the value
 * count, and the refusal when a limit is passed. Scanners feed it tokens; it never recurses.
 */
import { MAX_DEPTH, MAX_VALUES } from "./limits";
import type { DeepSpan, TextGuard } from "./guard";
import { hollow } from "./guard";

// Module-local copies: read once per token, and an imported binding may be a getter (CommonJS interop).
const DEPTH_LIMIT = MAX_DEPTH;
const VALUE_LIMIT = MAX_VALUES;

export class DepthCounter {
  /** Collections open at the current position (including any inside a too-deep span). */
  depth = 0;
  values = 0;
  refused: TextGuard["refused"] = null;
  readonly spans: DeepSpan[] = [];
  /** The too-deep collection being skipped, and the depth that closes it. */
  private deep: { start: number; what: string; depth: number } | null = null;

  /** Inside a too-deep collection: its tokens are neither counted nor parsed. */
  get skipping(): boolean {
    return this.deep !== null;
  }

  /** Stop scanning: a limit that refuses the whole text was passed. */
  get done(): boolean {
    return this.refused !== null;
  }

  /** A collection opens at `at`; `extra` is nesting the format adds on top (Python operator chains). */
  open(at: number, what: string, extra = 0): void {
    this.depth++;
    if (!this.deep && this.depth + extra > DEPTH_LIMIT) this.deep = { start: at, what, depth: this.depth };
    this.count(at);
  }

  /** A collection closes; `end` is the offset after its closing token. */
  close(end: number): void {
    if (this.depth === 0) return;
    if (this.deep && this.depth === this.deep.depth) {
      this.spans.push({ start: this.deep.start, end, keep: "brackets", what: this.deep.what });
      this.deep = null;
    }
    this.depth--;
  }

  /** Every open collection ends at `end` without its closing token (YAML's lexer gave up on a flow collection). */
  abandon(end: number): void {
    if (this.deep) this.spans.push({ start: this.deep.start, end, keep: "opening", what: this.deep.what });
    this.deep = null;
    this.depth = 0;
  }

  /**
   * One value (key, scalar, operator) at `at`. Values inside a too-deep collection count too: they
   * are in the text, and a megabyte of `[[[…` is refused after MAX_VALUES of them, not scanned to its end.
   */
  count(at: number): void {
    if (this.refused) return;
    if (++this.values > VALUE_LIMIT) this.refused = { code: "too_many_values", at, what: "value" };
  }

  /** The whole text refused at `at`: an expression nested too deep to hand to the parser at all. */
  refuseDeep(at: number, what: string): void {
    this.refused ??= { code: "too_deep", at, what };
  }

  /** A span found by the caller (YAML block collections end by indentation, not by a bracket). */
  addSpan(span: DeepSpan): void {
    this.spans.push(span);
  }

  /** The guard for `text`; a too-deep collection still open at the end is hollowed to the end. */
  finish(text: string): TextGuard {
    if (this.deep) {
      this.spans.push({ start: this.deep.start, end: text.length, keep: "opening", what: this.deep.what });
      this.deep = null;
    }
    // Refused: nothing is parsed, but a too-deep place found before is still the first thing to say.
    if (this.refused) return { text, deep: this.spans, refused: this.refused };
    return { text: hollow(text, this.spans), deep: this.spans, refused: null };
  }
}
