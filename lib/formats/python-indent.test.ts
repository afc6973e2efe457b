import { describe, expect, it } from "vitest";
import { parsePython } from "./python";
import { applyEdits } from "../config/fixes";

const FILE =
  "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\n" +
  'source = rest_api_source({"client": {"base_url": "https://x"}, "resources": ["a"]})\n';

const errors = (text: string) => parsePython(text).diagnostics.filter((d) => d.code === "syntax_error");

describe("indentation Python refuses (IndentationError) and lezer reads", () => {
  it("a top-level statement indented past the others: unexpected indent, with a fix that removes it", () => {
    const text = `    ${FILE}`;
    const [e, ...rest] = errors(text);
    expect(rest).toEqual([]);
    expect(e?.message).toContain("unexpected indent at line 1, column 5");
    expect(applyEdits(text, e!.fixes![0]!.edits)).toBe(FILE);
    expect(errors(FILE.replace("\nsource", "\n  source"))[0]?.message).toContain("unexpected indent at line 4, column 3");
  });

  it("a dedent to no enclosing level: unindent does not match", () => {
    const text = `def f():\n    a = 1\n  b = 2\n${FILE}`;
    expect(errors(text).map((e) => e.message)).toEqual([
      "Python syntax error: unindent does not match any outer indentation level at line 3, column 3 — " +
        "indent it as the block above, or as the statements around it.",
    ]);
  });

  it("a fragment pasted from inside a function (every statement indented alike), brackets and comments: no error", () => {
    expect(errors('    config = {\n        "client": {"base_url": "https://x"},\n        "resources": ["a"],\n    }\n    x = 1\n')).toEqual(
      [],
    );
    expect(errors(FILE.replace('"client"', '\n      "client"'))).toEqual([]);
    expect(errors(`  # a comment\n${FILE}`)).toEqual([]);
    expect(errors(`def f():\n    a = 1\n    if a:\n        b = 2\n    c = 3\n${FILE}`)).toEqual([]);
  });
});
