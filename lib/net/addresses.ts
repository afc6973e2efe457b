/**
 * IP address spellings: an IPv6 address can carry an IPv4 address (mapped, compatible, NAT64, 6to4,
 * Teredo), and a packet sent to it reaches that IPv4 host. The guard checks the IPv4 address inside.
 */
import { isIP } from "node:net";

export type Family = "ipv4" | "ipv6";

export interface Address {
  readonly address: string;
  readonly family: Family;
}

/** An IPv4 address found inside an IPv6 one, and the name of the form that carries it. */
export interface Embedded {
  readonly ipv4: string;
  readonly form: string;
}

/** `[::1]`, `fe80::1%eth0`, `::FFFF:1.2.3.4` → the bare, lower-case literal. */
export const bareAddress = (address: string): string => {
  const bare = address.replace(/^\[|\]$/g, "");
  // The zone (`%eth0`) cut at the first `%` (`/%.*$/` rescanned the rest from every `%`; an address has no line break).
  return (bare.includes("%") ? bare.slice(0, bare.indexOf("%")) : bare).toLowerCase();
};

/** The eight 16-bit groups of an IPv6 literal (a trailing dotted IPv4 counts as two groups), or null. */
export function ipv6Groups(literal: string): number[] | null {
  const s = bareAddress(literal);
  if (isIP(s) !== 6) return null;
  let text = s;
  // A valid IPv6 literal (`isIP` above) is at most 45 characters: no text long enough to rescan.
  // eslint-disable-next-line regexp/no-super-linear-move
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (p: string) => (p === "" ? [] : p.split(":").map((g) => parseInt(g, 16)));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(fill).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const quad = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address delivers to, when it is one of the forms that embed one:
 * IPv4-mapped (`::ffff:0:0/96`), IPv4-translated (`::ffff:0:0:0/96`), IPv4-compatible (`::/96`,
 * except `::` and `::1`), NAT64 (`64:ff9b::/96`, RFC 6052), 6to4 (`2002::/16`, RFC 3056) and Teredo
 * (`2001::/32`, RFC 4380: the client's address is stored XOR 0xffffffff).
 */
export function embeddedIPv4(literal: string): Embedded | null {
  const g = ipv6Groups(literal);
  if (!g) return null;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeros = (...xs: number[]) => xs.every((x) => x === 0);
  if (zeros(g0, g1, g2, g3, g4) && g5 === 0xffff) return { ipv4: quad(g6, g7), form: "IPv4-mapped" };
  if (zeros(g0, g1, g2, g3, g5) && g4 === 0xffff) return { ipv4: quad(g6, g7), form: "IPv4-translated" };
  if (zeros(g0, g1, g2, g3, g4, g5) && !(g6 === 0 && g7 <= 1)) return { ipv4: quad(g6, g7), form: "IPv4-compatible" };
  if (g0 === 0x64 && g1 === 0xff9b && zeros(g2, g3, g4, g5)) return { ipv4: quad(g6, g7), form: "NAT64" };
  if (g0 === 0x2002) return { ipv4: quad(g1, g2), form: "6to4" };
  if (g0 === 0x2001 && g1 === 0) return { ipv4: quad(g6 ^ 0xffff, g7 ^ 0xffff), form: "Teredo" };
  return null;
}

/** An IP literal as the guard compares it: IPv4-mapped addresses become the IPv4 address they are. */
export function normalizeAddress(address: string): Address | null {
  const bare = bareAddress(address);
  const v = isIP(bare);
  if (v === 4) return { address: bare, family: "ipv4" };
  if (v !== 6) return null;
  const inside = embeddedIPv4(bare);
  if (inside?.form === "IPv4-mapped") return { address: inside.ipv4, family: "ipv4" };
  return { address: bare, family: "ipv6" };
}
