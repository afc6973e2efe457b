/** The source excerpt's carets stand under the range in a terminal, whatever characters come before it. */
import { describe, expect, it } from "vitest";
import stringWidth from "string-width";
import { formatDiagnostic } from "./diagnostics";
import { styleFor } from "./io";
import type { Diagnostic } from "../formats";

const plain = styleFor({ write: () => undefined, isTTY: false }, {});

/** The excerpt's source line and caret line, each without the gutter (`N | `). */
function excerpt(text: string, token: string): { source: string; carets: string } {
  const start = text.indexOf(token);
  const d: Diagnostic = {
    severity: "error",
    code: "unknown_key",
    message: "Unknown key",
    path: "",
    range: { start, end: start + token.length },
  } as Diagnostic;
  const lines = formatDiagnostic(d, text, "f.json", plain).split("\n");
  const strip = (l: string) => l.slice(l.indexOf("|") + 2);
  return { source: strip(lines[1]!), carets: strip(lines[2]!) };
}

describe("formatDiagnostic's carets", () => {
  it("line up after wide characters (CJK, emoji): as many cells of indent as the text before takes", () => {
    for (const name of ["日本語データ", "🚀🚀", "données", "plain"]) {
      const text = `{"resources": [{"name": "${name}", "endpoint": {"pathh": "x"}}]}`;
      const { source, carets } = excerpt(text, '"pathh"');
      const before = source.slice(0, source.indexOf('"pathh"'));
      expect(carets).toBe(`${" ".repeat(stringWidth(before))}^^^^^^^`);
    }
  });

  it("underline a wide token with as many carets as it takes cells, and keep tabs in the indent", () => {
    const { carets } = excerpt('{"name":\t"日本"}', '"日本"');
    expect(carets).toBe(`${" ".repeat(8)}\t${"^".repeat(6)}`);
  });

  it("underline only the token on a long line shown from a window (minified JSON): as many carets as it is long", () => {
    const text = `{"client": {"base_url": "https://a.example/${"x".repeat(300)}"}, "resources": [{"pathh": "x"}]}`;
    const { source, carets } = excerpt(text, '"pathh"');
    expect(source.startsWith("…")).toBe(true);
    expect(carets).toBe(`${" ".repeat(stringWidth(source.slice(0, source.indexOf('"pathh"'))))}^^^^^^^`);
  });
});
