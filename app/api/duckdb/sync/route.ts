/** POST /api/duckdb/sync: the page's destination (its state and revision) for the session's SQL console and downloads. */
import { SyncBody } from "@/lib/duck";
import { destinationRevision, parseDestinationState } from "@/lib/preview";
import { duckError, readBody, sessions, syncLimit } from "../shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const read = await readBody(request, SyncBody, syncLimit());
  if ("refused" in read) return read.refused;
  const state = parseDestinationState(read.body.state);
  if (!state) return duckError(400, { code: "bad_request", message: "`state` is not a restplay destination (version 1)." });
  if (destinationRevision(state) !== read.body.revision)
    return duckError(400, { code: "bad_request", message: "`revision` does not match the state's loads." });
  sessions().hold(read.body.session, read.body.revision, state);
  return Response.json({ ok: true, revision: read.body.revision }, { headers: { "cache-control": "no-store" } });
}
