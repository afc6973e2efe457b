/** bearer, api_key and http_basic (dlt-rest-api.md §9.2): credentials added to every request. */
import { EngineError } from "../types";
import { base64 } from "../../shared";
import { str, withHeader, type AuthFactory } from "./types";

export const bearerAuth: AuthFactory = (cfg) => {
  const token = str(cfg.token);
  return { describe: "bearer token", prepare: async (spec) => withHeader(spec, "Authorization", `Bearer ${token}`) };
};

export const apiKeyAuth: AuthFactory = (cfg) => {
  const name = typeof cfg.name === "string" ? cfg.name : "Authorization";
  const location = typeof cfg.location === "string" ? cfg.location : "header";
  const key = str(cfg.api_key);
  if (location === "cookie") {
    return {
      describe: "api_key in a cookie",
      prepare: async () => {
        throw new EngineError(
          "unsupported",
          "api_key with `location: cookie` is not supported: dlt accepts it in the config but raises NotImplementedError on the first request. Use `location: header` or `location: query`.",
        );
      },
    };
  }
  // requests' `prepare_url(url, {name: key})`: appended to the prepared query, after a parameter of the same name.
  if (location === "query" || location === "param")
    return {
      describe: `api_key in query parameter \`${name}\``,
      prepare: async (spec) => ({ ...spec, params: [...spec.params, [name, key]] }),
    };
  // The raw value, without a "Bearer " prefix (dlt's APIKeyAuth).
  return { describe: `api_key in header \`${name}\``, prepare: async (spec) => withHeader(spec, name, key) };
};

export const httpBasicAuth: AuthFactory = (cfg, ctx) => {
  const token = base64(`${str(cfg.username)}:${str(cfg.password)}`);
  // An API that echoes the header (httpbin, debugging endpoints) must not show `alice:password` in base64.
  ctx.masker.add(token);
  const value = `Basic ${token}`;
  return { describe: "HTTP basic", prepare: async (spec) => withHeader(spec, "Authorization", value) };
};
