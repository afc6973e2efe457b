/**
 * POST /api/duckdb/file: the session's destination as the `.duckdb` file dlt's duckdb destination
 * would leave, or one table as CSV, Parquet or JSON lines (written by DuckDB from that layout).
 */
import { FILE_TYPES, FileBody, SMALL_BODY_BYTES, fileName } from "@/lib/duck";
import { duckError, duckFailed, readBody, sessions, unknownDestination, withDuckSlot } from "../shared";
import { clientKey } from "../../run/admission";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const read = await readBody(request, FileBody, SMALL_BODY_BYTES);
  if ("refused" in read) return read.refused;
  const { format, table } = read.body;
  const client = clientKey(request);
  const session = sessions().find(client, read.body.session, read.body.revision);
  if (!session) return unknownDestination();
  if (format !== "duckdb" && (table === undefined || !session.hasTable(table)))
    return duckError(404, { code: "unknown_table", message: `The destination has no table ${JSON.stringify(table ?? "")}.` });
  return withDuckSlot(client, async () => {
    try {
      const bytes = await session.file(format, table);
      return new Response(new Uint8Array(bytes), {
        headers: {
          "content-type": FILE_TYPES[format],
          "content-disposition": `attachment; filename="${fileName(format, table)}"`,
          "cache-control": "no-store",
        },
      });
    } catch (e) {
      return duckFailed(e);
    }
  });
}
