/**
 * Records as an API might send them, for property tests (lib/preview, lib/duck): keys like `__proto__`,
 * `constructor`, the empty string, `_dlt_id`, dots and non-ASCII; values of drifting types, nested
 * dicts and lists, big and whole-float numbers, text that looks like dates, numbers or JSON.
 */
import fc from "fast-check";
import { NumberTexts, pageNumberText } from "../engine/number-text";
import type { DataRecord, Json, NumberText } from "../engine/types";
import { parseBody } from "../shared";

const KEYS = ["id", "__proto__", "constructor", "toString", "", "a.b", "Ünïcode", "camelCase", "with space", "1st", "_dlt_id", "value"];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }));
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(2 ** 53 + 1, -0, 1e21, 0.1),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("2024-01-02T03:04:05Z", "2024-01-02", "12.5", "true", "nan", "[1, 2.0]", '{"a": 1.0}'),
);
const { value } = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  ),
}));
/** A record: up to 6 keys, values nested a few levels. */
export const record: fc.Arbitrary<DataRecord> = fc.dictionary(key, value, { maxKeys: 6 });
/** A page of 0–6 such records. */
export const page$ = fc.array(record, { minLength: 0, maxLength: 6 });

/**
 * The page as the engine delivers it: the records written as JSON and read back with the engine's
 * parse, so numbers carry the spelling Python reads (`1e+21` a float, 9007199254740993 an exact int).
 */
export function delivered(records: readonly DataRecord[]): { records: DataRecord[]; number_text?: (NumberText | null)[] } {
  const sink = new NumberTexts();
  const parsed = parseBody(JSON.stringify(records), sink) as DataRecord[];
  const number_text = pageNumberText(sink, parsed);
  return number_text ? { records: parsed, number_text } : { records: parsed };
}
