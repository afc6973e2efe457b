/** A seed document pasted whole: the editor says its config is the fenced block, and the fix keeps only that. */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SEEDS_DIR, seedBlocks } from "../testing/seeds";
import { applyEdits, validateText } from "./index";

const documents = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((file) => readFileSync(resolve(SEEDS_DIR, file), "utf8"));

describe("a whole seed document in the editor", () => {
  it.each(documents.map((text, i) => [i, text] as const))(
    "seed %i: warned, and the fix leaves the config block, which validates",
    (i, text) => {
      const d = validateText(text).diagnostics.find((x) => x.code === "markdown_document");
      expect(d?.message).toContain("Markdown document");
      const fixed = applyEdits(text, d!.fixes![0]!.edits);
      expect(fixed).toBe(seedBlocks()[i]!.code);
      expect(validateText(fixed).valid).toBe(true);
      expect(validateText(fixed).diagnostics.some((x) => x.code === "markdown_document")).toBe(false);
    },
  );

  it("a config that parses is not a Markdown document, whatever fences its strings hold", () => {
    const text = 'source = rest_api_source({"client": {"base_url": "https://x.example"}, "resources": ["a"]})  # ```python\n';
    expect(validateText(text).diagnostics.map((x) => x.code)).not.toContain("markdown_document");
  });
});
