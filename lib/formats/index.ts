/** lib/formats: text <-> document with source ranges (JSON, YAML, Python dict) and writers. */
import { parseJson } from "./json";
import { parsePython } from "./python";
import { parseYaml } from "./yaml";
import { detectFormat } from "./detect";
import type { ParsedDocument, SourceFormat } from "./types";

export type * from "./types";
export { detectFormat } from "./detect";
export { positionAt, offsetAt } from "./positions";
export { findNode, findEntry, nearestNode, toPlain, pointerFromPath, parsePointer } from "./pointer";
export { writeJson, writeYaml, writePythonLiteral } from "./writers";

/** Parses text in the given (or detected) format. Never throws: problems are diagnostics. */
export function parseDocument(text: string, format: SourceFormat = detectFormat(text)): ParsedDocument {
  if (format === "json") return parseJson(text);
  if (format === "yaml") return parseYaml(text);
  return parsePython(text);
}
