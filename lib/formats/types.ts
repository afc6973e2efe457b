/**
 * The document model shared by every input format (JSON, YAML, Python dict).
 *
 * Why a format-neutral tree: validation, diagnostics and quick fixes work on one shape and
 * map back to exact source ranges whatever the user typed. Offsets are UTF-16 code-unit
 * offsets into the source text (what Monaco and JS strings use).
 */

import type { FormatPart, RefCast, RefGet, RefParam } from "../shared";

/** A half-open range of offsets `[start, end)` into the source text. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column, as editors show them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export type SourceFormat = "python" | "json" | "yaml";

/** Where a reference's value comes from: `dlt.secrets[...]` or `dlt.config[...]`. */
export type RefKind = "secret" | "config";

export type DocNode =
  | {
      readonly kind: "object";
      readonly range: Range;
      readonly entries: readonly DocEntry[];
      /** A stand-in (`# restplay: run as <type>`) for this Python code, which a format switch keeps. */
      readonly standInFor?: string;
      /**
       * A Python auth object (a class call's offset in the text): Python makes it once, so every place the
       * config holds it — the client's auth, defaults, one name used twice — is that same object (one OAuth token).
       */
      readonly instance?: number;
    }
  | { readonly kind: "array"; readonly range: Range; readonly items: readonly DocNode[] }
  | { readonly kind: "string"; readonly range: Range; readonly value: string }
  | { readonly kind: "number"; readonly range: Range; readonly value: number }
  | { readonly kind: "boolean"; readonly range: Range; readonly value: boolean }
  | { readonly kind: "null"; readonly range: Range }
  /** `dlt.secrets["name"]` / `dlt.config["name"]` in Python, `{"$secret": "name"}` / `{"$config": "name"}` in JSON/YAML. */
  | {
      readonly kind: "ref";
      readonly range: Range;
      readonly ref: RefKind;
      readonly name: string;
      /** Python's `os.environ["X"]` / `os.getenv("X")`: text whatever it holds (dlt's providers cast nothing there). */
      readonly environ?: true;
      /** Python's `int(…)`, `float(…)` or `bool(…)` around the reference (`int(dlt.config["lim"])`; `"$cast"` in JSON/YAML). */
      readonly cast?: RefCast;
      /** dlt's `get`: `dlt.config.get("lim")` (`true`) or `dlt.config.get("lim", int)` (the type); `"$get"` in JSON/YAML. */
      readonly get?: RefGet;
      /**
       * A `@dlt.source`/`@dlt.resource` parameter defaulting to `dlt.secrets.value`/`dlt.config.value` (`name` is
       * `sources.<source>.<key>`): `true`, or the decorator's `section=`; `"$param"` in JSON/YAML (lib/shared/markers.ts).
       */
      readonly param?: RefParam;
    }
  /**
   * Text made of literal parts and references: `f"Bearer {dlt.secrets['token']}"` in Python,
   * `{"$format": ["Bearer ", {"$secret": "token"}]}` in JSON/YAML (lib/shared/markers.ts).
   */
  | {
      readonly kind: "format";
      readonly range: Range;
      readonly parts: readonly FormatPart[];
      /**
       * Python: the parts (indexes) that are references `+` joins as they are (`"https://h:" + dlt.config["port"]`, not
       * `str(…)` nor an f-string's): a value dlt reads as other than text makes Python raise `TypeError`.
       */
      readonly concatenated?: readonly number[];
      /** Python: the parts (indexes) that are `os.environ[...]` (text whatever it holds; read from the environment). */
      readonly environ?: readonly number[];
    }
  /**
   * A Python expression that is not a literal (a function, lambda, class instance, call).
   * Kept as source text: validated structurally, never executed in the playground.
   */
  | {
      readonly kind: "python";
      readonly range: Range;
      readonly text: string;
      /** The name of a plain function the file defines at module level: its `def`'s source (a processing step runs it). */
      readonly definition?: string;
      /**
       * The module-level constants and plain functions the code reads, in file order (a processing step runs with them); for
       * an incremental's `initial_value`, the assignments and imports it reads, dependencies first (python-initial.ts).
       */
      readonly module?: readonly { readonly at: number; readonly text: string }[];
    };

export interface DocEntry {
  readonly key: string;
  /** Range of the key token, quotes included. */
  readonly keyRange: Range;
  readonly value: DocNode;
  /** Range of the whole `key: value` pair. */
  readonly range: Range;
}

export type Severity = "error" | "warning" | "info";

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/**
 * A problem in the user's input. Bad input is data, never an exception (ARCHITECTURE rule 5).
 * `path` is a JSON pointer into the document (`/resources/0/endpoint/paginator`), `""` for the root.
 */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable, documented identifier, e.g. `unknown_key`, `syntax_error`, `dialect_oauth2`. */
  readonly code: string;
  readonly message: string;
  readonly path: string;
  readonly range: Range;
  readonly fixes?: readonly QuickFix[];
}

/** A reference as the document holds it (`kind: "ref"`). */
export type RefNode = Extract<DocNode, { kind: "ref" }>;

/**
 * Python's truth of the value a reference gives in a run (`undefined`: not known), for a conditional that tests it
 * (`AUTH if TOKEN else None`): a `restplay run`, `check` or `validate` knows the values the run has; the playground and the
 * downloads do not, and read the `if` branch.
 */
export type ConditionTruth = (ref: RefNode) => boolean | undefined;

export interface ParsedDocument {
  readonly format: SourceFormat;
  readonly text: string;
  /** `null` when the text could not be parsed at all. */
  readonly root: DocNode | null;
  /** Syntax problems and format-level warnings (e.g. a `//` comment in Python). */
  readonly diagnostics: readonly Diagnostic[];
  /** A Python file with several configs: each one, the active one marked (decision 0022). */
  readonly configs?: readonly PythonConfigChoice[];
}

/** One config of a Python file that holds several. */
export interface PythonConfigChoice {
  /** The source's name (`github`), else the variable's. */
  readonly label: string;
  /** The one checked and run. */
  readonly active: boolean;
  /** Where it is named in the text. */
  readonly range: Range;
  /** The edit that makes it the active one (writes `# restplay: config=<label>`). */
  readonly select: TextEdit;
}

/** The marker vocabulary's types (lib/shared/markers.ts), for the users of lib/formats. */
export type { FormatPart, FormatValue, PythonValue, RefValue, SpecialValue } from "../shared";

/** A plain JSON-like value, references kept as `{"$secret": name}` objects. */
export type PlainValue = string | number | boolean | null | readonly PlainValue[] | { readonly [key: string]: PlainValue };
