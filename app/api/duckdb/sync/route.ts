/** POST /api/duckdb/sync: the page's destination (its state and revision) for the session's SQL console and downloads. */
import { SyncBody } from "@/lib/duck";
import { adoptStateSpellings, destinationRevision, readDestinationState } from "@/lib/preview";
import { sideTables } from "@/lib/engine";
import { clientKey } from "../../run/admission";
import { duckError, readBody, sessions, syncLimit, withDuckSlot } from "../shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const client = clientKey(request);
  return withDuckSlot(client, () => receive(request, client), "sync");
}

async function receive(request: Request, client: string): Promise<Response> {
  // Read losslessly: json cells keep their number spellings (`46.0`) for the database and its files.
  const sink = sideTables();
  const read = await readBody(request, SyncBody, syncLimit(), sink);
  if ("refused" in read) return read.refused;
  const { state, fault } = readDestinationState(read.body.state);
  if (fault !== undefined) return duckError(400, { code: "bad_request", message: `\`state\` is not a restplay destination: ${fault}.` });
  adoptStateSpellings(state, sink);
  if (destinationRevision(state) !== read.body.revision)
    return duckError(400, { code: "bad_request", message: "`revision` does not match the state's loads." });
  sessions().hold(client, read.body.session, read.body.revision, state);
  return Response.json({ ok: true, revision: read.body.revision }, { headers: { "cache-control": "no-store" } });
}
