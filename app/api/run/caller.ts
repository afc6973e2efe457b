/**
 * Who may call `/api/run` (issue #13, finding 6). A web page on another site must not be able to drive
 * runs against the allow-listed internal hosts, and a DNS-rebinding page must not reach the server
 * under a foreign name:
 * - `Host` must be one of the deployment's own names (`RESTPLAY_PUBLIC_HOSTS`);
 * - the body must be `application/json` (a cross-site form or `text/plain` POST cannot send that
 *   without a CORS preflight, which this route never grants);
 * - a browser's `Origin` / `Sec-Fetch-Site` must say same-origin, or name an origin in
 *   `RESTPLAY_ALLOWED_ORIGINS`. Clients without them (curl, scripts, the CLI) are not browsers a
 *   foreign page can drive, and pass.
 */
import type { ServerSettings } from "./settings";
import { trimChars } from "@/lib/shared";

export interface CallerRefusal {
  readonly status: 403 | 415 | 421;
  readonly code: "cross_site_request" | "unsupported_media_type" | "host_not_allowed";
  readonly message: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" };

/** `Host` split into name and port: `[::1]:3000` → `[::1]`, `3000`. */
function splitHost(host: string): { name: string; port: string | null } {
  const h = host.trim().toLowerCase();
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(h);
  return m ? { name: (m[1] ?? "").replace(/\.$/, ""), port: m[2] ?? null } : { name: h, port: null };
}

function hostAllowed(host: string, settings: ServerSettings): boolean {
  const { name, port } = splitHost(host);
  return settings.publicHosts.has(name) || (port !== null && settings.publicHosts.has(`${name}:${port}`));
}

/** The origin's host with its port, default ports dropped: `https://a.test:443` → `a.test`. */
function originHost(origin: string): string | null {
  try {
    const u = new URL(origin);
    const port = u.port && u.port !== DEFAULT_PORTS[u.protocol] ? `:${u.port}` : "";
    return `${u.hostname.toLowerCase()}${port}`;
  } catch {
    return null;
  }
}

const sameHost = (a: string, b: string) => {
  const x = splitHost(a);
  const y = splitHost(b);
  return x.name === y.name && (x.port ?? "") === (y.port ?? "");
};

export function checkCaller(request: Request, settings: ServerSettings): CallerRefusal | null {
  const host = request.headers.get("host") ?? new URL(request.url).host;
  if (!hostAllowed(host, settings)) {
    return {
      status: 421,
      code: "host_not_allowed",
      message:
        `This server does not answer to the host name "${splitHost(host).name}". ` +
        `If that is its real name, start it with RESTPLAY_PUBLIC_HOSTS listing it (comma-separated, e.g. RESTPLAY_PUBLIC_HOSTS=restplay.example.com,localhost).`,
    };
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return {
      status: 415,
      code: "unsupported_media_type",
      message: `The request body must be sent as Content-Type: application/json (got ${type ? `"${type}"` : "none"}).`,
    };
  }
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const allowedOrigin = origin !== null && settings.allowedOrigins.has(trimChars(origin.toLowerCase(), "/", "end"));
  if (allowedOrigin) return null;
  const foreign = (why: string): CallerRefusal => ({
    status: 403,
    code: "cross_site_request",
    message: `Refused a run requested by ${why}: only the playground's own pages may start runs. To allow another origin, start the server with RESTPLAY_ALLOWED_ORIGINS=<origin>.`,
  });
  if (site !== null && site !== "same-origin" && site !== "none") return foreign(`a ${site} page${origin ? ` (${origin})` : ""}`);
  if (origin !== null) {
    const from = originHost(origin);
    if (from === null || !sameHost(from, host)) return foreign(`the page at ${origin === "null" ? "an opaque origin" : origin}`);
  }
  return null;
}
