/** lib/engine: the pure extraction engine (no node, react, next, msw or monaco). */
export { extract } from "./extract";
export { createVirtualClock } from "./clock";
export { maskSecret, redactUrl, Masker } from "./mask";
export { secretEnvName } from "./names";
export { PAGINATORS } from "./paginators";
export { AUTH_IMPLEMENTATIONS } from "./auth";
export * from "./types";
