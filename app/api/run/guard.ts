/**
 * The live target's network guard: a deployed playground must not become a proxy into its own network
 * (SSRF). Every request's host is resolved and every address checked; redirects are followed by hand
 * and each hop is checked again. `RESTPLAY_ALLOW_HOSTS` (host names, IPs or CIDRs, comma-separated)
 * opens specific targets, e.g. an API on the developer's own machine.
 */
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";

export const ALLOW_ENV = "RESTPLAY_ALLOW_HOSTS";

type Family = "ipv4" | "ipv6";

const BLOCKED: readonly { cidr: string; why: string }[] = [
  { cidr: "0.0.0.0/8", why: "an unspecified address" },
  { cidr: "127.0.0.0/8", why: "a loopback address" },
  { cidr: "10.0.0.0/8", why: "a private address" },
  { cidr: "172.16.0.0/12", why: "a private address" },
  { cidr: "192.168.0.0/16", why: "a private address" },
  { cidr: "100.64.0.0/10", why: "a shared (carrier-grade NAT) address" },
  { cidr: "169.254.0.0/16", why: "a link-local address (cloud metadata lives here)" },
  { cidr: "224.0.0.0/4", why: "a multicast address" },
  { cidr: "240.0.0.0/4", why: "a reserved address" },
  { cidr: "::/128", why: "an unspecified address" },
  { cidr: "::1/128", why: "a loopback address" },
  { cidr: "fc00::/7", why: "a private (unique local) address" },
  { cidr: "fe80::/10", why: "a link-local address" },
  { cidr: "ff00::/8", why: "a multicast address" },
];

/** Metadata services reachable by name or by addresses outside the ranges above. */
const METADATA_HOSTS = new Set(["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"]);
const METADATA_ADDRESSES = new Set(["100.100.100.200", "169.254.169.254", "fd00:ec2::254", "169.254.170.2"]);

function subnet(cidr: string): { address: string; prefix: number; family: Family } | null {
  const [address = "", prefixText] = cidr.trim().split("/");
  const v = isIP(address);
  if (v === 0) return null;
  const family: Family = v === 4 ? "ipv4" : "ipv6";
  const max = v === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family };
}

/** `::ffff:127.0.0.1` and `::ffff:7f00:1` are IPv4 addresses in disguise. */
export function normalizeAddress(address: string): { address: string; family: Family } | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const v = isIP(bare);
  if (v === 4) return { address: bare, family: "ipv4" };
  if (v !== 6) return null;
  const dotted = /^(?:0{0,4}:){0,5}ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare.replace(/^::/, "0:"));
  if (dotted?.[1]) return { address: dotted[1], family: "ipv4" };
  const hex = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(bare.replace(/^::/, "0:"));
  if (hex?.[1] && hex[2]) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: "ipv4" };
  }
  return { address: bare, family: "ipv6" };
}

const blockedRanges = BLOCKED.map((b) => {
  const list = new BlockList();
  const s = subnet(b.cidr);
  if (s) list.addSubnet(s.address, s.prefix, s.family);
  return { list, why: b.why };
});

/** Why an address must not be contacted, or `null` when it is a public address. */
export function blockedReason(address: string): string | null {
  const n = normalizeAddress(address);
  if (!n) return "not an IP address";
  if (METADATA_ADDRESSES.has(n.address)) return "a cloud metadata address";
  for (const r of blockedRanges) if (r.list.check(n.address, n.family)) return r.why;
  return null;
}

export interface AllowList {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: BlockList;
}

/** Parses `RESTPLAY_ALLOW_HOSTS`: `localhost,127.0.0.1/32,::1,api.internal`. */
export function parseAllowList(value: string | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const raw of (value ?? "").split(",")) {
    const item = raw.trim().toLowerCase();
    if (!item) continue;
    const s = subnet(item.replace(/^\[|\]$/g, ""));
    if (s) {
      const n = normalizeAddress(s.address);
      // `::ffff:10.0.0.1` in the list means the IPv4 address it carries.
      if (n && n.family !== s.family && s.prefix === 128) ranges.addSubnet(n.address, 32, n.family);
      else ranges.addSubnet(s.address, s.prefix, s.family);
    } else hosts.add(item.replace(/\.$/, ""));
  }
  return { hosts, ranges };
}

const addressAllowed = (allow: AllowList, address: string): boolean => {
  const n = normalizeAddress(address);
  return n !== null && allow.ranges.check(n.address, n.family);
};

export type Lookup = (hostname: string) => Promise<readonly string[]>;

export const systemLookup: Lookup = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** A refused target. The engine reports it as a `network_error` with this message. */
export class GuardRefusal extends Error {
  override readonly name = "GuardRefusal";
}

const refusal = (host: string, why: string) =>
  new GuardRefusal(
    `Refused to contact ${host}: it is ${why}. The playground's live target only reaches public hosts; ` +
      `to allow this one, start the app with ${ALLOW_ENV}=${host} (host names or CIDRs, comma-separated).`,
  );

/** Throws a `GuardRefusal` unless every address of the URL's host is public or explicitly allowed. */
export async function checkUrl(url: URL, allow: AllowList, lookup: Lookup = systemLookup): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new GuardRefusal(`Refused to contact ${url.href}: only http and https URLs are allowed.`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (allow.hosts.has(host)) return;
  if (METADATA_HOSTS.has(host)) throw refusal(host, "a cloud metadata service");
  let addresses: readonly string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await lookup(host);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new GuardRefusal(`Could not resolve ${host}${typeof code === "string" ? ` (${code})` : ""}: check the host name in base_url or the URL.`);
    }
  }
  if (addresses.length === 0) throw new GuardRefusal(`Could not resolve ${host}: it has no addresses.`);
  for (const address of addresses) {
    if (addressAllowed(allow, address)) continue;
    const why = blockedReason(address);
    if (why) throw refusal(host, address === host ? why : `${why} (${address})`);
  }
}

export interface GuardedFetchOptions {
  readonly allow: AllowList;
  readonly lookup?: Lookup;
  /** The transport; the global fetch by default. Called with `redirect: "manual"`. */
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly maxRedirects?: number;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** A fetch that checks every hop's host before connecting and follows redirects itself. */
export function createGuardedFetch(options: GuardedFetchOptions): (request: Request) => Promise<Response> {
  const transport = options.fetch ?? ((r: Request) => fetch(r));
  const maxRedirects = options.maxRedirects ?? 10;
  return async (request) => {
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    let method = request.method;
    let url = new URL(request.url);
    let payload = body;
    const headers = new Headers(request.headers);
    for (let hop = 0; ; hop++) {
      await checkUrl(url, options.allow, options.lookup);
      const response = await transport(new Request(url, { method, headers, body: payload, redirect: "manual", signal: request.signal }));
      const location = response.headers.get("location");
      if (!REDIRECT.has(response.status) || !location) return response;
      if (hop >= maxRedirects) throw new GuardRefusal(`Too many redirects (more than ${maxRedirects}) starting at ${request.url}.`);
      await response.body?.cancel();
      const next = new URL(location, url);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        payload = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      }
      // As browsers do: credentials are not forwarded to another origin.
      if (next.origin !== url.origin) {
        headers.delete("authorization");
        headers.delete("cookie");
      }
      url = next;
    }
  };
}
