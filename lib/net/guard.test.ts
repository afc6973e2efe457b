import { describe, expect, it } from "vitest";
import { blockedReason, checkUrl, GuardRefusal, normalizeAddress, parseAllowList, type Lookup } from "./guard";
import { embeddedIPv4, ipv6Groups } from "./addresses";

const none = parseAllowList(undefined);
const fixedLookup =
  (table: Record<string, string[]>): Lookup =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return found;
  };

describe("blockedReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fe80::1", "link-local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::1]", "loopback"],
    ["100.100.100.200", "metadata"],
  ])("%s is refused (%s)", (address, why) => {
    expect(blockedReason(address)).toContain(why);
  });

  it.each(["8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2606:4700::1111", "1.1.1.1"])("%s is public", (address) => {
    expect(blockedReason(address)).toBeNull();
  });

  it("normalises IPv4-mapped IPv6 addresses", () => {
    expect(normalizeAddress("::ffff:10.0.0.1")).toEqual({ address: "10.0.0.1", family: "ipv4" });
    expect(normalizeAddress("2001:db8::1")).toEqual({ address: "2001:db8::1", family: "ipv6" });
    expect(normalizeAddress("example.com")).toBeNull();
  });
});

describe("checkUrl", () => {
  it("accepts a host whose addresses are all public", async () => {
    await expect(
      checkUrl(new URL("https://api.test/x"), none, fixedLookup({ "api.test": ["93.184.216.34", "2606:2800::1"] })),
    ).resolves.toBeUndefined();
  });

  it("refuses a host when any one of its addresses is private, naming the env var", async () => {
    const p = checkUrl(new URL("https://mixed.test/"), none, fixedLookup({ "mixed.test": ["93.184.216.34", "10.0.0.5"] }));
    await expect(p).rejects.toBeInstanceOf(GuardRefusal);
    await expect(p).rejects.toThrow(/RESTPLAY_ALLOW_HOSTS=mixed\.test/);
    await expect(p).rejects.toThrow(/10\.0\.0\.5/);
  });

  it("refuses IP literals, localhost names and metadata names without needing DNS", async () => {
    const noDns: Lookup = async () => {
      throw new Error("DNS must not be used for IP literals");
    };
    await expect(checkUrl(new URL("http://127.0.0.1:8080/"), none, noDns)).rejects.toThrow(/loopback/);
    await expect(checkUrl(new URL("http://[::1]/"), none, noDns)).rejects.toThrow(/loopback/);
    await expect(checkUrl(new URL("http://169.254.169.254/latest/meta-data"), none, noDns)).rejects.toThrow(/metadata/);
    await expect(checkUrl(new URL("http://metadata.google.internal/"), none, noDns)).rejects.toThrow(/metadata/);
    await expect(checkUrl(new URL("http://localhost/"), none, fixedLookup({ localhost: ["127.0.0.1", "::1"] }))).rejects.toThrow(
      /loopback/,
    );
  });

  it("refuses non-http schemes and unresolvable hosts with a clear message", async () => {
    await expect(checkUrl(new URL("file:///etc/passwd"), none)).rejects.toThrow(/only http and https/);
    await expect(checkUrl(new URL("https://nowhere.test/"), none, fixedLookup({}))).rejects.toThrow(
      /Could not resolve nowhere\.test \(ENOTFOUND\)/,
    );
  });

  it("lets RESTPLAY_ALLOW_HOSTS open host names and CIDR ranges", async () => {
    const allow = parseAllowList(" localhost , 10.0.0.0/8, ::1, 192.168.1.7 ");
    const lookup = fixedLookup({
      localhost: ["127.0.0.1"],
      "intranet.test": ["10.2.3.4"],
      "lan.test": ["192.168.1.7"],
      "other.test": ["192.168.1.8"],
    });
    await expect(checkUrl(new URL("http://localhost:3000/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://intranet.test/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://[::1]/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://lan.test/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://other.test/"), allow, lookup)).rejects.toThrow(/private/);
    await expect(checkUrl(new URL("http://127.0.0.1/"), allow, lookup)).rejects.toThrow(/loopback/);
  });
});

describe("IPv6 forms that carry an IPv4 address", () => {
  it.each([
    // NAT64 (RFC 6052 well-known prefix), dotted and hex spellings
    ["64:ff9b::127.0.0.1", "loopback", "NAT64"],
    ["64:ff9b::7f00:1", "loopback", "NAT64"],
    ["64:ff9b::a9fe:a9fe", "metadata", "NAT64"],
    ["64:ff9b:0:0:0:0:c0a8:101", "private", "NAT64"],
    // IPv4-compatible (deprecated, still parsed by stacks)
    ["::127.0.0.1", "loopback", "IPv4-compatible"],
    ["::a00:1", "private", "IPv4-compatible"],
    ["0:0:0:0:0:0:169.254.169.254", "metadata", "IPv4-compatible"],
    // IPv4-mapped and -translated
    ["0:0:0:0:0:ffff:7f00:1", "loopback", ""],
    ["::ffff:0:10.1.2.3", "private", "IPv4-translated"],
    // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
    ["2002:7f00:1::", "loopback", "6to4"],
    ["2002:a9fe:a9fe::1", "metadata", "6to4"],
    ["2002:c0a8:0101:1::1", "private", "6to4"],
    // Teredo: the client address is the last 32 bits XOR 0xffffffff (127.0.0.1 -> 80ff:fffe)
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback", "Teredo"],
    ["2001::ffff:ffff:f5ff:fffe", "private", "Teredo"],
    // Local-use NAT64 (RFC 8215): where the IPv4 sits depends on the network, so it is refused whole.
    ["64:ff9b:1::808:808", "local-use NAT64", ""],
  ])("%s is refused (%s)", (address, why, form) => {
    const reason = blockedReason(address);
    expect(reason).toContain(why);
    if (form) expect(reason).toContain(`inside a ${form} address`);
  });

  it.each(["64:ff9b::808:808", "2002:808:808::1", "::8.8.8.8", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "2001:db8::1"])(
    "%s carries a public address (or none)",
    (address) => {
      expect(blockedReason(address)).toBeNull();
    },
  );

  it("unwraps each form to the IPv4 address it delivers to", () => {
    expect(embeddedIPv4("64:ff9b::192.0.2.33")).toEqual({ ipv4: "192.0.2.33", form: "NAT64" });
    expect(embeddedIPv4("2002:c000:221::")).toEqual({ ipv4: "192.0.2.33", form: "6to4" });
    expect(embeddedIPv4("2001:0:4136:e378:8000:63bf:3fff:fdd2")).toEqual({ ipv4: "192.0.2.45", form: "Teredo" });
    expect(embeddedIPv4("::1")).toBeNull();
    expect(embeddedIPv4("::")).toBeNull();
    expect(embeddedIPv4("2606:4700::1111")).toBeNull();
    expect(ipv6Groups("1::ffff:1.2.3.4")).toEqual([1, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups("not-an-ip")).toBeNull();
  });

  it("an allowed IPv4 range also allows the IPv6 forms that carry it", async () => {
    const allow = parseAllowList("10.0.0.0/8");
    const noDns: Lookup = async () => [];
    await expect(checkUrl(new URL("http://[64:ff9b::a00:5]/"), allow, noDns)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://[2002:a00:5::1]/"), allow, noDns)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://[64:ff9b::7f00:1]/"), allow, noDns)).rejects.toThrow(/127\.0\.0\.1 inside a NAT64 address/);
  });

  it("a host name resolving to a NAT64 or 6to4 form of a private address is refused", async () => {
    const lookup: Lookup = async (h) => (h === "nat64.test" ? ["64:ff9b::a9fe:a9fe"] : ["2002:0a00:0001::"]);
    await expect(checkUrl(new URL("https://nat64.test/"), none, lookup)).rejects.toThrow(
      /metadata address \(169\.254\.169\.254 inside a NAT64 address\)/,
    );
    await expect(checkUrl(new URL("https://sixtofour.test/"), none, lookup)).rejects.toThrow(/10\.0\.0\.1 inside a 6to4/);
  });
});
