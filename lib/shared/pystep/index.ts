/** A safe, bounded Python subset for processing steps: compiled by lib/formats/python-step.ts, run here. */
export type * from "./ast";
export { BUILTINS } from "./builtins";
export { ANY_KEYWORDS, METHOD_KEYWORDS, METHOD_NAMES } from "./methods";
export { ATTRIBUTE_NAMES } from "./attrs";
export { DATE_KEYWORDS, DATE_METHODS } from "./dates";
export { BudgetExceeded, Interpreter, MAX_DEPTH, STEP_BUDGET } from "./eval";
export type { Module } from "./scope";
export { SizeExceeded } from "./ops";
export { fromPy, NestedTooDeep, toPy, type FromPy } from "./json";
export { mayMutate } from "./mutates";
export {
  EXCEPTION_BASES,
  MODULE_EXCEPTIONS,
  NotModelled,
  PyDict,
  PyError,
  PyFloat,
  PyTuple,
  PySet,
  iterate,
  repr,
  truthy,
  typeName,
  type PyVal,
} from "./values";
