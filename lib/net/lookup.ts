/**
 * Name resolution inside the connection (`net.connect`'s `lookup`): the host is resolved once, every
 * address is checked, and the socket connects to those addresses only. No second resolution can
 * answer differently between the check and the connection (DNS rebinding).
 */
import type { LookupAddress, LookupOneOptions } from "node:dns";
import { isIP } from "node:net";

/** Resolves a host name to its addresses (the system resolver, or a test's table). */
export type Lookup = (hostname: string) => Promise<readonly string[]>;

type Callback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type ConnectLookup = (hostname: string, options: LookupOneOptions & { all?: boolean }, callback: Callback) => void;

/** A `net.connect` lookup over `resolve`, with `check` run on every answer before it is used. */
export function connectLookup(
  resolve: Lookup,
  check: (hostname: string, addresses: readonly string[]) => void | Promise<void>,
): ConnectLookup {
  return (hostname, options, callback) => {
    const answer = async () => {
      const addresses = await resolve(hostname);
      await check(hostname, addresses);
      const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
      const usable = addresses
        .map((address) => ({ address, family: isIP(address) }))
        .filter((a) => a.family !== 0 && (family === 0 || a.family === family));
      if (usable.length === 0)
        throw Object.assign(new Error(`${hostname} has no ${family ? `IPv${family} ` : ""}address`), { code: "ENOTFOUND" });
      return usable;
    };
    answer().then(
      (usable) => (options.all ? callback(null, usable) : callback(null, usable[0]!.address, usable[0]!.family)),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), options.all ? [] : "", 0),
    );
  };
}
