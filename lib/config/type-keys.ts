/**
 * The keys some `type` of a paginator or auth dict takes. dlt validates such a dict against the union of
 * its config TypedDicts, each closed, before it looks at the `type` (dlt 1.26.0: `{"type": "offset", "limt": 10}`,
 * `{"type": "auto", "limt": 10}` and a `register_paginator` type's dict with `limt` all fail with
 * DictValidationException, "received unexpected fields"): a key no type takes is refused whatever the type is.
 */
import type { z } from "zod";
import { authSchemas, isDialect, paginatorSchemas, TypelessBearerSchema } from "./schema";
import { allowedKeys, objectShape, wrappedDescription } from "./schema-walk";
import { didYouMean } from "./did-you-mean";

export type TypedKind = "paginator" | "auth";

/** dlt's keys of the schemas (the seed dialect's are not dlt's: `token_url`, `scope`). */
function keysOf(schemas: readonly z.ZodType[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const s of schemas) {
    const shape = objectShape(s) ?? {};
    for (const k of allowedKeys(s)) if (!isDialect(wrappedDescription(shape[k] as z.ZodType))) keys.add(k);
  }
  return keys;
}

const KEYS: Readonly<Record<TypedKind, ReadonlySet<string>>> = {
  paginator: keysOf(Object.values(paginatorSchemas)),
  auth: keysOf([...Object.values(authSchemas), TypelessBearerSchema]),
};

/** The keys some type of `kind` takes, `type` included. */
export const keysOfSomeType = (kind: TypedKind): ReadonlySet<string> => KEYS[kind];

/** The key of some `kind` type a misspelt `key` most likely meant, of those `dict` lacks (`type` aside); null if none is close. */
export const closestTypedKey = (kind: TypedKind, key: string, dict: object): string | null =>
  didYouMean(
    key,
    [...KEYS[kind]].filter((k) => k !== "type" && !(k in dict)),
  );

/** The kind of the config dict at `path` (`client.auth`, `resources[i].endpoint.paginator`, …), or null. */
export function typedKindAt(path: readonly (string | number)[]): TypedKind | null {
  const last = path[path.length - 1];
  if (last !== "paginator" && last !== "auth") return null;
  const owner = path.slice(0, -1).join("/");
  return owner === "client" || owner === "resource_defaults/endpoint" || /^resources\/\d+\/endpoint$/.test(owner) ? last : null;
}
