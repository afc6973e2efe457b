import { describe, expect, it } from "vitest";
import { validateText } from "@/lib/config";
import { positionAt, type Diagnostic } from "@/lib/formats";
import { countsText, groupProblems, matchesFilter, problemCounts } from "./group";

const YAML =
  "client:\n  base_url: https://lab.example.com\nresources:\n  - name: items\n    primary_key: id\n    endpoint:\n      path: /cursor/items\n      data_selector: data\n      paginator:\n        type: cursor\n        cursor_path: cursors.next\n        cursor_param: cursor\n";

const d = (severity: Diagnostic["severity"], code: string, start: number, end = start + 1): Diagnostic => ({
  severity,
  code,
  message: code,
  path: "",
  range: { start, end },
});

const shape = (text: string) =>
  groupProblems(text, validateText(text).diagnostics).map((g) => ({
    root: `${g.root.code}@${positionAt(text, g.root.range.start).line}`,
    folded: g.consequences.map((c) => c.code),
  }));

describe("groupProblems", () => {
  it("folds a YAML indentation slip's consequences under its first syntax error", () => {
    const groups = shape(YAML.replace("      data_selector", "     data_selector"));
    expect(groups).toEqual([{ root: "syntax_error@8", folded: ["unknown_key", "syntax_error"] }]);
  });

  it("a dedented list item: one root, every consequence on its line folded", () => {
    const groups = shape(YAML.replace("  - name: items", "  - name: items\n   write_disposition: merge"));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.root).toBe("syntax_error@5");
    expect(groups[0]?.folded).toContain("missing_resource_name");
    expect(groups[0]?.folded.filter((c) => c === "syntax_error").length).toBe(2);
  });

  it("puts the Python syntax error first, before the value it made unreadable", () => {
    const text = 'source = rest_api_source({\n  "client": {"base_url": "https://x"},\n  "resources": [{"name": "a", "endpoint": "b"}\n})\n';
    expect(shape(text)).toEqual([{ root: "syntax_error@4", folded: ["invalid_type", "python_not_executed"] }]);
  });

  it("folds a required key reported missing under a slip after it (the key is in the text it made unreadable)", () => {
    const text = 'source = rest_api_source({\n  "client": {"base_url: "https://x"},\n  "resources": [{"name": "a", "endpoint": "b"}]\n})\n';
    const groups = shape(text);
    expect(groups[0]?.root).toBe("syntax_error@2");
    expect(groups[0]?.folded).toContain("missing_key");
    expect(groups.map((g) => g.root.split("@")[0])).not.toContain("missing_key");
    // The parser's second error, on the next line the unreadable value reaches, is folded too.
    expect(groups).toHaveLength(1);
  });

  it("sorts errors, then warnings, then infos, each by position; unrelated problems stand alone", () => {
    const text = "a\nb\nc\nd\n";
    const groups = groupProblems(text, [d("info", "i", 0), d("warning", "w2", 6), d("error", "e", 4), d("warning", "w1", 2)]);
    expect(groups.map((g) => g.root.code)).toEqual(["e", "w1", "w2", "i"]);
    expect(groups.every((g) => g.consequences.length === 0)).toBe(true);
  });

  it("keeps syntax errors on separate lines as separate roots", () => {
    const text = "a\nb\nc\nd\n";
    const groups = groupProblems(text, [d("error", "syntax_error", 0), d("error", "syntax_error", 6)]);
    expect(groups).toHaveLength(2);
  });
});

describe("counts and filter", () => {
  it("counts every diagnostic, folded ones included", () => {
    const list = [d("error", "a", 0), d("error", "b", 1), d("warning", "c", 2), d("info", "x", 3)];
    expect(problemCounts(list)).toEqual({ errors: 2, warnings: 1, infos: 1 });
    expect(countsText(problemCounts(list))).toBe("2 errors, 1 warning, 1 info");
    expect(countsText({ errors: 0, warnings: 0, infos: 0 })).toBe("0 errors, 0 warnings");
  });

  it("matches message, code, path and line:column, case-insensitively", () => {
    const text = "ab\ncd\n";
    const p: Diagnostic = {
      severity: "error",
      code: "unknown_key",
      message: "Unknown key `limt`",
      path: "/client/paginator",
      range: { start: 4, end: 5 },
    };
    expect(matchesFilter(text, p, "LIMT")).toBe(true);
    expect(matchesFilter(text, p, "unknown_")).toBe(true);
    expect(matchesFilter(text, p, "paginator")).toBe(true);
    expect(matchesFilter(text, p, "2:2")).toBe(true);
    expect(matchesFilter(text, p, "offset")).toBe(false);
    expect(matchesFilter(text, p, "  ")).toBe(true);
  });
});
