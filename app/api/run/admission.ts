/**
 * Concurrent runs per client and in all (issue #13, finding 7). A run holds its slot until its stream
 * ends or the client goes away; `release` is idempotent.
 *
 * The client is the first `X-Forwarded-For` entry: Next sets it to the socket's address when the
 * request has none, and a reverse proxy in front of a deployment must overwrite it. A client that
 * forges it only moves between per-client buckets: the total bounds the server either way.
 */
export type Admitted = { readonly ok: true; readonly release: () => void } | { readonly ok: false; readonly message: string };

export class Admission {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  admit(client: string, limits: { readonly runsPerClient: number; readonly runsInTotal: number }): Admitted {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= limits.runsPerClient) {
      return {
        ok: false,
        message: `You already have ${mine} runs in progress (the limit is ${limits.runsPerClient}); wait for one to finish or cancel it.`,
      };
    }
    if (this.total >= limits.runsInTotal) {
      return {
        ok: false,
        message: `The server is running ${this.total} runs (its limit is ${limits.runsInTotal}); try again in a moment.`,
      };
    }
    this.perClient.set(client, mine + 1);
    this.total++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.perClient.get(client) ?? 1) - 1;
        if (left <= 0) this.perClient.delete(client);
        else this.perClient.set(client, left);
      },
    };
  }

  /** Runs in progress (tests). */
  get active(): number {
    return this.total;
  }
}

export function clientKey(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim().toLowerCase() || "unknown";
}
