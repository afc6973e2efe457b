import { describe, expect, it } from "vitest";
import { blockedReason, checkUrl, createGuardedFetch, GuardRefusal, normalizeAddress, parseAllowList, type Lookup } from "./guard";

const none = parseAllowList(undefined);
const fixedLookup = (table: Record<string, string[]>): Lookup => async (host) => {
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
    await expect(checkUrl(new URL("https://api.test/x"), none, fixedLookup({ "api.test": ["93.184.216.34", "2606:2800::1"] }))).resolves.toBeUndefined();
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
    await expect(checkUrl(new URL("http://localhost/"), none, fixedLookup({ localhost: ["127.0.0.1", "::1"] }))).rejects.toThrow(/loopback/);
  });

  it("refuses non-http schemes and unresolvable hosts with a clear message", async () => {
    await expect(checkUrl(new URL("file:///etc/passwd"), none)).rejects.toThrow(/only http and https/);
    await expect(checkUrl(new URL("https://nowhere.test/"), none, fixedLookup({}))).rejects.toThrow(/Could not resolve nowhere\.test \(ENOTFOUND\)/);
  });

  it("lets RESTPLAY_ALLOW_HOSTS open host names and CIDR ranges", async () => {
    const allow = parseAllowList(" localhost , 10.0.0.0/8, ::1, 192.168.1.7 ");
    const lookup = fixedLookup({ localhost: ["127.0.0.1"], "intranet.test": ["10.2.3.4"], "lan.test": ["192.168.1.7"], "other.test": ["192.168.1.8"] });
    await expect(checkUrl(new URL("http://localhost:3000/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://intranet.test/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://[::1]/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://lan.test/"), allow, lookup)).resolves.toBeUndefined();
    await expect(checkUrl(new URL("http://other.test/"), allow, lookup)).rejects.toThrow(/private/);
    await expect(checkUrl(new URL("http://127.0.0.1/"), allow, lookup)).rejects.toThrow(/loopback/);
  });
});

describe("createGuardedFetch", () => {
  const lookup = fixedLookup({ "public.test": ["93.184.216.34"], "other.test": ["93.184.216.35"], "internal.test": ["192.168.0.10"] });

  it("never calls the transport for a refused host", async () => {
    const calls: string[] = [];
    const guarded = createGuardedFetch({ allow: none, lookup, fetch: async (r) => (calls.push(r.url), new Response("x")) });
    await expect(guarded(new Request("http://internal.test/"))).rejects.toThrow(/private/);
    expect(calls).toEqual([]);
  });

  it("follows redirects by hand and refuses a hop to a private host", async () => {
    const calls: string[] = [];
    const guarded = createGuardedFetch({
      allow: none,
      lookup,
      fetch: async (r) => {
        calls.push(r.url);
        expect(r.redirect).toBe("manual");
        return new Response(null, { status: 302, headers: { location: "http://internal.test/admin" } });
      },
    });
    await expect(guarded(new Request("https://public.test/start"))).rejects.toThrow(/internal\.test/);
    expect(calls).toEqual(["https://public.test/start"]);
  });

  it("follows public redirects, turns a 303 into GET and drops credentials across origins", async () => {
    const seen: { url: string; method: string; auth: string | null }[] = [];
    const guarded = createGuardedFetch({
      allow: none,
      lookup,
      fetch: async (r) => {
        seen.push({ url: r.url, method: r.method, auth: r.headers.get("authorization") });
        if (r.url === "https://public.test/token") return new Response(null, { status: 303, headers: { location: "/done" } });
        if (r.url === "https://public.test/done") return new Response(null, { status: 307, headers: { location: "https://other.test/final" } });
        return Response.json({ ok: true });
      },
    });
    const res = await guarded(new Request("https://public.test/token", { method: "POST", body: "a=1", headers: { authorization: "Bearer t" } }));
    expect(await res.json()).toEqual({ ok: true });
    expect(seen).toEqual([
      { url: "https://public.test/token", method: "POST", auth: "Bearer t" },
      { url: "https://public.test/done", method: "GET", auth: "Bearer t" },
      { url: "https://other.test/final", method: "GET", auth: null },
    ]);
  });

  it("stops after too many redirects", async () => {
    const guarded = createGuardedFetch({ allow: none, lookup, maxRedirects: 2, fetch: async () => new Response(null, { status: 301, headers: { location: "https://public.test/loop" } }) });
    await expect(guarded(new Request("https://public.test/loop"))).rejects.toThrow(/Too many redirects/);
  });
});
