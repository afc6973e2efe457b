/**
 * The page's side of `/api/duckdb/*` (decision 0019): the session's destination is sent once per
 * revision (its loads); queries and downloads name that revision, and a 409 `destination_unknown`
 * (a restarted server, an evicted session) sends it again and asks once more.
 */
import type { DuckApiError, FileFormat, QueryResponse } from "@/lib/duck";
import { stringifyJson, type Destination } from "@/lib/preview";

export type DuckFailure = { readonly ok: false; readonly error: DuckApiError };

const session = (): string =>
  typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `s-${Date.now()}-${Math.random().toString(36).slice(2)}`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

async function apiError(res: Response): Promise<DuckApiError> {
  const body: unknown = await res.json().catch(() => null);
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (error && typeof error.code === "string" && typeof error.message === "string") return error as unknown as DuckApiError;
  return { code: "internal_error", message: `The server answered ${res.status} without a restplay error.` };
}

export interface DuckClient {
  query(sql: string): Promise<QueryResponse | DuckFailure>;
  /** The file as a blob with its name, or why not. */
  file(format: FileFormat, table?: string): Promise<{ ok: true; blob: Blob; filename: string } | DuckFailure>;
}

const noDestination: DuckFailure = {
  ok: false,
  error: { code: "destination_unknown", message: "Run the config first: the destination is empty." },
};

export function createDuckClient(destination: () => Destination | null): DuckClient {
  const id = session();
  let synced: string | null = null;

  const post = (path: string, body: unknown) =>
    fetch(`/api/duckdb/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // json cells with the number spellings the preview kept (`46.0`), as dlt writes them.
      body: stringifyJson(body),
      cache: "no-store",
    });

  async function sync(d: Destination, revision: string): Promise<DuckFailure | null> {
    if (synced === revision) return null;
    const res = await post("sync", { session: id, revision, state: d.state() });
    if (!res.ok) return { ok: false, error: await apiError(res) };
    synced = revision;
    return null;
  }

  /** Posts `body` for the current revision, syncing first and once more after a 409. */
  async function call(path: string, body: Record<string, unknown>): Promise<Response | DuckFailure> {
    const d = destination();
    if (!d || d.lastLoadId() === null) return noDestination;
    const revision = d.revision();
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = await sync(d, revision);
      if (failed) return failed;
      const res = await post(path, { ...body, session: id, revision });
      if (res.status !== 409) return res;
      synced = null;
    }
    return { ok: false, error: { code: "destination_unknown", message: "The server could not keep the destination: try again." } };
  }

  return {
    async query(sql) {
      const res = await call("query", { sql });
      if (!(res instanceof Response)) return res;
      if (!res.ok) return { ok: false, error: await apiError(res) };
      return (await res.json()) as QueryResponse;
    },
    async file(format, table) {
      const res = await call("file", table === undefined ? { format } : { format, table });
      if (!(res instanceof Response)) return res;
      if (!res.ok) return { ok: false, error: await apiError(res) };
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `download.${format}`;
      return { ok: true, blob: await res.blob(), filename: name };
    },
  };
}
