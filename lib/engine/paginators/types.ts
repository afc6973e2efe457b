import type { Json } from "../types";
import type { RequestSpec } from "../request";

export interface PageInfo {
  readonly status: number;
  readonly headers: Headers;
  /** The full URL that was requested (relative next links resolve against it). */
  readonly url: string;
  readonly body: Json | undefined;
  readonly records: readonly Json[];
  readonly request: RequestSpec;
}

export type Step =
  | { readonly stop: true; readonly reason: string }
  | { readonly stop: false; readonly reason: string; readonly request: RequestSpec; /** repeats mean a paging loop */ readonly loopKey?: string };

/** One request sequence's paginator. Created fresh for every sequence: state never leaks between runs or parents. */
export interface Paginator {
  readonly name: string;
  readonly describe: string;
  /** Records a full page holds, when known (for the "full page, then stopped" warning). */
  readonly pageSize?: number;
  init(request: RequestSpec): RequestSpec;
  next(page: PageInfo): Step;
}
