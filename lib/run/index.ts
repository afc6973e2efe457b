/** lib/run: the orchestration shared by the server route and the CLI (validate -> secrets -> deps -> events). */
export { prepareRun, prepareCheckedRun, type CheckedConfig, type PreparedRun, type RunEnv, type RunFailureCode, type RunRequest } from "./run";
export { resolveSecret, resolveSecrets, type RunTarget, type SecretInputs, type SecretSource, type SecretStatus } from "./secrets";
export { createRunCollector, type ResourceSummary, type RunCollector, type RunError, type RunSummary } from "./summary";
