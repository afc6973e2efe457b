/**
 * POST /api/run: parse the body with zod -> prepareRun (lib/run) -> stream the engine's events as
 * NDJSON, one event per line, the last one `{"type":"done"}`. The client's abort cancels the run.
 * Live runs go through the guarded live transport (lib/net); mock runs never touch the network.
 */
import { Masker, type EngineEvent, type IncrementalState } from "@/lib/engine";
import { prepareRun } from "@/lib/run";
import { BodyError, errorResponse, parseRunBody, readLimitedText, type RunBody } from "./body";
import { ALLOW_ENV, createLiveFetch, parseAllowList, type LiveFetch } from "@/lib/net";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The live transport: every connection checked by the guard; a refusal is a `network_error`, never retried. */
function liveFetch(): LiveFetch {
  return createLiveFetch({ guard: parseAllowList(process.env[ALLOW_ENV]) });
}

export async function POST(request: Request): Promise<Response> {
  let body: RunBody;
  try {
    body = parseRunBody(await readLimitedText(request));
  } catch (e) {
    if (e instanceof BodyError) return errorResponse(e.status, e.code, e.message);
    throw e;
  }

  const abort = new AbortController();
  const onClientAbort = () => abort.abort();
  request.signal.addEventListener("abort", onClientAbort, { once: true });

  const prepared = prepareRun(
    {
      text: body.config,
      target: body.target,
      ...(body.resources ? { resources: body.resources } : {}),
      ...(body.secrets ? { secrets: body.secrets } : {}),
      ...(body.max_pages !== undefined ? { limits: { maxPages: body.max_pages } } : {}),
      ...(body.state ? { state: body.state as Record<string, IncrementalState> } : {}),
    },
    { ...(body.target === "live" ? { liveFetch: liveFetch() } : {}), signal: abort.signal },
  );
  if (!prepared.ok) {
    request.signal.removeEventListener("abort", onClientAbort);
    if (prepared.code === "invalid_config") {
      return errorResponse(422, "invalid_config", prepared.message, { diagnostics: prepared.diagnostics });
    }
    return errorResponse(400, "bad_request", prepared.message);
  }

  const events = prepared.events;
  const encoder = new TextEncoder();
  const masker = new Masker(Object.values(body.secrets ?? {}));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) {
          request.signal.removeEventListener("abort", onClientAbort);
          controller.close();
        } else controller.enqueue(encoder.encode(JSON.stringify(next.value) + "\n"));
      } catch (e) {
        // The engine reports failures as events; reaching this is a defect. Log it without secrets
        // and end the stream the way every run ends, so the client shows a failed run.
        const message = masker.text(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
        console.error("restplay /api/run: the run broke off:", message);
        request.signal.removeEventListener("abort", onClientAbort);
        const error: EngineEvent = { type: "error", error: { code: "internal_error", message: `The run broke off inside restplay: ${message}` } };
        const done: EngineEvent = { type: "done", ok: false, duration_ms: 0, stats: {} };
        controller.enqueue(encoder.encode(`${JSON.stringify(error)}\n${JSON.stringify(done)}\n`));
        controller.close();
      }
    },
    async cancel() {
      abort.abort();
      await events.return(undefined);
    },
  });

  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      // no-transform: the server's gzip must not buffer the stream.
      "cache-control": "no-store, no-transform",
      "x-content-type-options": "nosniff",
    },
  });
}
