/**
 * Value completions for Python (issue 9), at parity with what JSON and YAML get from the JSON schema:
 * after `"key": ` the values the schema allows (type names, locations, dispositions, methods) and, where
 * dlt takes an object, dlt's classes with their required parameters (`OffsetPaginator(limit=)`). The
 * values come from the schema docs (describeKey); the classes from python-classes.ts.
 */
import { DLT_CLASSES, type DltClass } from "../formats";
import { REQUIRED } from "../formats/python-classes";
import { describeKey } from "./docs";

export type ValuePath = readonly (string | number)[];

export interface ValueSuggestion {
  readonly label: string;
  /** What to insert at the cursor (quoted unless the user already opened the string). */
  readonly insertText: string;
  readonly detail: string;
  readonly documentation: string;
  readonly kind: "value" | "class";
  /** `insertText` as an editor snippet: the cursor stops at each parameter to fill in (`limit=$1`), then after the call. */
  readonly snippet?: string;
}

/** The key whose value the cursor is typing on this line: `"type": "he|` -> type, quoted; in `dict(…)` (`kwargs`), `type="he|`. */
export function valueContext(linePrefix: string, kwargs = false): { key: string; quoted: boolean; typed: string } | null {
  const m = (kwargs ? /(?<![\w.])([A-Za-z_]\w*)\s*=\s*(["']?)([\w.-]*)$/ : /["']([\w$-]+)["']\s*:\s*(["']?)([\w.-]*)$/).exec(linePrefix);
  return m ? { key: m[1] ?? "", quoted: (m[2] ?? "") !== "", typed: m[3] ?? "" } : null;
}

/** The names of the config's resources but the one at `path` (`resources[i]`): the parents a param may resolve. */
function otherResources(path: ValuePath, root: unknown): string[] {
  const list = typeof root === "object" && root !== null ? (root as { resources?: unknown }).resources : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((r: unknown, i) => {
    const name = typeof r === "string" ? r : typeof r === "object" && r !== null ? (r as { name?: unknown }).name : undefined;
    return typeof name === "string" && !(path[0] === "resources" && path[1] === i) ? [name] : [];
  });
}

/** The values at `path` that come from the config itself, not the schema: a resolve param's `resource` takes another resource. */
function fromConfig(path: ValuePath, root: unknown): { values: readonly string[]; doc: string } | null {
  return path.at(-1) === "resource" && path.at(-3) === "params" ? { values: otherResources(path, root), doc: "the parent resource" } : null;
}

/**
 * The allowed strings at `path`. A `type` key takes its parent's names (every paginator, auth or typed
 * param type, not only the variant the dict is now); a resolve param's `resource` the other resources.
 */
function allowedAt(path: ValuePath, root: unknown): { values: readonly string[]; doc: string } {
  const own = fromConfig(path, root);
  if (own) return own;
  if (path.at(-1) === "type") {
    const parent = describeKey(path.slice(0, -1), root);
    if (parent && parent.allowed.length > 0) return { values: parent.allowed, doc: `\`${String(path.at(-2))}\` type` };
  }
  const doc = describeKey([...path], root);
  return doc && doc.allowed.length > 0 ? { values: doc.allowed, doc: doc.accepts } : { values: [], doc: "" };
}

const classKind = (key: string | number | undefined): DltClass["kind"] | null =>
  key === "paginator" ? "paginator" : key === "auth" ? "auth" : key === "incremental" ? "incremental" : null;

/** `OffsetPaginator(limit=)`: the class call with its required parameters to fill in (`stops`: as a snippet with tab stops). */
function classCall(c: DltClass, stops = false): string {
  const stop = (n: number) => (stops ? `$${n}` : "");
  const required = c.params.filter((p) => p.default === REQUIRED).map((p, i) => `${p.name}=${stop(i + 1)}`);
  const name = c.kind === "incremental" ? "dlt.sources.incremental" : c.name;
  return `${name}(${c.kind === "incremental" ? `cursor_path="${stop(1)}"` : required.join(", ")})${stop(0)}`;
}

const valueSuggestions = ({ values, doc }: { values: readonly string[]; doc: string }, quoted: boolean): ValueSuggestion[] =>
  values.map((v) => ({ label: v, insertText: quoted ? v : JSON.stringify(v), detail: doc, documentation: `\`${v}\``, kind: "value" }));

/**
 * Suggestions for the value at `path` that the editors' JSON Schema cannot give, because they come from
 * the config itself (JSON and YAML complete the rest from the schema): a resolve param's parent resource.
 */
export function configValueCompletions(path: ValuePath, root: unknown, quoted: boolean): ValueSuggestion[] {
  const own = fromConfig(path, root);
  return own ? valueSuggestions(own, quoted) : [];
}

/** Suggestions for the value of `key` in the dict at `objectPath` of `root` (the document's plain value). */
export function valueCompletions(objectPath: ValuePath, key: string, root: unknown, quoted: boolean): ValueSuggestion[] {
  const out = valueSuggestions(allowedAt([...objectPath, key], root), quoted);
  const kind = quoted ? null : classKind(key);
  for (const c of kind ? DLT_CLASSES.filter((x) => x.kind === kind && !x.deprecated) : []) {
    const params = c.params.map((p) => p.name).join(", ");
    out.push({
      label: classCall(c),
      insertText: classCall(c),
      snippet: classCall(c, true),
      detail: `${c.name}(${params})`,
      documentation: c.doc,
      kind: "class",
    });
  }
  return out;
}
