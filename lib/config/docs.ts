/** Hover docs and key completions, derived from the zod schema's descriptions (one source of truth). */
import type { z } from "zod";
import { RestApiConfigSchema } from "./schema";
import { describeSchema, literalValues, objectShape, pickVariant, schemaAt, unionMembers, unwrap } from "./schema-walk";
import { valueAt } from "./located";

export interface KeyDoc {
  /** The key (or `type` value) the doc is about. */
  readonly key: string;
  readonly description: string;
  /** What the key accepts, e.g. "an integer" or "one of `GET`, `POST`". */
  readonly accepts: string;
  readonly allowed: readonly string[];
  readonly docsUrl: string | null;
}

const URL_RE = /See (https:\/\/\S+?)\.?$/;

function descriptionOf(s: z.ZodType): string {
  const own = (s as { description?: string }).description;
  if (own) return own;
  const inner = unwrap(s) as { description?: string };
  if (inner.description) return inner.description;
  for (const m of unionMembers(s)) {
    const d = (m as { description?: string }).description;
    if (d) return d;
  }
  return "";
}

function docFor(key: string, s: z.ZodType): KeyDoc {
  const raw = descriptionOf(s);
  const url = URL_RE.exec(raw)?.[1] ?? null;
  const allowed = unionMembers(s).flatMap((m) => literalValues(m) ?? []).map(String);
  return { key, description: raw.replace(URL_RE, "").trim(), accepts: describeSchema(s), allowed, docsUrl: url };
}

/** Documentation of the key at `path` of the document `root` (union variants picked by the document's values). */
export function describeKey(path: readonly (string | number)[], root: unknown): KeyDoc | null {
  if (path.length === 0) return docFor("config", RestApiConfigSchema);
  const s = schemaAt(RestApiConfigSchema, root, path);
  return s ? docFor(String(path[path.length - 1]), s) : null;
}

/** The keys allowed in the object at `path` (those not present yet first), with their docs. */
export function keyCompletions(path: readonly (string | number)[], root: unknown): KeyDoc[] {
  const s = path.length === 0 ? RestApiConfigSchema : schemaAt(RestApiConfigSchema, root, path);
  if (!s) return [];
  const value = valueAt(root, path);
  const variant = pickVariant(s, value && typeof value === "object" ? value : {}) ?? s;
  const shape = objectShape(variant) ?? unionMembers(s).map(objectShape).find((x) => x && !Object.keys(x).some((k) => k.startsWith("$"))) ?? null;
  if (!shape) return [];
  const present = new Set(value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : []);
  return Object.entries(shape)
    .filter(([k]) => !k.startsWith("$") && !present.has(k))
    .map(([k, v]) => docFor(k, v));
}
