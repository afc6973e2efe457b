/**
 * POST /api/run: check the caller -> read and check the body -> admit the run (per-client and total
 * limits) -> validate the config in a worker (CPU budget) -> run it in a run worker (lib/run's
 * `prepareCheckedRun` there, with the server's ceilings) -> stream the events it encodes as NDJSON,
 * one event per line, the last one `{"type":"done"}`. The client's abort cancels the run; a client that
 * reads slowly pauses it. docs/security.md explains each step.
 */
import type { RunLimits } from "@/lib/engine";
import { givenValues, type RunBody } from "@/lib/run";
import { ALLOW_ENV } from "@/lib/net";
import { BodyError, errorResponse, parseRunBody, readLimitedText } from "./body";
import { checkCaller } from "./caller";
import { Admission, clientKey } from "./admission";
import { readSettings, type ServerSettings } from "./settings";
import { runPool, validationPool } from "./pools";
import { runStream } from "./run-stream";
import { warmUp } from "./warm";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const admission = new Admission();

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

/**
 * GET /api/run: the page asks as it loads, so the first Run finds the validation workers up and the
 * run's code warm (./warm.ts, once per process; starting them takes seconds on a loaded machine).
 * Answers 204 at once.
 */
export function GET(): Response {
  const settings = readSettings();
  warmUp(validationPool(settings), runPool(settings));
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
    // A cleared field is no value there, as in the run (`dlt.config.get("x")` then gives None): lib/run's givenValues.
    const refValues = body.secrets && givenValues(body.secrets);
    const checked = await validationPool(settings).validate(body.config, request.signal, clientKey(request), refValues);
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
    // The run executes in a worker (decision 0040): set up there, its events encoded there.
    const started = await runPool(settings).start({
      checked: checked.checked,
      request: {
        target: body.target,
        ...(body.resources ? { resources: body.resources } : {}),
        ...(body.secrets ? { secrets: body.secrets } : {}),
        limits,
        ...(body.state ? { state: body.state } : {}),
        ...(body.mock_spec ? { mockSpec: body.mock_spec } : {}),
      },
      allowHosts: process.env[ALLOW_ENV],
      notes,
    });
    if (!started.ok) {
      const status = started.code === "invalid_config" ? 422 : 400;
      return errorResponse(status, {
        code: started.code,
        message: started.message,
        ...(started.code === "invalid_config" ? { diagnostics: started.diagnostics } : {}),
      });
    }

    let finished = false;
    // The client's abort cancels the run (a client gone before the stream exists: at once).
    let onClientAbort = () => undefined as void;
    const finish = () => {
      if (finished) return;
      finished = true;
      request.signal.removeEventListener("abort", onClientAbort);
      admitted.release();
    };
    // A client that keeps the connection and stops reading holds a run (and its admission) no longer than a run may last.
    const { stream, stop } = runStream(started.run, finish, settings.ceilings.maxDurationMs);
    if (!finished) {
      onClientAbort = stop;
      request.signal.addEventListener("abort", onClientAbort, { once: true });
      if (request.signal.aborted) stop();
    }
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
