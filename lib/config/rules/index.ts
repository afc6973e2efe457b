/**
 * Checks resolution cannot express (lib/config/resolve holds dlt's build rules): the seed dialect
 * (shared/spec/seed-dialect.md), what dlt accepts but will not work or is risky (a cookie api_key, a
 * default `total_path`, response actions that never match, secrets written into the config), Python
 * left unexecuted, and key paths that would reach a prototype. One pass over the document.
 */
import type { DiagnosticOut } from "../sink";
import type { Locator } from "../located";
import { checkAuth } from "./auth";
import { checkPaginator } from "./paginator";
import { checkEndpoint } from "./endpoint";
import { markPython } from "./python";
import { checkKeyPaths } from "./key-paths";
import { hasMarker } from "../../shared";
import { createContext, isObj } from "./context";
import { checkSecretLiterals } from "./secret-literals";
import { checkIntegers } from "./integers";

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
  if (Array.isArray(plain.resources)) {
    plain.resources.forEach((r, i) => {
      if (isObj(r) && !hasMarker(r) && !ctx.full) checkEndpoint(ctx, r.endpoint, ["resources", i, "endpoint"]);
    });
  }
  checkSecretLiterals(ctx, plain);
  markPython(ctx, plain, []);
  checkKeyPaths(ctx, plain);
  checkIntegers(ctx, plain);
}
