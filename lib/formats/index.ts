/**
 * lib/formats: text <-> document with exact source ranges for JSON, YAML and Python dicts, plus
 * deterministic writers. Parsing never throws: every problem in the text is a Diagnostic.
 */

export type * from "./types";
export { detectFormat } from "./detect";
export { FORMAT_NAMES, sniffFormat } from "./sniff";
export { parseDocument } from "./parse";
export { fencedBlock, markdownBlock } from "./markdown";
export { pythonCodeOnly } from "./python-scan";
export { positionAt, offsetAt } from "./positions";
export { findNode, findEntry, nearestNode, toPlain, pointerFromPath, pointerToString, parsePointer } from "./pointer";
export { writeJson, writeYaml } from "./writers";
export { plainYamlText } from "./yaml-1-1";
export { joinedParts, joinedWithPlus, pyFormatString, pyRef, writePythonLiteral } from "./python-writer";
export { callsRestApi, completeFile, freeNames, makesPipeline, mergeImports, moduleConfigName, moduleSourceName } from "./python-export";
export { DLT_CLASSES, classOfType, dltClass, type DltClass, type DltParam } from "./python-classes";
export { compileExpression, compileModule, compileStep, type CompiledModule, type CompiledStep } from "./python-step";
export { MAX_ALIAS_VALUES, MAX_DEPTH, MAX_KEY_LENGTH, MAX_SYNTAX_ERRORS, MAX_VALUES } from "./limits";

export { convertDocument, countComments, describeLoss, type Conversion, type ConversionLoss } from "./convert";
