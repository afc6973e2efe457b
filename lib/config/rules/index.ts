/**
 * Checks beyond the schema: the seed dialect (shared/spec/seed-dialect.md) and what dlt only finds
 * when it builds or runs the source (dlt-rest-api.md §4–§9), reported at edit time with a location
 * and, where one exists, a fix. One pass over the document.
 */
import type { DiagnosticOut } from "../sink";
import type { Locator } from "../located";
import { checkAuth } from "./auth";
import { checkPaginator } from "./paginator";
import { checkEndpoint } from "./endpoint";
import { checkResources } from "./resources";
import { markPython } from "./python";
import { checkKeyPaths } from "./key-paths";
import { createContext, isObj } from "./context";
import { checkDltRules } from "./dlt-rules";

export function runRules(plain: unknown, loc: Locator, out: DiagnosticOut): void {
  if (!isObj(plain)) return;
  const ctx = createContext(loc, out);
  const client = plain.client;
  if (isObj(client)) {
    checkAuth(ctx, client.auth, ["client", "auth"]);
    checkPaginator(ctx, client.paginator, ["client", "paginator"], null);
  }
  const defaults = isObj(plain.resource_defaults) && isObj(plain.resource_defaults.endpoint) ? plain.resource_defaults.endpoint : null;
  if (defaults) checkEndpoint(ctx, defaults, ["resource_defaults", "endpoint"]);
  if (Array.isArray(plain.resources)) checkResources(ctx, plain.resources, client, defaults);
  checkDltRules(ctx, plain);
  markPython(ctx, plain, []);
  checkKeyPaths(ctx, plain);
}
