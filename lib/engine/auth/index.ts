/** Auth implementations keyed by the schema's auth `type`s: the compiler checks both lists match (rule 2). */
import type { AuthType } from "../../config/schema";
import type { RunContext } from "../context";
import { apiKeyAuth, bearerAuth, httpBasicAuth } from "./static";
import { oauth2ClientCredentials, seedOauth2 } from "./oauth";
import type { AuthFactory, AuthRuntime, BoundAuth } from "./types";
import { getOwn } from "../../shared";
import { defect } from "../defect";

export type { AuthRuntime, BoundAuth } from "./types";

export const AUTH_IMPLEMENTATIONS = {
  bearer: bearerAuth,
  api_key: apiKeyAuth,
  http_basic: httpBasicAuth,
  oauth2_client_credentials: oauth2ClientCredentials,
  oauth2: seedOauth2,
} satisfies Record<AuthType, AuthFactory>;

/** The runtimes of the run's Python auth objects, by their `instance`. */
const SHARED = new WeakMap<RunContext, Map<number, AuthRuntime>>();

/**
 * A resource's auth: a fresh one for a dict (dlt's `create_auth` builds one per resource, each OAuth object fetching
 * its own token), the run's one runtime for a Python auth object (`instance`), which dlt uses as it is everywhere.
 */
export function createAuth(cfg: BoundAuth, ctx: RunContext, instance: number | null = null): AuthRuntime {
  const factory = getOwn<AuthFactory>(AUTH_IMPLEMENTATIONS, cfg.type);
  if (!factory) throw defect(`auth type \`${String(cfg.type)}\` has no implementation`);
  if (instance === null) return factory(cfg, ctx);
  let runtimes = SHARED.get(ctx);
  if (!runtimes) SHARED.set(ctx, (runtimes = new Map()));
  const known = runtimes.get(instance);
  if (known) return known;
  const runtime = factory(cfg, ctx);
  runtimes.set(instance, runtime);
  return runtime;
}
