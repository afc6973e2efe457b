/**
 * A cast reference (`"limit": int(dlt.config["lim"])`, decision 0047) where the schema does not take it as it is: its type
 * is known whatever the value, so the place is checked for that type, and a run's value is cast as Python casts what dlt
 * hands over (lib/shared/py-cast.ts). A value Python raises on is ref-values.ts's error.
 */
import type { PlainValue } from "../formats";
import { isPyNumber, pyNumberValue, readRef, refSpelling, type HeldValue, type RefCast } from "../shared";
import type { Locator } from "./located";
import { RestApiConfigSchema } from "./schema";
import { describeSchema, schemaAt } from "./schema-walk";
import type { DiagnosticOut } from "./sink";
import type { RunTimeRef } from "./type-refs";

/** A value of each cast's type, to ask the schema whether a place takes that type. */
const SAMPLES: Readonly<Record<RefCast, PlainValue>> = { int: 1, float: 0.5, bool: true };
const A_TYPE: Readonly<Record<RefCast, string>> = { int: "an int", float: "a float", bool: "a bool" };

/**
 * A cast reference where the schema does not take it as it is (`"limit": int(dlt.config["lim"])`): `{value}` to put in its
 * place (this run's value, cast as Python casts what dlt hands over: `os.environ`'s text as it is), `{}` to take it out —
 * said with an info when its type fits and the run has no value, with an error when its type does not fit whatever the
 * value (`"path": int(…)`), silently when Python raises on the value (ref-values.ts says so).
 */
export function castValue(
  copy: PlainValue,
  ref: RunTimeRef,
  known: string | undefined,
  held: HeldValue | undefined,
  environ: boolean,
  loc: Locator,
  out: DiagnosticOut,
): { value: PlainValue } | Record<string, never> {
  const cast = ref.cast as RefCast;
  const spelling = environ ? `${cast}(os.environ["${ref.name}"])` : refSpelling(ref.kind, ref.name, cast);
  const schema = schemaAt(RestApiConfigSchema, copy, ref.path);
  if (schema === null || !schema.safeParse(SAMPLES[cast]).success) {
    out.push({
      severity: "error",
      code: "invalid_type",
      path: loc.pointer(ref.path),
      range: loc.value(ref.path),
      message:
        `${ref.place} is ${spelling}, ${A_TYPE[cast]} whatever its value, and dlt's config wants ` +
        `${schema ? describeSchema(schema) : "another type"} there: write the reference without ${cast}(…), or the value itself.`,
    });
    return {};
  }
  if (known === undefined) {
    out.push({
      severity: "info",
      code: "value_at_run_time",
      path: loc.pointer(ref.path),
      range: loc.value(ref.path),
      message:
        `${ref.place} is ${spelling}: Python reads the value when the config is built and dlt gets ${A_TYPE[cast]} ` +
        "(without a value Python fails first, with ConfigFieldMissingException). restplay checks the config with " +
        `${A_TYPE[cast]} there; give the run its value (the Secrets panel, \`--secret\`, the environment) to run it.`,
    });
    return {};
  }
  const r = readRef({ name: ref.name, cast }, known, held, environ);
  if (!("value" in r)) return {};
  return { value: (isPyNumber(r.value) ? Number(pyNumberValue(r.value)) : r.value) as PlainValue };
}
