/**
 * References the downloads bind as text (decision 0005, amended): dlt's `dlt.secrets[...]`/`dlt.config[...]`
 * give what `auto_cast` makes of the value, so an all-digit API key (`12345`, even quoted in secrets.toml,
 * or from the environment) arrives as an int. In an auth's credential fields dlt 1.26.0 then fails the
 * source before any request (`TypeError: object of type 'int' has no len()`, or a `DictValidationException`
 * for `resource_defaults`), and a header's value fails its request (requests: `Header part (12345) … must
 * be of type str or bytes`). So every download writes a bare reference there as text, `str(dlt.secrets["k"])`:
 * the one-part `{"$format": [ref]}`, which the Python reader reads back as it was written.
 */
import type { PlainValue } from "../formats";
import { CREDENTIAL_FIELDS, DLT_MASKED_AUTH_KEYS, isRef, refOf } from "../shared";
import { valueAt, where, type Path } from "./located";
import { endpointsOf } from "./rules/dlt-endpoints";
import { isObj } from "./rules/context";

/** The auth fields dlt wants as text: the ones it masks with `len()`, and every credential field. */
const TEXT_AUTH_FIELDS: ReadonlySet<string> = new Set([...DLT_MASKED_AUTH_KEYS, ...CREDENTIAL_FIELDS]);

/** The places a config holds a value dlt wants as text: auth credential fields and header values, as [dict path, keys]. */
function textPlaces(config: unknown): { readonly at: Path; readonly keys: (k: string) => boolean }[] {
  if (!isObj(config)) return [];
  const owners: Path[] = [];
  if (isObj(config.client)) owners.push(["client"]);
  owners.push(...endpointsOf(config).map((e) => e.at));
  return owners.flatMap((owner) => [
    { at: [...owner, "auth"], keys: (k: string) => TEXT_AUTH_FIELDS.has(k) },
    { at: [...owner, "headers"], keys: () => true },
  ]);
}

const dictAt = (root: unknown, path: Path): Record<string, PlainValue> | null => {
  const v = valueAt(root, path);
  return isObj(v) ? (v as Record<string, PlainValue>) : null;
};

/**
 * The bare references (`{"$secret": k}`, `{"$config": k}`) where dlt wants text, in config order. One read with dlt's `get`
 * is not: `get` casts nothing (the environment's `12345` stays text), and `str()` would make its None the text `None`.
 */
export function refsWantingText(config: unknown): Path[] {
  const found: Path[] = [];
  for (const place of textPlaces(config)) {
    const dict = dictAt(config, place.at);
    if (dict)
      for (const [k, v] of Object.entries(dict)) if (place.keys(k) && isRef(v) && refOf(v)?.get === undefined) found.push([...place.at, k]);
  }
  return found;
}

/** What the downloads say of the references they bind as text. */
export const textRefsNote = (paths: readonly Path[]): string =>
  `${paths.map(where).join(", ")}: bound as text, \`str(dlt.secrets[…])\`: dlt reads a value such as \`12345\` as a number ` +
  "(quoted in secrets.toml too), and its auth and requests' headers take text only.";

/**
 * `config` with each bare reference where dlt wants text written as text (`{"$format": [ref]}`, a copy when
 * there is one) and a note naming them; `config` itself and no note when there is none. `only`: just these of them.
 */
export function refsAsText(config: PlainValue, only?: readonly Path[]): { readonly config: PlainValue; readonly notes: string[] } {
  const found = only ?? refsWantingText(config);
  if (found.length === 0) return { config, notes: [] };
  const copy = JSON.parse(JSON.stringify(config)) as PlainValue;
  for (const path of found) {
    const dict = dictAt(copy, path.slice(0, -1)) as Record<string, PlainValue>;
    const key = String(path[path.length - 1]);
    dict[key] = { $format: [dict[key] ?? null] };
  }
  return { config: copy, notes: [textRefsNote(found)] };
}
