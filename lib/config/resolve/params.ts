/**
 * Typed params (dlt-rest-api.md §5, §6.3, §10.1): a dict in `params` must be `{"type": "resolve", …}`
 * or `{"type": "incremental", …}`, and each has keys dlt needs when it builds the source. Checked where
 * the param is written (the defaults' once).
 */
import type { Path } from "../located";
import { describeValue } from "../located";
import { isPythonCall, isUnreadPython, missingKey, type RuleContext } from "../rules/context";
import { isObj, hasMarker } from "./values";
import { IncrementalSchema } from "../schema";
import { didYouMean } from "../did-you-mean";
import { removeEntriesEdits, renameKeyFix } from "../fixes";
import { pyTruthy } from "../../shared";

const PARAM_TYPES = ["incremental", "resolve"];

/**
 * The keys of `{"type": "incremental", …}`: dlt drops `type`, `convert` and the deprecated `transform`
 * and passes the rest to `Incremental(**config)` — the endpoint block's keys but its parameter names
 * (the param's own name is the start parameter).
 */
const PARAM_INCREMENTAL_KEYS: readonly string[] = [
  "type",
  ...Object.keys(IncrementalSchema.shape).filter((k) => k !== "start_param" && k !== "end_param"),
  "transform",
];
const DOCS = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/advanced#incremental-loading";
const BASIC_DOCS = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic#incremental-loading";

/** One param `name` at `at`. */
export function checkParam(ctx: RuleContext, name: string, v: unknown, at: Path): void {
  // A param type written as Python restplay left out may be either: dlt evaluates it.
  if (!isObj(v) || hasMarker(v) || isUnreadPython(ctx, [...at, "type"])) return;
  if (!PARAM_TYPES.includes(v.type as string)) {
    const typePath = "type" in v ? [...at, "type"] : at;
    ctx.add({
      at: typePath,
      severity: "error",
      code: "invalid_param_value",
      range: ctx.loc.value(typePath),
      message:
        `Received invalid value \`${name}['type']=${v.type === undefined ? "None" : String(v.type)}\`. ` +
        "Valid values are: ['incremental', 'resolve']. " +
        'A dict in `params` must be a typed param ({"type": "resolve", …} or {"type": "incremental", …}); ' +
        "for a plain nested value, write it as a string.",
    });
    return;
  }
  if (v.type === "resolve") {
    for (const key of ["resource", "field"]) {
      if (typeof v[key] === "string") continue;
      const keyAt = [...at, key];
      if (v[key] === undefined) {
        missingKey(
          ctx,
          keyAt,
          `The resolve param \`${name}\` has no \`${key}\` (dlt fails with KeyError: '${key}'): it needs \`resource\`, the parent ` +
            'resource, and `field`, a JSONPath into its records, e.g. {"type": "resolve", "resource": "posts", "field": "id"}.',
        );
      } else {
        ctx.add({
          at: keyAt,
          severity: "error",
          code: "invalid_type",
          range: ctx.loc.value(keyAt),
          message: `\`${key}\` of the resolve param \`${name}\` must be a string; got ${describeValue(v[key], keyAt, ctx.format)}.`,
        });
      }
    }
    return;
  }
  checkStartSideOnly(ctx, name, v, at);
  checkIncrementalKeys(ctx, name, v, at);
  if (v.cursor_path === undefined) missingCursorPath(ctx, at, `The incremental param \`${name}\``);
  else if (typeof v.cursor_path !== "string") {
    const keyAt = [...at, "cursor_path"];
    ctx.add({
      at: keyAt,
      severity: "error",
      code: "invalid_type",
      range: ctx.loc.value(keyAt),
      message:
        `\`cursor_path\` of the incremental param \`${name}\` must be a string (a JSONPath); ` +
        `got ${describeValue(v.cursor_path, keyAt, ctx.format)}.`,
    });
  }
}

/** `cursor_path` is where dlt reads the cursor: an incremental without one cannot run. */
export function missingCursorPath(ctx: RuleContext, at: Path, what: string): void {
  missingKey(
    ctx,
    [...at, "cursor_path"],
    `${what} has no \`cursor_path\`, the field (JSONPath) in each record that holds the cursor. ` + 'Add e.g. "cursor_path": "updated_at".',
  );
}

/**
 * dlt (config_setup.setup_incremental_object): an incremental in `params` sets the start side only.
 * The dict form fails on a truthy `end_value`/`end_param` (`param_config.get(...)`); a
 * `dlt.sources.incremental(...)` object (a Python call, not a `{` dict) on an `end_value` that is not None.
 */
function checkStartSideOnly(ctx: RuleContext, name: string, v: Record<string, unknown>, at: Path): void {
  const isObject = isPythonCall(ctx, at);
  for (const key of isObject ? ["end_value"] : ["end_value", "end_param"]) {
    const value = v[key];
    const keyAt = [...at, key];
    // dlt fails on a true (dict) or not-None (object) value: Python restplay left out may be neither.
    if (value === undefined || value === null || (!isObject && !pyTruthy(value)) || isUnreadPython(ctx, keyAt)) continue;
    ctx.add({
      at: keyAt,
      severity: "error",
      code: "incremental_param_end",
      range: ctx.loc.key(keyAt),
      message: isObject
        ? `dlt fails with "Only \`initial_value\` is allowed in the configuration of param: \`${name}\`": ` +
          "an incremental in `params` sets the start only. Remove `end_value`, or move the incremental to the endpoint's " +
          `\`incremental\` dict (with \`start_param\`/\`end_param\`). See ${BASIC_DOCS}`
        : `dlt fails with "Only \`start_param\` and \`initial_value\` are allowed in the configuration of param: \`${name}\`": ` +
          `an incremental in \`params\` sets the start only. Remove \`${key}\`, or move the incremental to the endpoint's ` +
          `\`incremental\` dict (\`cursor_path\`, \`initial_value\`, \`end_value\`, \`start_param\`, \`end_param\`). See ${DOCS}`,
    });
  }
}

/** A key `Incremental(**config)` does not take fails dlt when it builds the source (`TypeError`). */
function checkIncrementalKeys(ctx: RuleContext, name: string, v: Record<string, unknown>, at: Path): void {
  // A `dlt.sources.incremental(...)` call is Python's to check.
  if (isPythonCall(ctx, at)) return;
  for (const key of Object.keys(v)) {
    // A truthy `end_param` fails earlier, with its own message (checkStartSideOnly).
    if (PARAM_INCREMENTAL_KEYS.includes(key) || (key === "end_param" && pyTruthy(v[key]))) continue;
    const keyAt = [...at, key];
    const range = ctx.loc.key(keyAt);
    const guess = didYouMean(
      key,
      PARAM_INCREMENTAL_KEYS.filter((k) => !(k in v)),
    );
    const remove = removeEntriesEdits(ctx.doc, at, [key]);
    ctx.add({
      at: keyAt,
      severity: "error",
      code: "unknown_key",
      range,
      message:
        `dlt fails with "TypeError: Incremental.__init__() got an unexpected keyword argument '${key}'": the incremental param ` +
        `\`${name}\` is passed to \`dlt.sources.incremental\` as it is, and \`${key}\` is none of its arguments.` +
        (key === "start_param" ? ` The param's own name, \`${name}\`, is the start parameter: remove \`start_param\`.` : "") +
        (guess ? ` Did you mean \`${guess}\`?` : ""),
      fixes: [
        ...(guess ? [renameKeyFix(ctx.text, range, guess)] : []),
        ...(remove.length > 0 ? [{ title: `Remove \`${key}\``, edits: remove }] : []),
      ],
    });
  }
}
