/** zod issues -> diagnostics: union-aware, located on the exact token, saying what is valid. */
import type { z } from "zod";
import type { Diagnostic } from "../formats";
import { describeSchema, literalValues, objectShape, pickVariant, schemaAt, unionMembers } from "./schema-walk";
import { didYouMean } from "./did-you-mean";
import { describeValue, valueAt, type Locator, type Path } from "./located";
import { quoteLike } from "./fixes";

type Issue = z.core.$ZodIssue;

const where = (path: Path) =>
  path.length ? `\`${path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("")}\`` : "the config";

function typeCode(path: Path): string {
  const last = path[path.length - 1] === "type" ? path[path.length - 2] : path[path.length - 1];
  return last === "paginator" ? "invalid_paginator_type" : last === "auth" ? "invalid_auth_type" : "invalid_value";
}

/**
 * `chosen` remembers the union member picked at a path, so that re-validating that member does not
 * pick again (zod 4 may report the issues of another member than the one the value means).
 */
export function mapIssues(root: z.ZodType, plain: unknown, loc: Locator, issues: readonly Issue[], prefix: Path = [], chosen = new Map<string, z.ZodType>()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const revalidate = (path: Path, variant: z.ZodType, value: unknown) => {
    chosen.set(loc.pointer(path), variant);
    const r = variant.safeParse(value);
    if (!r.success) out.push(...mapIssues(root, plain, loc, r.error.issues, path, chosen));
  };
  for (const issue of issues) {
    const path: Path = [...prefix, ...(issue.path as (string | number)[])];
    const value = valueAt(plain, path);
    const base = { path: loc.pointer(path), severity: "error" as const };
    if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")) {
      const key = path[path.length - 1];
      const parent = valueAt(plain, path.slice(0, -1)) as Record<string, unknown> | undefined;
      if (key === "limit" && parent?.type === "offset") {
        out.push({ ...base, code: "offset_without_limit", range: loc.value([...path.slice(0, -1), "type"]), message: `The offset paginator needs \`limit\` (the page size); dlt fails with "missing 1 required positional argument: 'limit'". Add e.g. "limit": 100.` });
      } else {
        const schema = schemaAt(root, plain, path);
        out.push({ ...base, code: "missing_key", range: loc.missing(path), message: `${where(path.slice(0, -1))} is missing the required key \`${String(key)}\`${schema ? ` (${describeSchema(schema)})` : ""}.` });
      }
      continue;
    }
    switch (issue.code) {
      case "unrecognized_keys": {
        const forced = chosen.get(loc.pointer(path));
        const at = forced ?? schemaAt(root, plain, path);
        const variant = forced ?? (at ? pickVariant(at, value) : null);
        if (at && !forced && unionMembers(at).length > 1) {
          if (variant) revalidate(path, variant, value);
          else out.push(...noVariant(loc, path, value, at));
          break;
        }
        const shape = objectShape(variant) ?? {};
        const allowed = Object.keys(shape).filter((k) => !k.startsWith("$"));
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          const range = loc.key(keyPath);
          const guess = didYouMean(key, allowed.filter((k) => !(k in (value as object))));
          const text = loc.doc.text.slice(range.start, range.end);
          out.push({
            ...base,
            path: loc.pointer(keyPath),
            code: "unknown_key",
            range,
            message: `Unknown key \`${key}\` in ${where(path)}.${guess ? ` Did you mean \`${guess}\`?` : ""} Allowed keys: ${allowed.map((k) => `\`${k}\``).join(", ")}.`,
            fixes: guess ? [{ title: `Rename to \`${guess}\``, edits: [{ range, newText: quoteLike(text, guess) }] }] : undefined,
          });
        }
        break;
      }
      case "invalid_union": {
        const schema = chosen.get(loc.pointer(path)) ?? schemaAt(root, plain, path);
        const variant = schema ? pickVariant(schema, value) : null;
        if (variant && !chosen.has(loc.pointer(path))) {
          revalidate(path, variant, value);
          break;
        }
        out.push(...noVariant(loc, path, value, schema));
        break;
      }
      case "invalid_type": {
        {
          const schema = schemaAt(root, plain, path);
          out.push({ ...base, code: "invalid_type", range: loc.value(path), message: `${where(path)} expects ${schema ? describeSchema(schema) : issue.expected}; got ${describeValue(value, path)}.` });
        }
        break;
      }
      case "invalid_value": {
        const allowed = issue.values.map(String);
        const guess = typeof value === "string" ? didYouMean(value, allowed) : null;
        const range = loc.value(path);
        out.push({
          ...base,
          code: typeCode(path),
          range,
          message: `${where(path)} must be one of ${allowed.map((a) => `\`${a}\``).join(", ")}; got ${describeValue(value, path)}.${guess ? ` Did you mean \`${guess}\`?` : ""}`,
          fixes: guess ? [{ title: `Change to \`${guess}\``, edits: [{ range, newText: quoteLike(loc.doc.text.slice(range.start, range.end), guess) }] }] : undefined,
        });
        break;
      }
      case "too_small":
      case "too_big": {
        const bound = issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
        const what = issue.origin === "string" ? `${bound} characters long` : issue.origin === "array" ? `${bound} items long` : bound;
        out.push({ ...base, code: "invalid_value", range: loc.value(path), message: `${where(path)} must be ${what}; got ${describeValue(value, path)}.` });
        break;
      }
      default:
        out.push({ ...base, code: "invalid_value", range: loc.value(path), message: `${where(path)}: ${issue.message}` });
    }
  }
  return out;
}

/** A value no union member fits: name the valid `type`s, or what the field accepts. */
function noVariant(loc: Locator, path: Path, value: unknown, schema: z.ZodType | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const typeValues = schema
    ? unionMembers(schema).flatMap((m) => literalValues(objectShape(m)?.type) ?? [])
    : [];
  const v = value as Record<string, unknown> | undefined;
  if (typeof v === "object" && v !== null && typeof v.type === "string" && typeValues.length > 0) {
    const names = typeValues.map(String);
    const guess = didYouMean(v.type, names);
    const range = loc.value([...path, "type"]);
    out.push({
      severity: "error",
      path: loc.pointer([...path, "type"]),
      code: typeCode([...path, "type"]),
      range,
      message: `Unknown ${String(path[path.length - 1] ?? "")} type \`${v.type}\`.${guess ? ` Did you mean \`${guess}\`?` : ""} Valid types: ${names.map((n) => `\`${n}\``).join(", ")}.`,
      fixes: guess ? [{ title: `Change to \`${guess}\``, edits: [{ range, newText: quoteLike(loc.doc.text.slice(range.start, range.end), guess) }] }] : undefined,
    });
  } else {
    const lits = schema ? unionMembers(schema).flatMap((m) => literalValues(m) ?? []).map(String) : [];
    const guess = typeof value === "string" ? didYouMean(value, lits) : null;
    const range = loc.value(path);
    out.push({
      path: loc.pointer(path), severity: "error",
      code: typeof value === "string" && lits.length ? typeCode(path) : "invalid_type",
      range,
      message: `${where(path)} expects ${schema ? describeSchema(schema) : "another value"}; got ${describeValue(value, path)}.${guess ? ` Did you mean \`${guess}\`?` : ""}`,
      fixes: guess ? [{ title: `Change to \`${guess}\``, edits: [{ range, newText: quoteLike(loc.doc.text.slice(range.start, range.end), guess) }] }] : undefined,
    });
  }
  return out;
}
