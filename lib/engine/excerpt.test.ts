/** Issue 13: text is masked before it is cut, so a secret straddling a cut never shows its first characters. */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json, one } from "../testing/engine";
import { Masker } from "../shared";

const SECRET = "sk-live-0123456789abcdef";
const first = SECRET.slice(0, 6);
const around = (cut: number, filler = "x") => `${filler.repeat(cut - 8)}${SECRET}${filler.repeat(400)}`;
const single = one({ data_selector: "data", paginator: "single_page" });

describe("Masker.excerpt", () => {
  it("masks a window wider than the cut, then cuts", () => {
    const m = new Masker([SECRET]);
    const cut = m.excerpt(around(300), 300);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toHaveLength(300);
    expect(cut.text).not.toContain(first);
    expect(cut.text).toContain("s*****f");
    expect(m.excerpt("short", 300)).toEqual({ text: "short", truncated: false });
  });

  it("widens the window when masking shortens it, so a later secret cannot slide under the cut", () => {
    const m = new Masker([SECRET]);
    // Five secrets shrink by 17 characters each; 10 characters of the sixth sit inside the first window (324).
    const text = `${SECRET.repeat(5)}${"y".repeat(194)}${SECRET}${"y".repeat(50)}`;
    expect(m.excerpt(text, 300).text).not.toContain(first);
  });
});

describe("messages and previews mask before they cut", () => {
  it("http_error's 300-character excerpt", async () => {
    const run = await collect(single, fakeFetch(() => new Response(around(300), { status: 404 })).fetch, { secrets: { s: SECRET } });
    expect(run.errors[0]!.code).toBe("http_error");
    expect(run.errors[0]!.message).not.toContain(first);
    expect(run.errors[0]!.message).toContain("s*****f");
  });

  it("a body with Python's NaN and Infinity is read as Python's json reads it, the values null as dlt's extract writes them", async () => {
    const body = '{"data": [{"id": 1, "score": 1.5, "note": "NaN stays text"}, {"id": 2, "score": NaN, "low": -Infinity}]}';
    const run = await collect(single, fakeFetch(() => new Response(body, { headers: { "content-type": "application/json" } })).fetch);
    expect(run.errors).toEqual([]);
    expect(run.records).toEqual([
      { id: 1, score: 1.5, note: "NaN stays text" },
      { id: 2, score: null, low: null },
    ]);
  });

  it("a body is decoded as python-requests decodes it: the declared charset, else ISO-8859-1 for text/…, else UTF-8", async () => {
    const utf8 = new TextEncoder().encode('{"data": [{"name": "café"}]}');
    const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
    const latin1 = Uint8Array.from([...ascii('{"data": [{"name": "caf'), 0xe9, ...ascii('", "price": "'), 0x80, ...ascii('5"}]}')]);
    const read = async (bytes: Uint8Array<ArrayBuffer>, type: string) =>
      (await collect(single, fakeFetch(() => new Response(bytes, { headers: { "content-type": type } })).fetch)).records[0];
    expect(await read(utf8, "application/json")).toEqual({ name: "café" });
    expect(await read(utf8, "application/vnd.api+json")).toEqual({ name: "café" });
    expect(await read(utf8, "text/plain")).toEqual({ name: "cafÃ©" });
    expect(await read(utf8, "text/html; charset=utf-8")).toEqual({ name: "café" });
    expect(await read(latin1, "application/json; charset=windows-1252")).toEqual({ name: "café", price: "€5" });
    expect(await read(utf8, "application/json; charset=no-such-charset")).toEqual({ name: "café" });
    // ISO-8859-1 (requests' default for text/…) keeps 0x80 a control character, as Python's codec does.
    expect(await read(latin1, "text/plain")).toEqual({ name: "café", price: "\u00805" });
  });

  it("an empty 200 or 204 body fails as dlt's extract fails on it; a response action that ignores the status lets it pass", async () => {
    for (const status of [200, 204]) {
      const run = await collect(single, fakeFetch(() => new Response(null, { status })).fetch);
      expect(run.errors[0]).toMatchObject({ code: "invalid_json", status });
      expect(run.errors[0]!.message).toContain(`{"status_code": ${status}, "action": "ignore"}`);
    }
    const ignoring = one({ paginator: "single_page", response_actions: [{ status_code: 204, action: "ignore" }] });
    const ok = await collect(ignoring, fakeFetch(() => new Response(null, { status: 204 })).fetch);
    expect([ok.errors, ok.records]).toEqual([[], []]);
  });

  it("invalid_json's 200-character start", async () => {
    const run = await collect(single, fakeFetch(() => new Response(around(200))).fetch, { secrets: { s: SECRET } });
    expect(run.errors[0]!.code).toBe("invalid_json");
    expect(run.errors[0]!.message).not.toContain(first);
  });

  it("invalid_json's parse error does not quote the body's start unmasked (V8 quotes 10 characters: a secret's prefix)", async () => {
    const run = await collect(single, fakeFetch(() => new Response(`${SECRET} oops`)).fetch, { secrets: { s: SECRET } });
    expect(run.errors[0]!.code).toBe("invalid_json");
    expect(run.errors[0]!.message).not.toContain(first);
    expect(run.errors[0]!.message).toContain("(not valid JSON)");
  });

  it("a body preview's 2,000-character cut, for text and for long strings in JSON", async () => {
    const text = await collect(single, fakeFetch(() => new Response(around(2000), { status: 200 })).fetch, { secrets: { s: SECRET } });
    expect(JSON.stringify(text.of("response")[0]!.body_preview)).not.toContain(first);
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: i, note: around(2000) }));
    const big = await collect(single, fakeFetch(() => json({ data: rows })).fetch, { secrets: { s: SECRET } });
    const preview = JSON.stringify(big.of("response")[0]!.body_preview);
    expect(big.of("response")[0]!.body_truncated).toBe(true);
    expect(preview).not.toContain(first);
  });

  it("a paginator error's 200-character snippet of the body", async () => {
    const body = { data: [{ id: 1 }], blob: around(200).slice(20) };
    const run = await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 10 } }), fakeFetch(() => json(body)).fetch, {
      secrets: { s: SECRET },
    });
    expect(run.errors[0]!.code).toBe("paginator_error");
    expect(run.errors[0]!.message).not.toContain(first);
  });
});
