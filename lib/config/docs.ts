/** Hover docs and key completions, derived from the zod schema's descriptions (one source of truth). */
import type { z } from "zod";
import { parsePointer } from "../formats";
import { isMarker } from "../shared";
import { ConfigRefSchema, FormatRefSchema, isDialect, PythonExprSchema, RestApiConfigSchema, SecretRefSchema } from "./schema";
import {
  describeSchema,
  literalValues,
  objectShape,
  pickVariant,
  requiredKeys,
  schemaAt,
  unionMembers,
  unwrap,
  wrappedDescription,
} from "./schema-walk";
import { valueAt } from "./located";

export interface KeyDoc {
  /** The key the doc is about. */
  readonly key: string;
  readonly description: string;
  /** What the key accepts, e.g. "an integer" or "one of `GET`, `POST`". */
  readonly accepts: string;
  /** The values it accepts when it is an enum or literal (`GET`, `POST`). */
  readonly allowed: readonly string[];
  readonly required: boolean;
  readonly docsUrl: string | null;
}

type PathLike = string | readonly (string | number)[];
const URL_RE = /See (https:\/\/\S+?)\.?$/;
const segments = (p: PathLike): (string | number)[] =>
  typeof p === "string" ? parsePointer(p).map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s)) : [...p];

function descriptionOf(s: z.ZodType): string {
  const own = wrappedDescription(s) ?? (unwrap(s) as { description?: string }).description;
  if (own) return own;
  // A union's member describes it, but not a reference (a secret, a config value, Python): that says what a
  // reference is, not what the key is.
  const refs: readonly z.ZodType[] = [SecretRefSchema, ConfigRefSchema, FormatRefSchema, PythonExprSchema];
  for (const m of unionMembers(s)) {
    const d = refs.includes(m) && unionMembers(s).length > 1 ? undefined : (m as { description?: string }).description;
    if (d) return d;
  }
  return "";
}

const DOCS = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api";
/** The dlt docs section of a key, by the nearest key on its path that has one. */
const SECTIONS: Readonly<Record<string, string>> = {
  paginator: "basic#pagination",
  auth: "basic#authentication",
  incremental: "basic#incremental-loading",
  data_selector: "basic#data-selection",
  include_from_parent: "basic#include-fields-from-the-parent-resource",
  processing_steps: "basic#processing-steps-filter-and-transform-data",
  response_actions: "advanced#response-actions",
  headers: "basic#client",
  endpoint: "basic#endpoint-configuration",
  client: "basic#client",
  resource_defaults: "basic#resource_defaults-optional",
  resources: "basic#resource-configuration",
};

function sectionUrl(path: readonly (string | number)[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key !== "string") continue;
    const section = Object.hasOwn(SECTIONS, key) ? SECTIONS[key] : undefined;
    if (section) return `${DOCS}/${section}`;
  }
  return `${DOCS}/basic#source-configuration`;
}

function docFor(key: string, s: z.ZodType, required: boolean, path: readonly (string | number)[]): KeyDoc {
  const raw = descriptionOf(s);
  const url = URL_RE.exec(raw)?.[1] ?? sectionUrl(path);
  const allowed = unionMembers(s)
    .flatMap((m) => literalValues(m) ?? [])
    .map(String);
  return { key, description: raw.replace(URL_RE, "").trim(), accepts: describeSchema(s), allowed, required, docsUrl: url };
}

/**
 * Documentation of the key at a pointer or path. With the document's value (`root`), unions are
 * resolved the way validation resolves them (a paginator's keys by its `type`).
 */
export function describeKey(path: PathLike, root: unknown = undefined): KeyDoc | null {
  const segs = segments(path);
  if (segs.length === 0) return docFor("config", RestApiConfigSchema, true, segs);
  const typeDoc = segs[segs.length - 1] === "type" ? describeType(segs, root) : null;
  if (typeDoc) return typeDoc;
  const s = schemaAt(RestApiConfigSchema, root, segs);
  if (!s) return null;
  const parent = schemaAt(RestApiConfigSchema, root, segs.slice(0, -1));
  const variant = parent ? pickVariant(parent, valueAt(root, segs.slice(0, -1)) ?? {}) : null;
  const key = String(segs[segs.length - 1]);
  return docFor(key, s, variant ? requiredKeys(variant).includes(key) : false, segs);
}

/**
 * The `type` of a dict told apart by it (a paginator, an auth): what the chosen type does, and every
 * type dlt takes — also when the type written is none of them, which is when the list is needed.
 */
function describeType(segs: readonly (string | number)[], root: unknown): KeyDoc | null {
  const parent = schemaAt(RestApiConfigSchema, root, segs.slice(0, -1));
  if (!parent) return null;
  const typed = unionMembers(parent).filter((m) => literalValues(objectShape(m)?.type ?? null)?.length === 1);
  if (typed.length < 2) return null;
  const own = (m: z.ZodType) => (m as { description?: string }).description;
  const types = typed.filter((m) => !isDialect(own(m))).map((m) => String(literalValues(objectShape(m)?.type ?? null)?.[0]));
  const chosen = pickVariant(parent, valueAt(root, segs.slice(0, -1)) ?? {});
  const what = chosen ? own(chosen)?.replace(URL_RE, "").trim() : undefined;
  const written = valueAt(root, segs);
  return {
    key: "type",
    description:
      what ?? (typeof written === "string" ? `\`${written}\` is none of the types dlt takes.` : "The type, which decides the other keys."),
    accepts: `one of ${types.map((t) => `\`${t}\``).join(", ")}`,
    allowed: types,
    required: true,
    docsUrl: sectionUrl(segs),
  };
}

/**
 * The keys allowed in the dict at `path`, minus those already there, required ones first.
 * The second argument is the document's value (preferred: it picks the union variant by `type`)
 * or just the keys already present.
 */
export function keyCompletions(path: PathLike, rootOrExistingKeys: unknown = undefined): KeyDoc[] {
  const segs = segments(path);
  const existing =
    Array.isArray(rootOrExistingKeys) && rootOrExistingKeys.every((k) => typeof k === "string") && segs.length > 0
      ? (rootOrExistingKeys as string[])
      : null;
  const root = existing ? undefined : rootOrExistingKeys;
  const s = segs.length === 0 ? RestApiConfigSchema : schemaAt(RestApiConfigSchema, root, segs);
  if (!s) return [];
  const value = existing ? Object.fromEntries(existing.map((k) => [k, null])) : valueAt(root, segs);
  const here = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  const variant =
    pickVariant(s, here) ?? unionMembers(s).find((m) => objectShape(m) && !Object.keys(objectShape(m) ?? {}).some(isMarker)) ?? null;
  const shape = objectShape(variant);
  if (!variant || !shape) return [];
  const required = requiredKeys(variant);
  return Object.entries(shape)
    .filter(([k]) => !isMarker(k) && !(k in here))
    .map(([k, v]) => docFor(k, v, required.includes(k), [...segs, k]))
    .filter((d) => !isDialect(d.description))
    .sort((a, b) => Number(b.required) - Number(a.required));
}
