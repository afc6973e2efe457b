/**
 * Which auth a resource runs with (dlt-rest-api.md §9): `endpoint.auth` (from the resource or its
 * defaults; an explicit `null` disables auth) over `client.auth`; a shorthand string is its type, a
 * dict without `type` a bearer token. References stay references: secret values are bound at run time.
 */
import type { AuthTypedConfig } from "../schema";
import type { AuthWhere, ResolvedAuth } from "../resolved";
import type { Locator, Path } from "../located";
import { isObj, isPython, strip } from "./values";

/**
 * The auth written at `at` (`where` names it in messages) as the source holds it, and the Python values inside it
 * (an OAuth `session`). A Python auth object (`OAuth2ClientCredentials(...)`) keeps its identity: dlt's `create_auth`
 * uses an instance as it is, so every resource given the same object shares it (one token), where a dict makes
 * a new object per resource (a token each).
 */
export function resolveAuth(
  raw: unknown,
  where: AuthWhere,
  loc: Locator,
  at: Path,
): { auth: ResolvedAuth | null; python: readonly string[] } {
  if (raw === undefined || raw === null) return { auth: null, python: [] };
  if (isPython(raw)) return { auth: { kind: "python", where }, python: [] };
  if (typeof raw === "string") return { auth: { kind: "config", where, config: { type: raw } as AuthTypedConfig }, python: [] };
  const s = strip(raw, where);
  const dict = isObj(s.value) ? s.value : {};
  const config = (typeof dict.type === "string" ? dict : { ...dict, type: "bearer" }) as AuthTypedConfig;
  const node = loc.node(at);
  const instance = node?.kind === "object" ? node.instance : undefined;
  return { auth: { kind: "config", where, config, ...(instance !== undefined ? { instance } : {}) }, python: s.python };
}
