/**
 * POST /api/run: check the caller -> read and check the body -> admit the run (per-client and total
 * limits) -> validate the config in a worker (CPU budget) -> prepare the run (lib/run) with the
 * server's ceilings -> stream the engine's events as NDJSON, one event per line, the last one
 * `{"type":"done"}`. The client's abort cancels the run. docs/security.md explains each step.
 */
import type { EngineEvent, RunLimits } from "@/lib/engine";
import { Masker } from "@/lib/shared";
import { encodeEvent, prepareCheckedRun, type RunBody } from "@/lib/run";
import { BodyError, errorResponse, parseRunBody, readLimitedText } from "./body";
import { ALLOW_ENV, createLiveTransport, parseAllowList, type LiveTransport } from "@/lib/net";
import { checkCaller } from "./caller";
import { Admission, clientKey } from "./admission";
import { readSettings, type ServerSettings } from "./settings";
import { ValidationPool } from "./validation-pool";
import { warmUp } from "./warm";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The live transport: every connection checked by the guard; a refusal is a `network_error`, never retried. */
function liveTransport(): LiveTransport {
  return createLiveTransport({ guard: parseAllowList(process.env[ALLOW_ENV]) });
}

const admission = new Admission();
let pool: { key: string; pool: ValidationPool } | null = null;

/** One pool per process, rebuilt if its settings change (tests change the environment). */
function validationPool(settings: ServerSettings): ValidationPool {
  const key = JSON.stringify(settings.validation);
  if (pool?.key !== key) {
    void pool?.pool.close();
    pool = { key, pool: new ValidationPool(settings.validation) };
  }
  return pool.pool;
}

/** The run's limits: what the body asks for, never above the server's ceilings; each lowering is said. */
function runLimits(body: RunBody, settings: ServerSettings): { limits: Partial<RunLimits>; notes: string[] } {
  const c = settings.ceilings;
  const notes: string[] = [];
  let maxPages = body.max_pages ?? Math.min(100, c.maxPages);
  if (maxPages > c.maxPages) {
    notes.push(
      `max pages ${maxPages} is above this server's ceiling of ${c.maxPages} pages per resource (RESTPLAY_MAX_PAGES): using ${c.maxPages}.`,
    );
    maxPages = c.maxPages;
  }
  return {
    limits: {
      maxPages,
      maxRecords: c.maxRecords,
      maxRequests: c.maxRequests,
      maxResponseBytes: c.maxResponseBytes,
      maxTotalBytes: c.maxTotalBytes,
      maxDurationMs: c.maxDurationMs,
    },
    notes,
  };
}

/** The engine's events with the route's own notes right after `run_start`. */
async function* withNotes(events: AsyncGenerator<EngineEvent>, notes: readonly string[]): AsyncGenerator<EngineEvent> {
  try {
    for await (const e of events) {
      yield e;
      if (e.type === "run_start") for (const message of notes) yield { type: "warning", code: "server_limit", message };
    }
  } finally {
    await events.return(undefined);
  }
}

/**
 * GET /api/run: the page asks as it loads, so the first Run finds the validation workers up and the
 * run's code warm (./warm.ts, once per process; starting them takes seconds on a loaded machine).
 * Answers 204 at once.
 */
export function GET(): Response {
  warmUp(validationPool(readSettings()));
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const settings = readSettings();
  const refused = checkCaller(request, settings);
  if (refused) return errorResponse(refused.status, { code: refused.code, message: refused.message });

  let body: RunBody;
  try {
    body = parseRunBody(await readLimitedText(request));
  } catch (e) {
    if (e instanceof BodyError) return errorResponse(e.status, { code: e.code, message: e.message });
    throw e;
  }

  const admitted = admission.admit(clientKey(request), settings);
  if (!admitted.ok) return errorResponse(429, { code: "too_many_runs", message: admitted.message }, { "retry-after": "5" });
  let streaming = false;
  try {
    // The Secrets panel's values bind a typed value or `type` given as a reference (lib/config/type-refs.ts).
    const checked = await validationPool(settings).validate(body.config, request.signal, clientKey(request), body.secrets);
    switch (checked.kind) {
      case "cancelled":
        return errorResponse(499, { code: "cancelled", message: "The request was cancelled before the config was checked." });
      case "busy":
        return errorResponse(
          503,
          { code: "server_busy", message: `The server is busy checking other configs (${checked.reason}); try again in a moment.` },
          { "retry-after": "2" },
        );
      case "over_budget":
        return errorResponse(422, {
          code: "config_too_complex",
          message:
            `Checking this config took longer than the server's budget of ${checked.budgetMs} ms and was stopped. ` +
            "Split it into smaller configs, or (for your own server) raise RESTPLAY_VALIDATION_BUDGET_MS.",
        });
      case "failed":
        console.error("restplay /api/run: validation failed:", checked.message);
        return errorResponse(500, {
          code: "internal_error",
          message: "restplay could not check this config (an internal error); please report it.",
        });
    }

    const { limits, notes } = runLimits(body, settings);
    const abort = new AbortController();
    const onClientAbort = () => abort.abort();
    request.signal.addEventListener("abort", onClientAbort, { once: true });
    const prepared = prepareCheckedRun(
      checked.checked,
      {
        target: body.target,
        ...(body.resources ? { resources: body.resources } : {}),
        ...(body.secrets ? { secrets: body.secrets } : {}),
        limits,
        ...(body.state ? { state: body.state } : {}),
        ...(body.mock_spec ? { mockSpec: body.mock_spec } : {}),
      },
      { ...(body.target === "live" ? { liveTransport: liveTransport() } : {}), signal: abort.signal },
    );
    if (!prepared.ok) {
      request.signal.removeEventListener("abort", onClientAbort);
      const status = prepared.code === "invalid_config" ? 422 : 400;
      return errorResponse(status, {
        code: prepared.code,
        message: prepared.message,
        ...(prepared.code === "invalid_config" ? { diagnostics: prepared.diagnostics } : {}),
      });
    }

    const events = withNotes(prepared.events, notes);
    const encoder = new TextEncoder();
    const masker = new Masker(Object.values(body.secrets ?? {}));
    let finished = false;
    const finish = () => {
      if (finished) return false;
      finished = true;
      request.signal.removeEventListener("abort", onClientAbort);
      admitted.release();
      return true;
    };
    // The stream's first pull runs in the same turn as this handler: give the event loop a turn first,
    // so the check above and the run's set-up (both synchronous) do not add up for other requests.
    let first = true;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (first) {
            first = false;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
          const next = await events.next();
          // The client may have gone while the engine worked: the stream is closed then.
          if (finished) return;
          if (next.done) {
            finish();
            controller.close();
          } else controller.enqueue(encoder.encode(encodeEvent(next.value)));
        } catch (e) {
          if (!finish()) return;
          // The engine reports failures as events; reaching this is a defect. Log it without secrets
          // and end the stream the way every run ends, so the client shows a failed run.
          const message = masker.text(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
          console.error("restplay /api/run: the run broke off:", message);
          const error: EngineEvent = {
            type: "error",
            error: { code: "internal_error", message: `The run broke off inside restplay: ${message}` },
          };
          const done: EngineEvent = { type: "done", ok: false, duration_ms: 0, stats: {} };
          controller.enqueue(encoder.encode(encodeEvent(error) + encodeEvent(done)));
          controller.close();
        }
      },
      async cancel() {
        finish();
        abort.abort();
        await events.return(undefined);
      },
    });
    streaming = true;
    return new Response(stream, {
      status: 200,
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        // no-transform: the server's gzip must not buffer the stream.
        "cache-control": "no-store, no-transform",
        "x-content-type-options": "nosniff",
      },
    });
  } finally {
    if (!streaming) admitted.release();
  }
}
