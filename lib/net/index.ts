/**
 * lib/net: the live network, Node only (node:*, undici). The route and the CLI import it; the pure
 * modules (engine, config, formats, preview, mocks, run) never do: they get a `Transport` passed in.
 */
export { createLiveTransport, ACCEPT_ENCODING, type LiveTransport, type LiveTransportOptions } from "./transport";
export { ALLOW_ENV, blockedReason, checkUrl, GuardRefusal, normalizeAddress, parseAllowList, systemLookup, type AllowList } from "./guard";
export { embeddedIPv4 } from "./addresses";
export { MAX_COMPRESSION_RATIO, RATIO_GRACE_BYTES } from "./decode";
export type { Lookup } from "./lookup";
