/**
 * JSONPath as dlt 1.26 reads it: jsonpath-ng's "ext" dialect (`jsonpath_ng.ext.parse`), with its
 * lexer's order and PLY's own tables, so restplay accepts and refuses the paths dlt does.
 */
export { JsonPathSyntaxError, type Token } from "./lexer";
export { MAX_PATH_DEPTH, parseJsonPath, type FilterExpression, type Operand, type PathNode } from "./parser";
export { findValues, hasIntersect, hasRegex, JsonPathEvalError, type Texts } from "./find";
export { REGEX_PATH_MS, withinTime } from "./time-limit";
export { jsonPathName, jsonPathOf, refusedMessage, shownPath } from "./names";
