/** Issue 12: the response event's `body_preview` is built on first read, and reads as a plain field. */
import { describe, expect, it } from "vitest";
import { Masker } from "../shared";
import { withBodyPreview } from "./body-preview";

const SECRET = "sk-live-0123456789abcdef";

describe("withBodyPreview", () => {
  it("builds the masked preview once, on first read, and JSON.stringify and spreads see it", () => {
    const masker = new Masker([SECRET]);
    const text = JSON.stringify({ data: [{ token: SECRET }] });
    const event = withBodyPreview({ type: "response", status: 200 }, masker, JSON.parse(text) as never, text, true);
    const first = event.body_preview;
    expect(first).toEqual({ data: [{ token: "s*****f" }] });
    expect(event.body_preview).toBe(first);
    expect(JSON.parse(JSON.stringify(event))).toEqual({ type: "response", status: 200, body_preview: { data: [{ token: "s*****f" }] } });
    expect({ ...event }.body_preview).toBe(first);
  });

  it("leaves both fields undefined for an empty body (JSON has neither)", () => {
    const event = withBodyPreview({ type: "response" }, new Masker([]), undefined, "", false);
    expect(event.body_preview).toBeUndefined();
    expect(JSON.stringify(event)).toBe('{"type":"response"}');
  });
});
