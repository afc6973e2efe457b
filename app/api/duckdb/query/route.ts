/**
 * POST /api/duckdb/query: one read-only SQL statement on the session's destination. 200 with the
 * outcome (rows, or a refusal or error located in the query); 409 when the server does not hold the
 * destination's revision (the page syncs and asks again).
 */
import { QueryBody, SMALL_BODY_BYTES } from "@/lib/duck";
import { duckFailed, readBody, sessions, unknownDestination, withDuckSlot } from "../shared";
import { clientKey } from "../../run/admission";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const read = await readBody(request, QueryBody, SMALL_BODY_BYTES);
  if ("refused" in read) return read.refused;
  const client = clientKey(request);
  const session = sessions().find(client, read.body.session, read.body.revision);
  if (!session) return unknownDestination();
  return withDuckSlot(client, async () => {
    try {
      const outcome = await session.query(read.body.sql);
      return Response.json(outcome, { headers: { "cache-control": "no-store" } });
    } catch (e) {
      return duckFailed(e);
    }
  });
}
