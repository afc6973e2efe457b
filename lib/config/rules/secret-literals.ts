/**
 * Secret-looking literals outside auth (auth's own credential fields are rules/auth.ts's): a header
 * that carries credentials (`Authorization`, `X-API-Key`, …) or a query/body parameter dlt redacts
 * (`api_key`, `token`, `password`, …) written as a plain string. Same code and fix as in auth
 * (`hardcoded_secret`: move it to dlt.secrets); no download writes it without asking.
 */
import type { TextEdit } from "../../formats";
import type { Path } from "../located";
import { maskSecret, secretEnvName, SENSITIVE_HEADERS, SENSITIVE_PARAMS } from "../../shared";
import { refText } from "../fixes";
import { isObj, type RuleContext } from "./context";
import { endpointsOf } from "./dlt-endpoints";

/** A secret name for a header or parameter: `X-API-Key` -> `x_api_key`. */
export const secretNameFor = (key: string): string =>
  key
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "") || "secret";

/** Only a plain credential: no `{placeholder}` (those are dlt's templates), not empty. */
const looksSecret = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0 && !/\{[^}]*\}/.test(v);

export function checkSecretLiterals(ctx: RuleContext, plain: unknown): void {
  if (!isObj(plain)) return;
  const client = isObj(plain.client) ? plain.client : null;
  if (client && isObj(client.headers)) scan(ctx, client.headers, ["client", "headers"], SENSITIVE_HEADERS);
  for (const { endpoint, at } of endpointsOf(plain)) {
    if (isObj(endpoint.headers)) scan(ctx, endpoint.headers, [...at, "headers"], SENSITIVE_HEADERS);
    if (isObj(endpoint.params)) scan(ctx, endpoint.params, [...at, "params"], SENSITIVE_PARAMS);
    if (isObj(endpoint.json)) scan(ctx, endpoint.json, [...at, "json"], SENSITIVE_PARAMS);
  }
}

function scan(ctx: RuleContext, dict: Record<string, unknown>, at: Path, names: ReadonlySet<string>): void {
  for (const [key, v] of Object.entries(dict)) {
    if (!names.has(key.toLowerCase()) || !looksSecret(v)) continue;
    const here = [...at, key];
    const range = ctx.loc.value(here);
    const name = secretNameFor(key);
    const edits: TextEdit[] = [{ range, newText: refText(ctx.format, name) }];
    ctx.add({
      at: here,
      severity: "warning",
      code: "hardcoded_secret",
      range,
      message:
        `\`${key}\` is written into the config (${maskSecret(v)}): anyone with the file has it. Use dlt.secrets["${name}"] and supply ` +
        `the value at run time (Secrets panel, --secret, .dlt/secrets.toml or the environment variable ${secretEnvName(name)}). ` +
        "No download writes the literal unless you choose to keep it.",
      fixes: [{ title: `Move to dlt.secrets["${name}"]`, edits }],
    });
  }
}
