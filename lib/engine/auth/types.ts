import type { AuthType } from "../../config/schema";
import type { Json } from "../types";
import { pyStr } from "../../shared";
import type { RequestSpec } from "../request";
import type { RunContext } from "../context";

/** An auth config (lib/config resolved it: `type` set, shorthands expanded) with its references bound to their values. */
export type BoundAuth = { readonly type: AuthType } & { readonly [key: string]: Json | undefined };

/** An auth at run time: one resource's (a dict: dlt makes one per resource), or a Python auth object's, shared. */
export interface AuthRuntime {
  readonly describe: string;
  /** Adds credentials to a request, fetching a token first when there is none or it expired. */
  prepare(spec: RequestSpec, resource: string): Promise<RequestSpec>;
  /** Drops a token the API rejected, so the next `prepare` fetches a fresh one. */
  invalidate?(resource: string, why: string): void;
}

export type AuthFactory = (config: BoundAuth, ctx: RunContext) => AuthRuntime;

/** A credential as dlt formats it into a header (Python's `str()`: `1.0`, `True`); a missing one is empty. */
export const str = (v: Json | undefined): string => (v === undefined || v === null ? "" : pyStr(v));

/**
 * `spec` with header `name` set as requests' `CaseInsensitiveDict` sets it: a header of the same name in
 * another case (an endpoint's `authorization`) is replaced, not sent beside it.
 */
export function withHeader(spec: RequestSpec, name: string, value: string): RequestSpec {
  const lower = name.toLowerCase();
  // Object.fromEntries defines own properties: a header named `__proto__` stays a header.
  const kept = Object.entries(spec.headers).filter(([k]) => k.toLowerCase() !== lower);
  return { ...spec, headers: Object.fromEntries([...kept, [name, value]]) };
}
