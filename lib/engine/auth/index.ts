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

/** A fresh auth for one resource. */
export function createAuth(cfg: BoundAuth, ctx: RunContext): AuthRuntime {
  const factory = getOwn<AuthFactory>(AUTH_IMPLEMENTATIONS, cfg.type);
  if (!factory) throw defect(`auth type \`${String(cfg.type)}\` has no implementation`);
  return factory(cfg, ctx);
}
