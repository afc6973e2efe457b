/**
 * The safe Python subset a processing step (`filter`, `map`, `yield_map`) may be written in, as data:
 * lib/formats/python-step.ts compiles a lambda or a plain `def` into it (or says why not), ./eval.ts runs it.
 * Plain objects only, so a resolved source holding a step stays a plain value.
 */

export type BinOp = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "|";
export type CmpOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "is" | "is not";

/** An f-string's replacement: `{value!conversion:spec}`; `specParts`: a spec with fields of its own (`{x:>{width}}`). */
export interface FormatPart {
  readonly value: Expr;
  readonly conversion: "r" | "s" | "a" | null;
  readonly spec: string;
  readonly specParts?: readonly (string | FormatPart)[];
}

/** A keyword argument; `name: null` is `**mapping`. */
export interface Keyword {
  readonly name: string | null;
  readonly value: Expr;
}

export type Item = Expr | { readonly k: "star"; readonly value: Expr };
export type DictItem = { readonly k: "pair"; readonly key: Expr; readonly value: Expr } | { readonly k: "spread"; readonly value: Expr };

export interface Generator {
  readonly target: Target;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export type Expr =
  /** `float`: a float literal; `big`: an int literal past 2^53, its digits as a string (the AST stays plain data). */
  /** A literal: `float` keeps `1.0` a float, `big` an int past 2^53 (its digits), `bytes` a `b"…"` (one char a byte). */
  | {
      readonly k: "const";
      readonly value: null | boolean | number | string;
      readonly float?: true;
      readonly big?: true;
      readonly bytes?: true;
    }
  | { readonly k: "name"; readonly id: string }
  | { readonly k: "list" | "tuple" | "set"; readonly items: readonly Item[] }
  | { readonly k: "dict"; readonly items: readonly DictItem[] }
  | { readonly k: "sub"; readonly value: Expr; readonly index: Expr }
  | { readonly k: "slice"; readonly value: Expr; readonly lower: Expr | null; readonly upper: Expr | null; readonly step: Expr | null }
  | {
      readonly k: "method";
      readonly value: Expr;
      readonly name: string;
      readonly args: readonly Item[];
      readonly kwargs?: readonly Keyword[];
    }
  /** `e.args`, `d.year`, `timezone.utc`: the attributes ./attrs.ts reads. */
  | { readonly k: "attr"; readonly value: Expr; readonly name: string }
  | { readonly k: "call"; readonly fn: string; readonly args: readonly Item[]; readonly kwargs: readonly Keyword[] }
  | { readonly k: "bin"; readonly op: BinOp; readonly left: Expr; readonly right: Expr }
  | { readonly k: "neg" | "pos" | "not"; readonly value: Expr }
  | { readonly k: "and" | "or"; readonly left: Expr; readonly right: Expr }
  | { readonly k: "cmp"; readonly first: Expr; readonly rest: readonly { op: CmpOp; value: Expr }[] }
  | { readonly k: "if"; readonly test: Expr; readonly then: Expr; readonly orelse: Expr }
  | { readonly k: "lambda"; readonly fn: Func }
  | { readonly k: "comp"; readonly kind: "list" | "set" | "gen"; readonly elt: Expr; readonly gens: readonly Generator[] }
  | { readonly k: "dictcomp"; readonly key: Expr; readonly value: Expr; readonly gens: readonly Generator[] }
  | { readonly k: "fstr"; readonly parts: readonly (string | FormatPart)[] };

export type Target =
  | { readonly k: "name"; readonly id: string }
  | { readonly k: "sub"; readonly value: Expr; readonly index: Expr }
  | { readonly k: "unpack"; readonly targets: readonly Target[] };

export type Stmt =
  | { readonly k: "assign"; readonly targets: readonly Target[]; readonly value: Expr }
  | { readonly k: "aug"; readonly target: Exclude<Target, { k: "unpack" }>; readonly op: BinOp; readonly value: Expr }
  | { readonly k: "if"; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly k: "for"; readonly target: Target; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly k: "while"; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | {
      readonly k: "try";
      readonly body: readonly Stmt[];
      readonly handlers: readonly Handler[];
      readonly orelse: readonly Stmt[];
      readonly finalbody: readonly Stmt[];
    }
  /** `raise X(…)`, `raise e`; `value: null` re-raises the exception being handled. */
  | { readonly k: "raise"; readonly value: Expr | null }
  | { readonly k: "assert"; readonly test: Expr; readonly msg: Expr | null }
  | { readonly k: "return"; readonly value: Expr | null }
  /** `yield x` / `yield from xs` in a generator function (`Func.generator`). */
  | { readonly k: "yield"; readonly value: Expr | null; readonly from: boolean }
  | { readonly k: "del"; readonly targets: readonly Target[] }
  | { readonly k: "expr"; readonly value: Expr }
  | { readonly k: "pass" | "break" | "continue" };

/** `except (KeyError, ValueError) as e:`: `types` empty for a bare `except:`. */
export interface Handler {
  readonly types: readonly string[];
  readonly name: string | null;
  readonly body: readonly Stmt[];
  /** Names the body binds (Python makes them local to the whole function): read before bound, an UnboundLocalError. */
  readonly locals?: readonly string[];
}

/** The modules a step may import (lib/shared/pystep/eval.ts binds them). */
export type StepModuleName = "datetime" | "pendulum" | "time" | "copy" | "json" | "hashlib" | "base64" | "re" | "zoneinfo";

/**
 * A module-level name a step reads: a constant (`EXCLUDED = {"a"}`), a plain `def`, or a name imported from the
 * modules the subset has (`from datetime import timezone`: `what` "timezone"; `import datetime`: `what` ""; `module`:
 * the module when it is not `datetime`), in file order.
 */
export type Global =
  | { readonly k: "const"; readonly name: string; readonly value: Expr }
  | { readonly k: "def"; readonly fn: Func }
  | { readonly k: "import"; readonly name: string; readonly what: string; readonly module?: Exclude<StepModuleName, "datetime"> };

/** A lambda (its body one `return`) or a `def`: positional parameters, their defaults last. */
export interface Func {
  readonly name: string;
  readonly params: readonly string[];
  readonly defaults: readonly Expr[];
  readonly body: readonly Stmt[];
  /** Names the body binds (Python makes them local to the whole function): read before bound, an UnboundLocalError. */
  readonly locals?: readonly string[];
  /**
   * Its body yields: a call runs it to the end and gives the list of what it yielded, as a generator expression's
   * value is a list here (a step's generator is read whole by dlt's pipe; decision 0044).
   */
  readonly generator?: true;
}

/** An expression compiled with the module-level names it reads (an incremental's `initial_value`): plain data, as a step. */
export interface CompiledExpression {
  readonly expr: Expr;
  readonly globals: readonly Global[];
}
