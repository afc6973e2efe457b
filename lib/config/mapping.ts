/**
 * zod issues -> diagnostics: union-aware, located on the exact token, saying what is valid.
 *
 * zod reports a failed union as one `invalid_union` with every member's errors (or, when only one
 * member "nearly" fits, that member's errors, which need not be the member the user meant). So we
 * never trust zod's choice: at the first union on an issue's path we pick the member ourselves from
 * the value (its `type`, a `$secret` marker, its shape), validate that member alone, and map its
 * issues. The user hears about the paginator they wrote, not about nine others.
 */
import type { z } from "zod";
import type { DiagnosticOut } from "./sink";
import {
  allowedKeys,
  childSchema,
  describeSchema,
  literalValues,
  objectShape,
  pickVariant,
  unionMembers,
  wrappedDescription,
} from "./schema-walk";
import { didYouMean } from "./did-you-mean";
import { isMarker } from "../shared";
import { clip, describeValue, own, valueAt, where, type Locator, type Path } from "./located";
import { quoteLike, renameKeyFix } from "./fixes";
import { ClientSchema, EndpointResourceSchema, EndpointSchema, isDialect, ResourceDefaultsSchema, TypelessBearerSchema } from "./schema";

type Issue = z.core.$ZodIssue;

interface Ctx {
  readonly loc: Locator;
  readonly plain: unknown;
  readonly out: DiagnosticOut;
}

const ENDPOINT_KEYS = new Set(Object.keys(objectShape(EndpointSchema) ?? {}));
const RESOURCE_KEYS = new Set(Object.keys(objectShape(EndpointResourceSchema) ?? {}));
const CLIENT_KEYS = new Set(Object.keys(objectShape(ClientSchema) ?? {}));

/** A key of a part of a config at its top (a resource or an endpoint pasted alone, as dlt's docs show them): where it belongs. */
function partOfConfig(key: string): string | null {
  const places = [
    ...(CLIENT_KEYS.has(key) ? ["`client`"] : []),
    ...(RESOURCE_KEYS.has(key) ? ["a resource (an entry of `resources`)"] : ENDPOINT_KEYS.has(key) ? ["a resource's `endpoint`"] : []),
  ];
  return places.length === 0
    ? null
    : `\`${clip(key)}\` belongs in ${places.join(" or ")}: is this a part of a config rather than a whole one?`;
}

/**
 * What dlt 1.26.0 does with `null` for a paginator key whose default is not None: it builds the source, then
 * (run against a local API; docs/diagnostics.md, decision 0050) fails or pages otherwise than the config says.
 */
const NULL_PAGINATOR_KEY: Readonly<Record<string, string>> = {
  links_next_key: "dlt loads the first page only",
  cursor_param: "dlt sends the cursor as `?None=…`",
  cursor_key: "dlt's extract fails on the first response, an AttributeError",
  offset: "dlt's extract fails after the first page, a TypeError",
  base_page: "without `page`, dlt's extract fails after the first page, a TypeError",
};

/** ` (what dlt does with it)` for `null` at a paginator's key, or "". */
function nullPaginatorNote(path: Path, value: unknown): string {
  const key = String(path[path.length - 1]);
  const note =
    value === null && path[path.length - 2] === "paginator" && Object.hasOwn(NULL_PAGINATOR_KEY, key) ? NULL_PAGINATOR_KEY[key] : undefined;
  return note === undefined ? "" : ` (${note}; leave the key out for its default)`;
}

/** `invalid_paginator_type` / `invalid_auth_type` for a paginator's or auth's `type` (or shorthand). */
function typeCode(path: Path): string {
  const last = path[path.length - 1] === "type" ? path[path.length - 2] : path[path.length - 1];
  return last === "paginator" ? "invalid_paginator_type" : last === "auth" ? "invalid_auth_type" : "invalid_value";
}

/** What the `type` values of a union's dict members are called in messages: "paginator", "auth". */
const kindName = (path: Path) => {
  const last = String(path[path.length - 1] ?? "");
  return last === "paginator" ? "paginator" : last === "auth" ? "auth" : `\`${last}\``;
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const typeOf = (m: z.ZodType) => literalValues(objectShape(m)?.type)?.[0];

/** Maps the issues of `schema` (the schema at `prefix`) on the document; `union` is the union `schema` was picked from. */
export function mapIssues(ctx: Ctx, issues: readonly Issue[], prefix: Path, schema: z.ZodType, union: z.ZodType | null = null): void {
  const handled = new Set<string>();
  outer: for (const issue of issues) {
    if (ctx.out.full) return;
    const rel = issue.path as (string | number)[];
    let s: z.ZodType | null = schema;
    let v: unknown = valueAt(ctx.plain, prefix);
    for (let d = 0; d <= rel.length && s; d++) {
      const atEnd = d === rel.length;
      if (unionMembers(s).length > 1 && !(atEnd && v === undefined)) {
        const at = [...prefix, ...rel.slice(0, d)];
        const key = ctx.loc.pointer(at);
        if (!handled.has(key)) {
          handled.add(key);
          const variant = pickVariant(s, v);
          if (variant) {
            const r = variant.safeParse(v);
            if (!r.success) mapIssues(ctx, r.error.issues, at, variant, s);
          } else noVariant(ctx, at, v, s);
        }
        continue outer;
      }
      if (atEnd) break;
      const seg = rel[d] as string | number;
      s = childSchema(s, seg);
      v = own(v, seg);
    }
    leafIssue(ctx, issue, [...prefix, ...rel], s, rel.length === 0 ? union : null);
  }
}

/** Where a value's problem is shown: the value, or its key when the value has no text (YAML's `key:`). */
function shown(loc: Locator, path: Path) {
  const r = loc.value(path);
  return r.start === r.end ? loc.key(path) : r;
}

function leafIssue(ctx: Ctx, issue: Issue, path: Path, schema: z.ZodType | null, union: z.ZodType | null): void {
  const { loc, out } = ctx;
  const value = valueAt(ctx.plain, path);
  const base = { path: loc.pointer(path), severity: "error" as const };
  if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union" || issue.code === "invalid_value")) {
    const key = String(path[path.length - 1]);
    const parentPath = path.slice(0, -1);
    const parent = valueAt(ctx.plain, parentPath) as Record<string, unknown> | undefined;
    if (key === "limit" && parent?.type === "offset") {
      out.push({
        ...base,
        code: "offset_without_limit",
        range: loc.value([...parentPath, "type"]),
        message: `The offset paginator at ${where(parentPath)} needs \`limit\` (the page size); dlt fails with "missing 1 required positional argument: 'limit'". Add e.g. "limit": 100.`,
      });
    } else {
      out.push({
        ...base,
        code: "missing_key",
        range: loc.missing(path),
        message: `${capital(where(parentPath))} is missing the required key \`${clip(key)}\`${schema ? ` (${describeSchema(schema)})` : ""}.`,
      });
    }
    return;
  }
  switch (issue.code) {
    case "unrecognized_keys":
      for (const key of issue.keys) {
        if (out.full) return;
        unknownKey(ctx, path, key, schema, union);
      }
      return;
    case "invalid_type":
    case "invalid_union": {
      const expected = schema ? describeSchema(schema) : issue.code === "invalid_type" ? issue.expected : "another value";
      const got = describeValue(value, path, loc.doc.format) + nullPaginatorNote(path, value);
      out.push({
        ...base,
        code: "invalid_type",
        range: shown(loc, path),
        message: `${capital(where(path))} expects ${expected}; got ${got}.`,
      });
      return;
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const guess = typeof value === "string" ? didYouMean(value, allowed) : null;
      out.push({
        ...base,
        code: typeCode(path),
        range: shown(loc, path),
        fixes: replaceValueFix(loc, path, guess),
        message: `${capital(where(path))} must be one of ${allowed.map((a) => `\`${a}\``).join(", ")}; got ${describeValue(value, path, loc.doc.format)}.${guess ? ` Did you mean \`${guess}\`?` : ""}`,
      });
      return;
    }
    case "too_small":
    case "too_big": {
      const n = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const what =
        issue.origin === "string" && issue.code === "too_small" && Number(n) === 1
          ? "must not be empty"
          : `must be ${issue.code === "too_small" ? "at least" : "at most"} ${String(n)}${issue.origin === "string" ? " characters long" : issue.origin === "array" ? " items long" : ""}`;
      out.push({
        ...base,
        code: "invalid_value",
        range: shown(loc, path),
        message: `${capital(where(path))} ${what}; got ${describeValue(value, path, loc.doc.format)}.`,
      });
      return;
    }
    default:
      out.push({
        ...base,
        code: "invalid_value",
        range: shown(loc, path),
        message: `${capital(where(path))}: ${issue.message}; got ${describeValue(value, path, loc.doc.format)}.`,
      });
  }
}

function unknownKey(ctx: Ctx, path: Path, key: string, schema: z.ZodType | null, union: z.ZodType | null): void {
  const { loc } = ctx;
  const keyPath = [...path, key];
  const range = loc.key(keyPath);
  const value = valueAt(ctx.plain, path);
  // dlt's keys: the seed dialect's (`error_handler`, …) are accepted and flagged, never offered.
  const shape = schema ? (objectShape(schema) ?? {}) : {};
  const allowed = schema ? allowedKeys(schema).filter((k) => !isDialect(wrappedDescription(shape[k] as z.ZodType))) : [];
  const present = typeof value === "object" && value !== null ? value : {};
  const guess = didYouMean(
    key,
    allowed.filter((k) => !(k in present)),
  );
  const hints: string[] = [];
  if (guess) hints.push(`Did you mean \`${guess}\`?`);
  // A key of another `type` of the same union: name the types that have it.
  if (union && !guess) {
    const owners = unionMembers(union)
      .filter((m) => m !== schema && typeOf(m) !== undefined && allowedKeys(m).includes(key))
      .map((m) => `\`${String(typeOf(m))}\``);
    if (owners.length > 0) {
      hints.push(
        schema === TypelessBearerSchema
          ? `\`${clip(key)}\` belongs to the ${owners.join(", ")} auth: add its \`type\` (a dict without \`type\` is a bearer token).`
          : `\`${clip(key)}\` belongs to the ${owners.join(", ")} ${kindName(path)}, not \`${String(typeOf(schema as z.ZodType) ?? "")}\`.`,
      );
    }
  }
  if ((schema === EndpointResourceSchema || schema === ResourceDefaultsSchema) && ENDPOINT_KEYS.has(key)) {
    hints.push(`\`${clip(key)}\` is an endpoint key: move it into \`endpoint\`.`);
  }
  const part = path.length === 0 ? partOfConfig(key) : null;
  if (part) hints.push(part);
  if (schema === ResourceDefaultsSchema && key === "name") hints.push("Defaults apply to every resource, so they have no `name`.");
  // `{"$secret": …}` and its kind: a reference has its one marker key and nothing else.
  const marker = schema ? Object.keys(objectShape(schema) ?? {}).find(isMarker) : undefined;
  ctx.out.push({
    severity: "error",
    path: loc.pointer(keyPath),
    code: "unknown_key",
    range,
    message: marker
      ? `Unknown key \`${clip(key)}\` in ${where(path)}: a reference is written ` +
        `\`{"${marker}": ${marker === "$format" ? '["text", {"$secret": "<name>"}, …]' : '"<name>"'}}\` with no other key.`
      : `Unknown key \`${clip(key)}\` in ${where(path)}.${hints.length ? ` ${hints.join(" ")}` : ""} Allowed keys: ${allowed.map((k) => `\`${k}\``).join(", ")}.`,
    fixes: guess ? [renameKeyFix(loc.doc.text, range, guess)] : undefined,
  });
}

function replaceValueFix(loc: Locator, path: Path, guess: string | null) {
  if (!guess) return undefined;
  const range = loc.value(path);
  return [{ title: `Change to \`${guess}\``, edits: [{ range, newText: quoteLike(loc.doc.text.slice(range.start, range.end), guess) }] }];
}

/** A value no union member fits: name the valid `type`s, or what the key accepts. */
function noVariant(ctx: Ctx, path: Path, value: unknown, union: z.ZodType): void {
  const { loc, out } = ctx;
  const types = unionMembers(union)
    .map(typeOf)
    .filter((t) => t !== undefined)
    .map(String);
  const v = value as Record<string, unknown> | null | undefined;
  const isDict = typeof v === "object" && v !== null && !Array.isArray(v);
  if (isDict && typeof v.type === "string" && types.length > 0) {
    const guess = didYouMean(v.type, types);
    const typePath = [...path, "type"];
    out.push({
      severity: "error",
      path: loc.pointer(typePath),
      code: typeCode(typePath),
      range: loc.value(typePath),
      fixes: replaceValueFix(loc, typePath, guess),
      message: `Unknown ${kindName(path)} type \`${v.type}\` at ${where(path)}.${guess ? ` Did you mean \`${guess}\`?` : ""} Valid types: ${types.map((n) => `\`${n}\``).join(", ")}.`,
    });
    return;
  }
  if (isDict && !("type" in v) && types.length > 0) {
    const typePath = [...path, "type"];
    out.push({
      severity: "error",
      path: loc.pointer(typePath),
      code: "missing_key",
      range: loc.missing(typePath),
      message: `${capital(where(path))} is missing the required key \`type\`: a ${kindName(path)} dict names its type, one of ${types.map((n) => `\`${n}\``).join(", ")}.`,
    });
    return;
  }
  const literals = unionMembers(union)
    .flatMap((m) => literalValues(m) ?? [])
    .map(String);
  const guess = typeof value === "string" ? didYouMean(value, literals) : null;
  out.push({
    severity: "error",
    path: loc.pointer(path),
    code: typeof value === "string" && literals.length > 0 ? typeCode(path) : "invalid_type",
    range: shown(loc, path),
    fixes: replaceValueFix(loc, path, guess),
    message: `${capital(where(path))} expects ${describeSchema(union)}; got ${describeValue(value, path, loc.doc.format)}.${guess ? ` Did you mean \`${guess}\`?` : ""}`,
  });
}
