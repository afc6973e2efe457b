/**
 * dlt rule (config_setup.setup_incremental_object): an incremental declared in `params` sets the start
 * side only. `end_value` or `end_param` in a typed `{"type": "incremental"}` param, or an `end_value` on a
 * `dlt.sources.incremental(...)` object there, make dlt fail when it builds the resource.
 */
import type { RuleContext } from "./context";
import { isObj } from "./context";
import { endpointsOf } from "./dlt-endpoints";

const DOCS = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic#incremental-loading";

export function checkIncrementalParams(ctx: RuleContext, plain: unknown): void {
  for (const { endpoint, at } of endpointsOf(plain)) {
    if (!isObj(endpoint.params)) continue;
    for (const [name, v] of Object.entries(endpoint.params)) {
      if (!isObj(v) || v.type !== "incremental") continue;
      const here = [...at, "params", name];
      // An object (`dlt.sources.incremental(...)`) reads as a dict whose text does not start with `{`.
      const node = ctx.loc.node(here);
      const isObject = ctx.format === "python" && node !== undefined && ctx.text[node.range.start] !== "{";
      for (const key of isObject ? ["end_value"] : ["end_value", "end_param"]) {
        // dlt tests truthiness for the dict form (`param_config.get("end_value")`), `is not None` for the object.
        const value = v[key];
        if (value === undefined || value === null || (!isObject && (value === "" || value === 0 || value === false))) continue;
        const keyAt = [...here, key];
        ctx.add({
          at: keyAt,
          severity: "error",
          code: "incremental_param_end",
          range: ctx.loc.key(keyAt),
          message: isObject
            ? `dlt fails with "Only \`initial_value\` is allowed in the configuration of param: \`${name}\`": ` +
              "an incremental in `params` sets the start only. Remove `end_value`, or move the incremental to the endpoint's " +
              `\`incremental\` dict (with \`start_param\`/\`end_param\`). See ${DOCS}`
            : `dlt fails with "Only \`start_param\` and \`initial_value\` are allowed in the configuration of param: \`${name}\`": ` +
              "an incremental " +
              `in \`params\` sets the start only. Remove \`${key}\`, or move the incremental to the endpoint's \`incremental\` dict ` +
              `(\`cursor_path\`, \`initial_value\`, \`end_value\`, \`start_param\`, \`end_param\`). See ${DOCS}`,
        });
      }
    }
  }
}
