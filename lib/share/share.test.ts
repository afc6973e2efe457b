/** Share links hold no secret value (planted in every place a config can carry one) and restore what was shared. */
import { decompressFromEncodedURIComponent } from "lz-string";
import { describe, expect, it } from "vitest";
import { validateText } from "../config";
import { EXAMPLES } from "../examples";
import { MAX_LINK_LENGTH, readShareFile, readShareFragment, shareConfig } from "./index";

const PLANTED = [
  "tok-9f8e7d6c5b4a",
  "key-0a1b2c3d4e5f",
  "pw-correct-horse",
  "cs-5ecr3t-value",
  "ci-my-client-id",
  "hdr-bearer-xyz987",
  "qp-apikey-4242",
  "url-key-7777",
  "body-pass-1234",
  "uinfo-pass-555",
  "path-token-3131",
  "nested-key-2727",
];

const JSON_CONFIG = `{
  "client": {
    "base_url": "https://user:${PLANTED[9]}@api.example.com/v1?api_key=${PLANTED[7]}",
    "auth": {"type": "oauth2_client_credentials", "access_token_url": "https://api.example.com/token", "client_id": "${PLANTED[4]}", "client_secret": "${PLANTED[3]}"},
    "headers": {"Authorization": "Bearer ${PLANTED[5]}", "Accept": "application/json"}
  },
  "resources": [
    {"name": "a", "endpoint": {"path": "a", "auth": {"type": "bearer", "token": "${PLANTED[0]}"}, "params": {"api_key": "${PLANTED[6]}", "page_size": 10}}},
    {"name": "b", "endpoint": {"path": "b", "method": "POST", "json": {"password": "${PLANTED[8]}", "q": "x"}, "auth": {"type": "api_key", "api_key": "${PLANTED[1]}"}}},
    {"name": "c", "endpoint": {"path": "c", "auth": {"type": "http_basic", "username": "me", "password": "${PLANTED[2]}"}}},
    {"name": "d", "endpoint": {"path": "d?access_token=${PLANTED[10]}", "method": "POST", "json": {"login": {"apiKey": "${PLANTED[11]}"}}}}
  ]
}`;

const decoded = (url: string) => decompressFromEncodedURIComponent(url.slice(url.indexOf("#share=") + 7));

describe("share links", () => {
  it.each(["json", "yaml", "python"] as const)("hold none of the planted secrets (%s), and the config stays valid", async (format) => {
    const { convertDocument } = await import("../formats");
    const converted = format === "json" ? { ok: true as const, text: JSON_CONFIG } : convertDocument(JSON_CONFIG, "json", format);
    if (!converted.ok) throw new Error(converted.reason);
    const { offer, replaced, shared } = shareConfig("https://restplay.example/?x=1#old", converted.text, format);
    expect(offer.kind).toBe("link");
    const payload = offer.kind === "link" ? decoded(offer.url) : "";
    for (const secret of PLANTED) expect(payload, secret).not.toContain(secret);
    expect(replaced.length).toBeGreaterThanOrEqual(11);
    expect(validateText(shared.text, format).valid).toBe(true);
    expect(shared.text).toContain(format === "python" ? 'dlt.secrets["client_secret"]' : "$secret");
  });

  it("scrub a pasted Markdown document through its config block, and say when a text with syntax errors is not fully checked", () => {
    const md =
      "Here is my config\n\n```json\n" +
      '{"client": {"base_url": "https://x", "auth": {"type": "bearer", "token": "tok-md-4242"}}, "resources": ["a"]}\n```\n';
    const fromMd = shareConfig("https://restplay.test/", md, undefined);
    expect(fromMd.shared.text).not.toContain("tok-md-4242");
    expect(fromMd.shared.text).toContain("Here is my config");
    expect([fromMd.replaced, fromMd.checked]).toEqual([["/client/auth/token"], true]);
    // One indentation slip folds `token:` into `type`'s value: not read as a key — and said so. The text is
    // scrubbed by name as well, so the literal is not in the link either.
    const slip = "client:\n  base_url: https://x\n  auth:\n    type: bearer\n     token: tok-slip-5\nresources: [a]\n";
    const slipped = shareConfig("https://restplay.test/", slip, "yaml");
    expect([slipped.checked, slipped.replaced]).toEqual([false, ["line 5: token"]]);
    expect(slipped.shared.text).toContain("     token: {$secret: token}\n");
    expect(slipped.offer.kind === "link" ? decoded(slipped.offer.url) : "").not.toContain("tok-slip-5");
    const clean = shareConfig("https://restplay.test/", JSON_CONFIG, "json");
    expect(clean.checked).toBe(true);
    // A key given twice (only the last value is read) and a second Markdown block are not fully checked either.
    const twice =
      "client:\n  base_url: https://x\n  auth:\n    type: bearer\n    token: tok-first-77\n    token: tok-second-88\nresources: [a]\n";
    const both = shareConfig("https://restplay.test/", twice, "yaml");
    expect(both.checked).toBe(false);
    expect(both.shared.text).not.toMatch(/tok-first-77|tok-second-88/);
    // Names of places (a token's URL, a cursor's path) are not credentials: their values stay.
    const places =
      "client:\n  base_url: https://x\n  auth:\n    type: oauth2\n    token_url: https://login.x/token\n     client_secret: cs-77\n" +
      "  paginator: {type: cursor, cursor_path: next_token, cursor_param: token}\nresources: [a]\n";
    const scrubbed = shareConfig("https://restplay.test/", places, "yaml").shared.text;
    expect(scrubbed).toContain("token_url: https://login.x/token");
    expect(scrubbed).toContain("cursor_path: next_token, cursor_param: token}");
    expect(scrubbed).not.toContain("cs-77");
    expect(shareConfig("https://restplay.test/", `${md}\nAnd another:\n\n\`\`\`json\n{"a": 1}\n\`\`\`\n`, undefined).checked).toBe(false);
  });

  it("restore text, format and example; the page's own fragment is replaced", () => {
    const example = EXAMPLES[4];
    if (!example) throw new Error("no example");
    const { offer } = shareConfig("https://restplay.example/#anything", example.text, "python", example.id);
    if (offer.kind !== "link") throw new Error("expected a link");
    expect(offer.url.startsWith("https://restplay.example/#share=")).toBe(true);
    expect(readShareFragment(offer.url.slice(offer.url.indexOf("#")))).toEqual({
      ok: true,
      shared: { restplay: 1, format: "python", text: example.text, example: example.id },
    });
  });

  it("fall back to a .restplay.json file when too long, which restores the same", () => {
    const many = Array.from({ length: 2000 }, (_, i) => `{"name": "r${i}-${Math.sin(i).toString(36)}", "endpoint": "p${i}"}`).join(",\n");
    const { offer } = shareConfig(
      "https://restplay.example/",
      `{"client": {"base_url": "https://x.example"}, "resources": [${many}]}`,
      "json",
    );
    if (offer.kind !== "file") throw new Error("expected a file");
    expect(offer.linkLength).toBeGreaterThan(MAX_LINK_LENGTH);
    expect(offer.filename).toMatch(/\.restplay\.json$/);
    const restored = readShareFile(offer.text);
    expect(restored.ok && restored.shared.format).toBe("json");
  });

  it("say what is wrong with a damaged link or a foreign file", () => {
    expect(readShareFragment("#other")).toBeNull();
    expect(readShareFragment("#share=@@@")).toMatchObject({ ok: false, message: expect.stringContaining("damaged") });
    expect(readShareFile('{"restplay": 2}')).toMatchObject({ ok: false, message: expect.stringContaining('expected {"restplay": 1') });
  });
});
