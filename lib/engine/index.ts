/**
 * lib/engine: the pure extraction engine (no node, react, next, msw or monaco; ARCHITECTURE rule 3).
 * Everything external comes in through `EngineDeps`; everything it has to say goes out as events.
 */
export { extract } from "./extract";
export { createVirtualClock } from "./clock";
export { fetchTransport, type FetchLike } from "./fetch-transport";
export { formatBytes } from "./budget";
export { parseBody, parseLossless, sideTables, type SideTables } from "../shared";
export { PAGINATORS } from "./paginators";
export { AUTH_IMPLEMENTATIONS } from "./auth";
export * from "./types";
