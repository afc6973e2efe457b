/**
 * Check mode (issue #11): the auth exchange and the first page of every resource, nothing more — no
 * paging, no incremental state, nothing loaded. One fold of a run's events into a pass/fail matrix
 * with the reason per resource, shared by the playground's Check button and `restplay check`; it says
 * when every resource has its verdict, so the caller can stop the run there.
 */
import type { EngineErrorJson, EngineEvent } from "../engine";

/** `untested`: no request was made (a child whose parent's first page had no records): nothing to vouch for, nothing failed. */
export type CheckStatus = "pass" | "fail" | "untested" | "pending";

export interface CheckRow {
  readonly resource: string;
  readonly status: CheckStatus;
  /** Why: the first page's record count and selector, or the error's code and message. */
  readonly reason: string;
  /** The auth exchange, when there was one: "token ok", "token refused", "no answer", "token endpoint 503". */
  readonly auth: string | null;
  /** The first request: method, masked URL and the status of each attempt (`→ 503, 200`: it passed on a retry). */
  readonly request: string | null;
  readonly records: number | null;
}

export interface CheckReport {
  readonly ok: boolean;
  readonly rows: readonly CheckRow[];
}

/** Pages per resource in a check: the first only (per parent record for a child, until a verdict). */
export const CHECK_LIMITS = { maxPages: 1 } as const;

/** A failed token request in a word: refused by the endpoint, or never judged (no answer, a 429 or 5xx). */
function tokenFailure(status: number | undefined): string {
  if (status === undefined) return "no answer";
  return status === 429 || status >= 500 ? `token endpoint ${status}` : "token refused";
}

type Mutable = { -readonly [K in keyof CheckRow]: CheckRow[K] };

/** A failed row's error as advice reads it (its code, and the status an HTTP failure had). */
export type CheckFailure = Pick<EngineErrorJson, "code" | "status">;

export class CheckFold {
  private readonly rows = new Map<string, Mutable>();
  private readonly urls = new Map<number, string>();
  /** Each resource's first request (its attempts are listed on its row). */
  private readonly first = new Map<string, number>();
  /** The request of each resource's first page. */
  private readonly firstPage = new Map<string, number>();
  /** The error that failed each row (the playground says what to do about it; not part of the report `check` prints). */
  private readonly failed = new Map<string, CheckFailure>();
  private ended = false;
  /** Where each resource's first page's records were selected: `` at `data` (configured) ``. */
  private readonly selectors = new Map<string, string>();

  /** The first page's records (`underWay`: its `yield_map` is still giving them) and where they were selected. */
  private firstPageReason(r: Mutable, underWay: boolean): string {
    const n = r.records ?? 0;
    const still = underWay ? " so far (its yield_map still giving)" : "";
    return `first page: ${n} record${n === 1 ? "" : "s"}${still} ${this.selectors.get(r.resource)}`;
  }

  private row(resource: string): Mutable {
    let r = this.rows.get(resource);
    if (!r) {
      r = { resource, status: "pending", reason: "not reached", auth: null, request: null, records: null };
      this.rows.set(resource, r);
    }
    return r;
  }

  push(e: EngineEvent): void {
    switch (e.type) {
      case "run_start":
        for (const name of e.resources) this.row(name);
        return;
      case "auth":
        this.row(e.resource).auth =
          e.step === "token_request" ? "token requested" : e.step === "token_refresh" ? "token refreshed" : "token ok";
        return;
      case "request":
        if (e.page > 0 && !this.row(e.resource).request) this.urls.set(e.request_id, `${e.method} ${e.url}`);
        return;
      case "response": {
        const url = this.urls.get(e.request_id);
        const r = this.row(e.resource);
        // The first request's every attempt: `→ 503, 503, 200` for one that passed after retries.
        if (url && !r.request) this.first.set(e.resource, e.request_id);
        if (url && this.first.get(e.resource) === e.request_id)
          r.request = r.request ? `${r.request}, ${e.status}` : `${url} → ${e.status}`;
        return;
      }
      case "page": {
        const r = this.row(e.resource);
        // A yield_map gives the first page's records at later turns (`later`, then `continued`): they count as that page's,
        // and its verdict waits for the last of them (`settled`), or for the resource's end.
        const more = e.continued === true && r.status === "pending" && this.firstPage.get(e.resource) === e.request_id;
        if (!more && (r.status !== "pending" || this.firstPage.has(e.resource))) return;
        if (!more) this.firstPage.set(e.resource, e.request_id);
        r.records = (more ? (r.records ?? 0) : 0) + e.count;
        const underWay = e.later === true || (more && !e.settled);
        if (!underWay) r.status = "pass";
        this.selectors.set(e.resource, `at \`${e.selector}\` (${e.selector_source})`);
        r.reason = this.firstPageReason(r, underWay);
        return;
      }
      case "error": {
        const targets = e.resource ? [this.row(e.resource)] : [...this.rows.values()];
        for (const r of targets) {
          if (r.status === "pass" && e.resource === undefined) continue;
          r.status = "fail";
          r.reason = `${e.error.code}: ${e.error.message}`;
          this.failed.set(r.resource, { code: e.error.code, ...(e.error.status !== undefined ? { status: e.error.status } : {}) });
          // A token endpoint that never answered (no status) or failed on its side refused nothing.
          if (e.error.code === "auth_failed" && r.auth) r.auth = tokenFailure(e.error.status);
        }
        return;
      }
      case "resource_done": {
        const r = this.row(e.resource);
        if (r.status === "pending" && this.firstPage.has(e.resource)) {
          // Its first page's yield_map stopped before it settled (the resource closed, or a limit): what it gave counts.
          r.status = e.ok ? "pass" : "fail";
          r.reason = this.firstPageReason(r, false);
        } else if (r.status === "pending" && e.ok && r.request === null) {
          r.status = "untested";
          r.reason = "not checked: no request was made (its parent's first page had no records to request it for)";
        } else if (r.status === "pending") {
          r.status = e.ok ? "pass" : "fail";
          r.reason = e.ok ? "no records on the first page" : "failed";
        }
        return;
      }
      case "done":
        this.ended = true;
        for (const r of this.rows.values()) if (r.status === "pending") r.status = "fail";
        return;
      default:
        return;
    }
  }

  /** Per failed resource, the error that failed it (a row that failed without one, `failed`, has none). */
  failures(): ReadonlyMap<string, CheckFailure> {
    return new Map(this.failed);
  }

  /** Every resource has its verdict (the run may stop). */
  complete(): boolean {
    return this.ended || (this.rows.size > 0 && [...this.rows.values()].every((r) => r.status !== "pending"));
  }

  /** A report's counts in words: `2 passed, 0 failed` (`, 1 untested` when there is one). */
  static summary(report: CheckReport): string {
    const count = (s: CheckStatus) => report.rows.filter((r) => r.status === s).length;
    const untested = count("untested");
    return `${count("pass")} passed, ${report.rows.length - count("pass") - untested} failed${untested ? `, ${untested} untested` : ""}`;
  }

  report(): CheckReport {
    const rows = [...this.rows.values()].map((r) => ({ ...r }));
    return { ok: rows.some((r) => r.status === "pass") && rows.every((r) => r.status === "pass" || r.status === "untested"), rows };
  }
}

/** Folds a check run's events until every resource has a verdict, then stops the run (`stop`). */
export async function collectCheck(
  events: AsyncGenerator<EngineEvent>,
  stop: () => void,
  onEvent?: (e: EngineEvent) => void,
): Promise<CheckReport> {
  const fold = new CheckFold();
  try {
    for await (const e of events) {
      fold.push(e);
      onEvent?.(e);
      if (fold.complete()) {
        stop();
        break;
      }
    }
  } finally {
    await events.return(undefined);
  }
  return fold.report();
}
