/** Which module-level names a processing step reads with it (python-step-module.ts): the statements handed to the step. */
import { describe, expect, it } from "vitest";
import { findNode, parseDocument } from "./index";

/** The module statements the config's `step` value carries. */
function reads(module: string, step = "lambda x: x['id'] in KEEP"): string[] {
  const doc = parseDocument(
    `${module}\nsource = rest_api_source({"resources": [{"name": "a", "processing_steps": [{"map": ${step}}]}]})\n`,
    "python",
  );
  const node = findNode(doc.root!, "/resources/0/processing_steps/0/map");
  return node?.kind === "python" ? (node.module ?? []).map((m) => m.text) : [];
}

describe("the module a step reads", () => {
  it("gives the constants and functions it reads, through one another, in file order", () => {
    const module = "BASE = 2\nKEEP = {BASE, BASE * 2}\nOTHER = 1\ndef helper(x):\n    return x['id'] in KEEP\n";
    expect(reads(module, "helper")).toEqual(["BASE = 2", "KEEP = {BASE, BASE * 2}", "def helper(x):\n    return x['id'] in KEEP\n"]);
    expect(reads(module)).toEqual(["BASE = 2", "KEEP = {BASE, BASE * 2}"]);
  });
  it.each([
    ["assigned twice", "KEEP = {1}\nKEEP = {2}\n"],
    ["inside an if", "if True:\n    KEEP = {1}\n"],
    ["rebound by `+=`", "KEEP = [1]\nKEEP += [2]\n"],
    ["rebound through `global`", "KEEP = [1]\ndef f():\n    global KEEP\n    KEEP = []\n"],
    ["changed at module level", "KEEP = [1]\nKEEP.append(2)\n"],
    ["changed at module level by subscript", "KEEP = {}\nKEEP['a'] = 1\n"],
    ["imported", "from x import KEEP\n"],
    ["chained", "KEEP = OTHER = {1}\n"],
  ])("leaves out a name %s (the step then says it does not know it)", (_, module) => {
    expect(reads(module)).toEqual([]);
  });
  it("keeps a constant a function changes when it runs (the run shares it)", () => {
    expect(reads("KEEP = set()\ndef seen(x):\n    KEEP.add(x['id'])\n    return True\n", "seen")).toEqual([
      "KEEP = set()",
      "def seen(x):\n    KEEP.add(x['id'])\n    return True\n",
    ]);
  });
});
