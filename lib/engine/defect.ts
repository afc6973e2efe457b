/**
 * A config defect the engine meets anyway. lib/config resolves and checks the source before any run
 * (decision 0021), so the engine never re-validates: what it finds inconsistent is a bug of restplay,
 * reported as `internal_error`, never as a user message about the config.
 */
import { EngineError } from "./types";

export function defect(what: string, resource?: string): EngineError {
  return new EngineError(
    "internal_error",
    `restplay's resolved source is inconsistent (${what}); lib/config should have refused it. This is a bug: please report it.`,
    resource !== undefined ? { resource } : {},
  );
}
