/**
 * The server's copies of the playground's destinations, one per session (a page's id), each at one
 * revision. Bounded: at most `sessions` are kept, at most `perClient` of one client (`DuckSessions`
 * says which one goes), and an idle one is dropped after `idleMs`. Each session's work runs one at a
 * time; its locked query database is built on the first query and closed when the session goes.
 */
import type { DestinationState } from "../preview";
import { runReadOnly, type SqlOutcome } from "./console";
import type { FileFormat } from "./contract";
import { duckDbFileBytes, openLockedDatabase, tableFileBytes, type LockedDatabase } from "./database";

export interface SessionLimits {
  /** Sessions held in all (the server's memory bound). */
  readonly sessions: number;
  /** Sessions one client may hold (a teammate's tabs). */
  readonly perClient: number;
  readonly idleMs: number;
}

export class DuckSession {
  private db: Promise<LockedDatabase> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  lastUsed = Date.now();
  /** Order of last use among the server's sessions (set by `DuckSessions`; ties in `lastUsed` are common). */
  used = 0;

  constructor(
    readonly revision: string,
    readonly state: DestinationState,
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Table names that exist in the destination (received rows at some point). */
  hasTable(name: string): boolean {
    return this.state.schema.some((t) => t.name === name && t.seen_data);
  }

  query(sql: string): Promise<SqlOutcome> {
    return this.serial(async () => {
      this.db ??= openLockedDatabase(this.state);
      return runReadOnly((await this.db).connection, sql);
    });
  }

  file(format: FileFormat, table?: string): Promise<Buffer> {
    return this.serial(() => (format === "duckdb" ? duckDbFileBytes(this.state) : tableFileBytes(this.state, table ?? "", format)));
  }

  close(): void {
    void this.serial(async () => {
      const db = await this.db?.catch(() => null);
      db?.close();
      this.db = null;
    });
  }
}

type Held = readonly [client: string, id: string, session: DuckSession];

const older = (a: Held | null, b: Held): Held => (a && a[2].used < b[2].used ? a : b);

/**
 * The sessions, per client (the caller's `clientKey`): a session id names a session only within its
 * client, so no request reaches or replaces another client's session. Eviction (decision 0019,
 * amended): a client at `perClient` loses its own least recently used; a full server loses the least
 * recently used session of a client holding more than one; only when every held session belongs to a
 * different client, none of them the syncing one, does the least recently used of them all go.
 */
export class DuckSessions {
  private readonly held = new Map<string, Map<string, DuckSession>>();
  private count = 0;
  private uses = 0;

  constructor(private readonly limits: SessionLimits = { sessions: 8, perClient: 2, idleMs: 30 * 60_000 }) {}

  private *all(): Generator<Held> {
    for (const [client, mine] of this.held) for (const [id, s] of mine) yield [client, id, s];
  }

  private drop(client: string, id: string): void {
    const mine = this.held.get(client);
    const s = mine?.get(id);
    if (!mine || !s) return;
    s.close();
    mine.delete(id);
    this.count--;
    if (mine.size === 0) this.held.delete(client);
  }

  private sweep(now = Date.now()): void {
    for (const [client, id, s] of [...this.all()]) if (now - s.lastUsed > this.limits.idleMs) this.drop(client, id);
  }

  /** The session a new one of `client` must replace, or `null` when there is room for it. */
  private victim(client: string): Held | null {
    const mine = this.held.get(client);
    let lru: Held | null = null;
    if (mine && mine.size >= Math.max(1, this.limits.perClient)) {
      for (const [id, s] of mine) lru = older(lru, [client, id, s]);
      return lru;
    }
    if (this.count < Math.max(1, this.limits.sessions)) return null;
    // Full: never the only session of another client while some client holds more than one.
    for (const h of this.all()) if ((this.held.get(h[0])?.size ?? 0) > 1) lru = older(lru, h);
    if (lru) return lru;
    // Every client holds one: this client's own, when it has one (its share is what it holds) …
    const [own] = mine ?? [];
    if (own) return [client, ...own];
    // … else the server's sessions are those of as many other clients: the least recently used goes.
    for (const h of this.all()) lru = older(lru, h);
    return lru;
  }

  /** Holds `state` as `client`'s session `id` at `revision` (replacing what it held), evicting as above. */
  hold(client: string, id: string, revision: string, state: DestinationState): DuckSession {
    this.sweep();
    this.drop(client, id);
    for (let v = this.victim(client); v; v = this.victim(client)) this.drop(v[0], v[1]);
    const session = new DuckSession(revision, state);
    session.used = ++this.uses;
    let mine = this.held.get(client);
    if (!mine) this.held.set(client, (mine = new Map()));
    mine.set(id, session);
    this.count++;
    return session;
  }

  /** `client`'s session `id` at `revision`, or `null` when the server does not hold it (the page sends it again). */
  find(client: string, id: string, revision: string): DuckSession | null {
    this.sweep();
    const s = this.held.get(client)?.get(id);
    if (!s || s.revision !== revision) return null;
    s.lastUsed = Date.now();
    s.used = ++this.uses;
    return s;
  }

  /** Sessions held in all. */
  get size(): number {
    return this.count;
  }

  /** Sessions `client` holds. */
  sizeOf(client: string): number {
    return this.held.get(client)?.size ?? 0;
  }
}
