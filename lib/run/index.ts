/** lib/run: the orchestration shared by the server route and the CLI (validate -> secrets -> deps -> events). */
export { realSleep, realTimer } from "./real-clock";
export { prepareRun, prepareCheckedRun, type PreparedRun, type RunEnv, type RunFailureCode, type RunRequest } from "./run";
export {
  givenValues,
  missingSecrets,
  resolveSecret,
  resolveSecrets,
  type SecretInputs,
  type SecretSource,
  type SecretStatus,
  type SettingsFile,
} from "./secrets";
export {
  API_ERROR_CODES,
  ContractError,
  MAX_BODY_BYTES,
  RUN_TARGETS,
  checkEvent,
  checkRunBody,
  decodeEvents,
  encodeEvent,
  errorEnvelope,
  readErrorEnvelope,
  type ApiError,
  type ApiErrorCode,
  type RunBody,
  type RunTarget,
} from "./contract";
export {
  TraceBuilder,
  EMPTY_TRACE,
  type ResourceStatus,
  type ResourceTrace,
  type RunFailure,
  type RunPhase,
  type RunTrace,
  type TraceItem,
  type TraceResponse,
} from "./trace";
export { createRunCollector, type ResourceSummary, type RunCollector, type RunError, type RunSummary } from "./summary";
export { CHECK_LIMITS, CheckFold, collectCheck, type CheckFailure, type CheckReport, type CheckRow, type CheckStatus } from "./check";
export { MAX_PAGES_RANGE } from "./limits";
