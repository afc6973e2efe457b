/**
 * Attribute reads a step may write (`e.args`, `d.year`, `timezone.utc`, `datetime.datetime`): the names the compiler
 * lets through (`ATTRIBUTE_NAMES`) and what each value answers, with Python's AttributeError for the rest.
 */
import { DATE_ATTRIBUTES } from "./dates";
import { PENDULUM_ATTRIBUTES } from "./pendulum";
import { HASH_ATTRIBUTES } from "./hashing";
import { RE_ATTRIBUTES } from "./regex";
import { PyError, PyObject, PyTuple, typeName, type PyVal } from "./values";

/** Attribute names a step may read (others are refused when the config is checked: the playground does not model them). */
export const ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  "args",
  ...DATE_ATTRIBUTES,
  ...PENDULUM_ATTRIBUTES,
  ...HASH_ATTRIBUTES,
  ...RE_ATTRIBUTES,
  "groups",
  "key",
  "ZoneInfo",
]);

/** `v.name`, as Python reads it. */
export function getattr(v: PyVal, name: string): PyVal {
  if (v instanceof PyError && name === "args") return new PyTuple([...v.args]);
  const got = v instanceof PyObject ? v.attr(name) : undefined;
  if (got !== undefined) return got;
  throw new PyError("AttributeError", `'${typeName(v)}' object has no attribute '${name}'`);
}
