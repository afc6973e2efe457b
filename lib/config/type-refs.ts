/**
 * A paginator's or auth's `type` given as a reference (`"type": dlt.config["pag_type"]`, `{"$config": "pag_type"}`):
 * Python reads `dlt.config[...]` while it builds the config dict, before `rest_api_source` sees it — the value then
 * works as the literal would, and a missing one raises `ConfigFieldMissingException` (checked with dlt 1.26.0). Which
 * type it is is known at run time only, so it is taken out before the schema sees the dict, as a `type` written as
 * Python restplay does not evaluate is (unread-python.ts): the dict's keys are then checked against every type's.
 */
import type { PlainValue } from "../formats";
import { refOf } from "../shared";
import { where, type Locator } from "./located";
import type { DiagnosticOut } from "./sink";
import { typedKindAt } from "./type-keys";

type Path = (string | number)[];

/** The typed dicts' places a config can have (`client.paginator`, `resources[i].endpoint.auth`, …), as paths. */
function typedDicts(value: PlainValue): Path[] {
  const out: Path[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!obj(value)) return out;
  const owners: Path[] = [["client"], ["resource_defaults", "endpoint"]];
  if (Array.isArray(value.resources)) value.resources.forEach((_, i) => owners.push(["resources", i, "endpoint"]));
  for (const owner of owners) for (const key of ["paginator", "auth"]) if (typedKindAt([...owner, key]) !== null) out.push([...owner, key]);
  return out;
}

const at = (root: unknown, path: Path): unknown =>
  path.reduce<unknown>((o, k) => (typeof o === "object" && o !== null ? (o as Record<string | number, unknown>)[k] : undefined), root);

/** A reference given as a typed dict's `type`: the dict's path, and where it is as messages say it. */
export interface TypeRef {
  readonly dict: Path;
  readonly place: string;
  readonly kind: "secret" | "config";
  readonly name: string;
}

/** The references given as a typed dict's `type`, in config order. */
export function typeRefs(value: PlainValue): TypeRef[] {
  return typedDicts(value).flatMap((dict) => {
    const ref = refOf((at(value, dict) as Record<string, unknown> | undefined)?.type);
    return ref === null ? [] : [{ dict, place: where([...dict, "type"]), ...ref }];
  });
}

/**
 * `value` without the references given as a typed dict's `type` (a copy when there are any), each said with an info;
 * `removed` receives their paths. `given` (a run's values by reference name) puts a known value in place instead.
 */
export function withoutTypeRefs(
  value: PlainValue,
  loc: Locator,
  out: DiagnosticOut,
  removed: Path[],
  given: Readonly<Record<string, string>> = {},
): PlainValue {
  const found = typeRefs(value);
  if (found.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const { dict, ...ref } of found) {
    const target = at(copy, dict) as Record<string, unknown>;
    const typePath = [...dict, "type"];
    const known = Object.hasOwn(given, ref.name) ? given[ref.name] : undefined;
    if (known !== undefined) {
      target.type = known;
      continue;
    }
    delete target.type;
    removed.push(typePath);
    const spelled = `dlt.${ref.kind === "secret" ? "secrets" : "config"}["${ref.name}"]`;
    out.push({
      severity: "info",
      code: "type_at_run_time",
      path: loc.pointer(typePath),
      range: loc.value(typePath),
      message:
        `${where(typePath)} is ${spelled}: dlt reads it when the config is built, and the ${String(dict[dict.length - 1])} works as ` +
        `that type written literally would (without a value Python fails first, with ConfigFieldMissingException). restplay checks the ` +
        "dict's keys against every type's; write the type itself to have the rest checked and run in the playground.",
    });
  }
  return copy;
}
