/**
 * The live target's network guard: a deployed playground must not become a proxy into its own network
 * (SSRF). This file is the policy: which addresses are refused and what `RESTPLAY_ALLOW_HOSTS` (host
 * names, IPs or CIDRs, comma-separated) opens. The transport (./transport.ts) applies it: IP literals
 * before connecting, host names inside the connection's own lookup, so the address checked is the
 * address connected to. The engine follows redirects, so every hop is a new, checked request.
 */
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns/promises";
import { bareAddress, embeddedIPv4, normalizeAddress, type Family } from "./addresses";
import type { Lookup } from "./lookup";

export { normalizeAddress } from "./addresses";
export type { Lookup } from "./lookup";

export const ALLOW_ENV = "RESTPLAY_ALLOW_HOSTS";

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
  // RFC 8215: which IPv4 address it reaches depends on the prefix length the local network chose.
  { cidr: "64:ff9b:1::/48", why: "a local-use NAT64 address" },
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

const blockedRanges = BLOCKED.map((b) => {
  const list = new BlockList();
  const s = subnet(b.cidr);
  if (s) list.addSubnet(s.address, s.prefix, s.family);
  return { list, why: b.why };
});

function rangeReason(address: string, family: Family): string | null {
  if (METADATA_ADDRESSES.has(address)) return "a cloud metadata address";
  for (const r of blockedRanges) if (r.list.check(address, family)) return r.why;
  return null;
}

/**
 * Why an address must not be contacted, or `null` when it is a public address. An IPv6 address that
 * carries an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible) is refused when that one would be.
 */
export function blockedReason(address: string): string | null {
  const n = normalizeAddress(address);
  if (!n) return "not an IP address";
  const own = rangeReason(n.address, n.family);
  if (own) return own;
  const inside = n.family === "ipv6" ? embeddedIPv4(n.address) : null;
  const carried = inside ? rangeReason(inside.ipv4, "ipv4") : null;
  return inside && carried ? `${carried} (${inside.ipv4} inside a ${inside.form} address)` : null;
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

/** Allowed when the address, or the IPv4 address it carries, is in an allowed range. */
export function addressAllowed(allow: AllowList, address: string): boolean {
  const n = normalizeAddress(address);
  if (n === null) return false;
  if (allow.ranges.check(n.address, n.family)) return true;
  const inside = n.family === "ipv6" ? embeddedIPv4(n.address) : null;
  return inside !== null && allow.ranges.check(inside.ipv4, "ipv4");
}

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

/** The host of a URL as the guard compares it: no brackets, no trailing dot, lower case. */
export const hostOf = (url: URL): string => bareAddress(url.hostname).replace(/\.$/, "");

/**
 * What can be decided before connecting: the scheme, host names allowed or refused by name, and IP
 * literals. Returns `true` when the host is a name whose addresses must be checked as it resolves.
 */
export function checkBeforeConnect(url: URL, allow: AllowList): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new GuardRefusal(`Refused to contact ${url.href}: only http and https URLs are allowed.`);
  }
  const host = hostOf(url);
  if (allow.hosts.has(host)) return false;
  if (METADATA_HOSTS.has(host)) throw refusal(host, "a cloud metadata service");
  if (!isIP(host)) return true;
  checkAddresses(host, [host], allow);
  return false;
}

/** Throws a `GuardRefusal` unless every address is public or allowed (one bad address refuses the host). */
export function checkAddresses(host: string, addresses: readonly string[], allow: AllowList): void {
  if (allow.hosts.has(host)) return;
  if (addresses.length === 0) throw new GuardRefusal(`Could not resolve ${host}: it has no addresses.`);
  for (const address of addresses) {
    if (addressAllowed(allow, address)) continue;
    const why = blockedReason(address);
    if (why) throw refusal(host, address === host ? why : `${why} (${address})`);
  }
}

/** Resolves a host name for the guard; a failure is a `GuardRefusal` that names the host. */
export async function resolveHost(host: string, lookup: Lookup): Promise<readonly string[]> {
  try {
    return await lookup(host);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new GuardRefusal(
      `Could not resolve ${host}${typeof code === "string" ? ` (${code})` : ""}: check the host name in base_url or the URL.`,
    );
  }
}

/**
 * Throws a `GuardRefusal` unless every address of the URL's host is public or explicitly allowed.
 * A check on its own (tests, tools): the transport checks inside the connection instead, so that the
 * address checked is the one connected to.
 */
export async function checkUrl(url: URL, allow: AllowList, lookup: Lookup = systemLookup): Promise<void> {
  if (!checkBeforeConnect(url, allow)) return;
  const host = hostOf(url);
  checkAddresses(host, await resolveHost(host, lookup), allow);
}
