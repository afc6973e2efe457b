// @ts-check
/**
 * The security headers every response carries (docs/security.md, section 1): one home for proxy.ts,
 * which sets them on pages and assets (with their CSPs), and next.config.js, which sets them on the API
 * routes — outside the proxy, so that a request body is never buffered by it before a route's own cap.
 */
/** @type {Readonly<Record<string, string>>} */
const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/** @param {readonly string[]} directives */
const policy = (directives) => directives.join("; ");

/** API responses may load nothing at all. */
const API_CSP = policy(["default-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]);

/** The API routes' headers, as next.config.js `headers()` lists them. */
const API_HEADERS = [...Object.entries(COMMON_HEADERS), ["content-security-policy", API_CSP]].map(([key, value]) => ({ key, value }));

module.exports = { COMMON_HEADERS, API_CSP, API_HEADERS, policy };
