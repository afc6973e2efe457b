import { describe, expect, it } from "vitest";
import { EXAMPLES } from "@/lib/examples";
import { codeSpans, plainText } from "./code-spans";

describe("codeSpans", () => {
  it("splits text and `code`", () => {
    expect(codeSpans("records under `data`, merge by `id`.")).toEqual([
      { code: false, text: "records under " },
      { code: true, text: "data" },
      { code: false, text: ", merge by " },
      { code: true, text: "id" },
      { code: false, text: "." },
    ]);
  });
  it("closes a span only with a run of the same length; a longer fence holds a backtick", () => {
    expect(codeSpans("a ``x ` y`` b")).toEqual([
      { code: false, text: "a " },
      { code: true, text: "x ` y" },
      { code: false, text: " b" },
    ]);
    expect(codeSpans("`` `tick` ``")).toEqual([{ code: true, text: "`tick`" }]);
  });
  it("leaves an unclosed backtick as text", () => {
    expect(codeSpans("it's 5` long and `ok`")).toEqual([
      { code: false, text: "it's 5" },
      { code: true, text: "long and" },
      { code: false, text: "ok`" },
    ]);
    expect(codeSpans("one ` alone")).toEqual([{ code: false, text: "one ` alone" }]);
  });
  it("keeps markup as text (nothing but code spans is read)", () => {
    expect(codeSpans("<b>x</b> `<img src=x onerror=alert(1)>`")).toEqual([
      { code: false, text: "<b>x</b> " },
      { code: true, text: "<img src=x onerror=alert(1)>" },
    ]);
  });
  it("reads every example's description to the same words without backticks", () => {
    for (const e of EXAMPLES) {
      const plain = plainText(e.description);
      expect(plain, e.id).not.toContain("`");
      expect(plain.replace(/\s+/g, ""), e.id).toBe(e.description.replace(/[`\s]/g, ""));
    }
  });
});
