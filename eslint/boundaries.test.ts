/**
 * Probes for the import boundaries (issue #14): each forbidden import, written into a probe file at a
 * real module path, must be refused by `npm run lint`; each allowed one must pass. The probes are
 * linted in memory (`lintText` with a file path), so no file is written.
 */
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { LAYERS } from "./boundaries.mjs";

const cwd = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, { filePath: `${cwd}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "restplay/boundaries").map((m) => m.message);
}

const refused: [string, string, string][] = [
  ["lib/config/__probe__.ts", 'import { Playground } from "../../app/_components/Playground";', "lib/config may import app/ (relative)"],
  ["lib/config/rules/__probe__.ts", 'import { x } from "@/app/api/run/route";', "lib/config may import app/ (alias)"],
  ["lib/mocks/__probe__.ts", 'import { extract } from "../engine";', "lib/mocks may import lib/engine"],
  ["lib/mocks/__probe__.ts", 'import { extract } from "@/lib/engine";', "lib/mocks may import lib/engine (alias)"],
  ["lib/engine/__probe__.ts", 'import { validateText } from "../config";', "lib/engine may import runtime code from lib/config"],
  [
    "lib/engine/paginators/__probe__.ts",
    'import { RestApiConfigSchema } from "../../config/schema";',
    "lib/engine may import zod schemas from lib/config",
  ],
  ["lib/engine/__probe__.ts", 'import { z } from "zod";', "lib/engine may import zod"],
  ["lib/engine/__probe__.ts", 'import { readFileSync } from "node:fs";', "lib/engine may import node:*"],
  ["lib/engine/__probe__.ts", 'import { request } from "undici";', "lib/engine may import undici"],
  ["lib/engine/__probe__.ts", 'import { createLiveFetch } from "../net";', "lib/engine may import lib/net"],
  ["lib/run/__probe__.ts", 'import { createLiveFetch } from "../net";', "lib/run may import lib/net"],
  ["lib/preview/__probe__.ts", 'import { extract } from "../engine";', "lib/preview may run the engine"],
  ["lib/formats/__probe__.ts", 'import { validateText } from "../config";', "lib/formats may import lib/config"],
  ["lib/shared/__probe__.ts", 'import type { Json } from "../engine";', "lib/shared may import another module"],
  ["lib/cli/__probe__.ts", 'import { fakeFetch } from "../testing/engine";', "production code may import test scaffolding"],
  ["lib/run/__probe__.ts", 'import { useState } from "react";', "lib/run may import react"],
  ["app/_components/__probe__.tsx", 'import { resolveConfig } from "@/lib/engine/resolve";', "app may reach past a module's index"],
  ["app/_components/header/__probe__.tsx", 'import * as monaco from "monaco-editor";', "app may import monaco outside the editor"],
];
const allowed: [string, string, string][] = [
  ["lib/engine/__probe__.ts", 'import type { RestApiConfig } from "../config/schema";', "engine: config types"],
  ["lib/engine/__probe__.ts", 'import { type RestApiConfig } from "../config";', "engine: inline type-only import"],
  ["lib/engine/paginators/__probe__.ts", 'import { bodyPreview } from "../body-preview";', "engine: its own preview.ts is not lib/preview"],
  ["lib/engine/__probe__.ts", 'import { Masker } from "../shared";', "engine: the shared vocabulary"],
  ["lib/run/__probe__.ts", 'import { extract } from "../engine";', "run: the engine"],
  ["lib/net/__probe__.ts", 'import { request } from "undici";', "net: undici"],
  ["lib/mocks/__probe__.test.ts", 'import { extract } from "../engine";', "a test may use any lib module"],
  ["app/_components/editor/__probe__.tsx", 'import * as monaco from "monaco-editor";', "the editor imports monaco"],
  ["app/_components/__probe__.tsx", 'import { extract } from "@/lib/engine";', "app: a module's index"],
];

describe("import boundaries (eslint/boundaries.mjs)", () => {
  for (const [file, code, what] of refused) {
    it(`refuses: ${what}`, async () => {
      expect(await problems(file, code)).not.toEqual([]);
    });
  }
  for (const [file, code, what] of allowed) {
    it(`allows: ${what}`, async () => {
      expect(await problems(file, code)).toEqual([]);
    });
  }
  it("every lib module is in the table", async () => {
    const { readdirSync, statSync } = await import("node:fs");
    const modules = readdirSync(`${cwd}lib`).filter((d) => statSync(`${cwd}lib/${d}`).isDirectory());
    expect(modules.sort()).toEqual(Object.keys(LAYERS).sort());
  });
});
