import type { AuthType } from "../../config/schema";
import type { Json } from "../types";
import type { RequestSpec } from "../request";
import type { RunContext } from "../context";

/** An auth config (lib/config resolved it: `type` set, shorthands expanded) with its references bound to their values. */
export type BoundAuth = { readonly type: AuthType } & { readonly [key: string]: Json | undefined };

/** One resource's auth at run time (dlt instantiates auth per resource: each gets its own OAuth token). */
export interface AuthRuntime {
  readonly describe: string;
  /** Adds credentials to a request, fetching a token first when there is none or it expired. */
  prepare(spec: RequestSpec, resource: string): Promise<RequestSpec>;
  /** Drops a token the API rejected, so the next `prepare` fetches a fresh one. */
  invalidate?(resource: string, why: string): void;
}

export type AuthFactory = (config: BoundAuth, ctx: RunContext) => AuthRuntime;

export const str = (v: Json | undefined): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
export const withHeader = (spec: RequestSpec, name: string, value: string): RequestSpec => ({
  ...spec,
  headers: { ...spec.headers, [name]: value },
});
