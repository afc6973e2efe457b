/**
 * `None` where dlt's TypedDicts type a key `Optional[...]` and `None` is what the key defaults to: dlt
 * takes the config (its validation accepts None) and runs it as if the key were left out (probed: a
 * docs table says "`has_more_path` … Defaults to `None`"). Such keys are left out before the schema
 * sees them, silently: nothing to fix. `stop_after_empty_page: None` is false to dlt (it tests the value's
 * truth), not its default: read as false, with an info (`noneAsFalse`). Keys where `None` means something
 * else (`total_path`: no total, `offset`: a run-time TypeError) stay, and the schema says so.
 */
import type { PlainValue } from "../formats";
import type { Locator } from "./located";
import type { DiagnosticOut } from "./sink";
import { inlineValue, removeEntriesEdits } from "./fixes";
import { endpointsOf, paginatorsOf } from "./rules/dlt-endpoints";
import { isObj, type Obj } from "./rules/context";

/** Paginator keys whose constructor default is None (paginators.py, dlt 1.26.0). */
const PAGINATOR: readonly string[] = ["has_more_path", "maximum_page", "maximum_offset", "maximum_value", "page"];
/** Incremental keys dlt pops or passes to `Incremental(...)` with None as its default. */
const INCREMENTAL: readonly string[] = [
  "start_param",
  "end_param",
  "convert",
  "row_order",
  "lag",
  "primary_key",
  "allow_external_schedulers",
];
/** Resource keys (`EndpointResource`) and client keys (`ClientConfig`) that are `Optional` with no value meaning none. */
const RESOURCE: readonly string[] = ["nested_hints", "references"];
const CLIENT: readonly string[] = ["session"];

/** The objects of `value` that may hold such keys, each with its keys. */
function holders(value: PlainValue): [Obj, readonly string[]][] {
  const out: [Obj, readonly string[]][] = [];
  if (isObj(value)) {
    if (isObj(value.client)) out.push([value.client, CLIENT]);
    if (isObj(value.resource_defaults)) out.push([value.resource_defaults, RESOURCE]);
    if (Array.isArray(value.resources)) for (const r of value.resources) if (isObj(r)) out.push([r, RESOURCE]);
  }
  for (const { paginator } of paginatorsOf(value)) out.push([paginator, PAGINATOR]);
  for (const { endpoint } of endpointsOf(value)) if (isObj(endpoint.incremental)) out.push([endpoint.incremental, INCREMENTAL]);
  return out;
}

const isNone = (o: Obj, k: string) => Object.hasOwn(o, k) && o[k] === null;

/** `value` without those keys (a copy when there are any: the caller's value is shown and exported as written). */
export function withoutDefaultNones(value: PlainValue): PlainValue {
  if (!holders(value).some(([o, keys]) => keys.some((k) => isNone(o, k)))) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const [o, keys] of holders(copy)) for (const k of keys) if (isNone(o, k)) delete o[k];
  return copy;
}

/** `stop_after_empty_page: None` read as dlt reads it (false), with an info and the two ways to say what is meant. */
export function noneAsFalse(value: PlainValue, loc: Locator, out: DiagnosticOut): PlainValue {
  const found = paginatorsOf(value).filter(({ paginator }) => isNone(paginator, "stop_after_empty_page"));
  if (found.length === 0) return value;
  const none = loc.doc.format === "python" ? "None" : "null";
  for (const { at } of found) {
    const keyAt = [...at, "stop_after_empty_page"];
    out.push({
      severity: "info",
      code: "paginator_none_is_false",
      path: loc.pointer(keyAt),
      range: loc.key(keyAt),
      message:
        `\`stop_after_empty_page: ${none}\` is false to dlt's paginator (it tests the value's truth): paging goes on past an ` +
        "empty page, where the default of offset and page_number paging stops. " +
        "Write false to say so, or leave the key out for the default.",
      fixes: [
        { title: "Write false", edits: [{ range: loc.value(keyAt), newText: inlineValue(loc.doc.format, false) }] },
        { title: "Remove `stop_after_empty_page` (the default)", edits: removeEntriesEdits(loc.doc, at, ["stop_after_empty_page"]) },
      ],
    });
  }
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const { paginator } of paginatorsOf(copy)) if (isNone(paginator, "stop_after_empty_page")) paginator.stop_after_empty_page = false;
  return copy;
}
