/** Auth checks: the seed's `oauth2` dialect, cookie keys dlt cannot send, fields it needs, secrets written into the config. */
import type { TextEdit } from "../../formats";
import type { Path } from "../located";
import {
  CREDENTIAL_FIELDS,
  getOwn,
  hasMarker,
  maskSecret,
  missingAuthFieldsMessage,
  REQUIRED_AUTH_FIELDS,
  secretEnvName,
  SENSITIVE_KEYS,
} from "../../shared";
import { inlineValue, insertEntryEdit, quoteLike, refText, removeEntriesEdits } from "../fixes";
import { where } from "../located";
import type { z } from "zod";
import type { PlainValue } from "../../formats";
import { authSchemas, type AuthType } from "../schema";
import { literalInFormat } from "./secret-literals";
import { isObj, isPythonCall, isUnreadPython, type RuleContext } from "./context";

export function checkAuth(ctx: RuleContext, auth: unknown, at: Path): void {
  if (typeof auth === "string") return shorthandFields(ctx, auth, at);
  if (!isObj(auth)) return;
  if (auth.type === "oauth2") oauth2Dialect(ctx, auth, at);
  if (auth.type === "api_key" && auth.location === "cookie") {
    ctx.add({
      at: [...at, "location"],
      severity: "warning",
      code: "auth_cookie_unsupported",
      range: ctx.loc.value([...at, "location"]),
      message:
        "dlt accepts `location: cookie` for api_key auth but fails on the first request (NotImplementedError). Use `header` or `query`.",
    });
  }
  missingFields(ctx, auth, at);
  for (const field of CREDENTIAL_FIELDS) {
    const v = auth[field];
    // Text made with a reference holds a literal credential too (`"abc123" + dlt.secrets["x"]`).
    const literal = typeof v === "string" ? v : literalInFormat(v);
    if (literal === null || literal.length === 0) continue;
    const range = ctx.loc.value([...at, field]);
    ctx.add({
      at: [...at, field],
      severity: "warning",
      code: "hardcoded_secret",
      range,
      message:
        `\`${field}\` is written into the config (${maskSecret(literal)}): anyone with the file has it. Use dlt.secrets["${field}"] ` +
        "and supply the value at run time (Secrets panel, --secret, .dlt/secrets.toml or the environment variable " +
        `${secretEnvName(field)}).`,
      fixes: [{ title: `Replace with dlt.secrets["${field}"]`, edits: [{ range, newText: refText(ctx.format, field) }] }],
    });
  }
}

function oauth2Dialect(ctx: RuleContext, auth: Record<string, unknown>, at: Path): void {
  const { loc, text } = ctx;
  const tokenOf = (r: { start: number; end: number }) => text.slice(r.start, r.end);
  const typeRange = loc.value([...at, "type"]);
  const edits: TextEdit[] = [{ range: typeRange, newText: quoteLike(tokenOf(typeRange), "oauth2_client_credentials") }];
  // Keys the rewrite drops: `token_url` beside an `access_token_url` (which restplay runs with), and
  // `scope` when the extra form fields are there already (it joins them).
  const dropped: string[] = [];
  if ("token_url" in auth) {
    const r = loc.key([...at, "token_url"]);
    if ("access_token_url" in auth) dropped.push("token_url");
    else edits.push({ range: r, newText: quoteLike(tokenOf(r), "access_token_url") });
  }
  if (typeof auth.scope === "string") {
    // dlt has no `scope`: it goes into the token request's extra form fields.
    const data = auth.access_token_request_data;
    if (data !== null && typeof data === "object" && !Array.isArray(data)) {
      const add = insertEntryEdit(ctx.doc, [...at, "access_token_request_data"], "scope", auth.scope);
      if (add) edits.push(add);
      dropped.push("scope");
    } else {
      const k = loc.key([...at, "scope"]);
      const v = loc.value([...at, "scope"]);
      edits.push({ range: k, newText: quoteLike(tokenOf(k), "access_token_request_data") });
      edits.push({ range: v, newText: inlineValue(ctx.format, { scope: auth.scope }) });
    }
  }
  if (dropped.length > 0) edits.push(...removeEntriesEdits(ctx.doc, at, dropped));
  ctx.add({
    at: [...at, "type"],
    severity: "warning",
    code: "dialect_oauth2",
    range: typeRange,
    fixes: [{ title: "Rewrite as dlt's `oauth2_client_credentials` (with `access_token_url`)", edits }],
    message:
      'dlt rejects auth type `oauth2` (and the key `token_url`); restplay runs it as OAuth2 client credentials. dlt form: {type: "oauth2_client_credentials", access_token_url, client_id, client_secret}' +
      (typeof auth.scope === "string" ? ", with the scope in `access_token_request_data`." : "."),
  });
}

/**
 * A field the auth type needs and the config does not give (a dict without `type` is a bearer token,
 * `{}` too): dlt looks it up in its secrets and fails without it; a run here needs it in the config.
 */
function missingFields(ctx: RuleContext, auth: Record<string, unknown>, at: Path): void {
  // An auth object (a Python call: `BearerTokenAuth(...)`, a class of your own) is checked as a call.
  // An auth type written as Python: which fields it needs is dlt's to say.
  if (hasMarker(auth) || isPythonCall(ctx, at) || isUnreadPython(ctx, [...at, "type"])) return;
  const type = typeof auth.type === "string" ? auth.type : auth.type === undefined ? "bearer" : null;
  if (type === null) return;
  const shape: Readonly<Record<string, z.ZodType>> =
    getOwn(authSchemas as Record<string, (typeof authSchemas)[AuthType]>, type)?.shape ?? {};
  // A field the dict itself must have is the schema's `missing_key` error; the others dlt may find in its secrets.
  const optional = (f: string) => getOwn(shape, f)?.safeParse(undefined).success !== false;
  // A field written as Python restplay left out (`"token": f"{dlt.secrets['email']}/token"`) is there: dlt evaluates it.
  const missing = (getOwn(REQUIRED_AUTH_FIELDS, type) ?? []).filter(
    (f) => (auth[f] === undefined || auth[f] === null) && optional(f) && !isUnreadPython(ctx, [...at, f]),
  );
  if (missing.length === 0) return;
  // One field missing: a quick fix adds it, as a secret reference where it is a credential.
  const only = missing.length === 1 ? (missing[0] as string) : null;
  const add = only !== null && SENSITIVE_KEYS.has(only) ? insertEntryEdit(ctx.doc, at, only, { $secret: only }) : null;
  ctx.add({
    at,
    severity: "warning",
    code: "auth_field_missing",
    range: ctx.loc.key(at),
    message: missingAuthFieldsMessage(where(at), type, missing, (f) => refText(ctx.format, f)),
    ...(add ? { fixes: [{ title: `Add "${only}"`, edits: [add] }] } : {}),
  });
}

/**
 * An auth given by its type name alone (`"auth": "bearer"`): dlt builds the type's class and reads every
 * field from its secrets, failing without them (ConfigFieldMissingException, as with a dict that lacks
 * them). The fix writes the dict with a secret reference per credential field.
 */
function shorthandFields(ctx: RuleContext, type: string, at: Path): void {
  const missing = getOwn(REQUIRED_AUTH_FIELDS, type);
  if (!missing || missing.length === 0) return;
  const dict: { [key: string]: PlainValue } = { type };
  for (const f of missing) dict[f] = { $secret: f };
  const fixable = missing.every((f) => SENSITIVE_KEYS.has(f));
  ctx.add({
    at,
    severity: "warning",
    code: "auth_field_missing",
    range: ctx.loc.value(at),
    message: missingAuthFieldsMessage(where(at), type, missing, (f) => refText(ctx.format, f)),
    ...(fixable
      ? {
          fixes: [
            {
              title: `Write the auth with ${missing.map((f) => `"${f}"`).join(", ")}`,
              edits: [{ range: ctx.loc.value(at), newText: inlineValue(ctx.format, dict) }],
            },
          ],
        }
      : {}),
  });
}
