/**
 * The server's copies of the playground's destinations, one per session (a page's id), each at one
 * revision. Bounded: at most `sessions` are kept (the least recently used goes first) and an idle one
 * is dropped after `idleMs`. Each session's work runs one at a time; its locked query database is
 * built on the first query and closed when the session goes.
 */
import type { DestinationState } from "../preview";
import { runReadOnly, type SqlOutcome } from "./console";
import type { FileFormat } from "./contract";
import { duckDbFileBytes, openLockedDatabase, tableFileBytes, type LockedDatabase } from "./database";

export interface SessionLimits {
  readonly sessions: number;
  readonly idleMs: number;
}

export class DuckSession {
  private db: Promise<LockedDatabase> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  lastUsed = Date.now();

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

export class DuckSessions {
  private readonly held = new Map<string, DuckSession>();

  constructor(private readonly limits: SessionLimits = { sessions: 8, idleMs: 30 * 60_000 }) {}

  private sweep(now = Date.now()): void {
    for (const [id, s] of this.held) {
      if (now - s.lastUsed > this.limits.idleMs) {
        s.close();
        this.held.delete(id);
      }
    }
  }

  /** Holds `state` as the session's destination at `revision` (replacing what it held). */
  hold(id: string, revision: string, state: DestinationState): DuckSession {
    this.sweep();
    this.held.get(id)?.close();
    this.held.delete(id);
    while (this.held.size >= this.limits.sessions) {
      const [oldest] = [...this.held].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
      if (!oldest) break;
      oldest[1].close();
      this.held.delete(oldest[0]);
    }
    const session = new DuckSession(revision, state);
    this.held.set(id, session);
    return session;
  }

  /** The session at `revision`, or `null` when the server does not hold it (the page sends it again). */
  find(id: string, revision: string): DuckSession | null {
    this.sweep();
    const s = this.held.get(id);
    if (!s || s.revision !== revision) return null;
    s.lastUsed = Date.now();
    return s;
  }

  get size(): number {
    return this.held.size;
  }
}
