/**
 * lib/shared: the zod-free vocabulary and small pure helpers every other lib module may use (it
 * imports nothing from lib): objects built from untrusted keys, the secrets vocabulary, masking.
 */
export { PROTOTYPE_KEYS, isPrototypeKey, setOwn, getOwn, mergeByName, mergeLayers, type Layers } from "./objects";
export {
  CREDENTIAL_FIELDS,
  SENSITIVE_BODY_KEYS,
  SENSITIVE_HEADERS,
  isCredentialHeader,
  isCredentialName,
  SENSITIVE_KEYS,
  SENSITIVE_PARAMS,
  DLT_MASKED_AUTH_KEYS,
  maskSecret,
  missingAuthFieldsMessage,
  REQUIRED_AUTH_FIELDS,
  secretEnvName,
  secretLookupNames,
  sectionFallbacks,
  moduleOfFile,
  isSettingsTable,
  settingsNode,
  pyUnquote,
  splitUserInfo,
} from "./secrets";
export { base64, base64Bytes, Masker, redactUrl, stripHttpWhitespace } from "./mask";
export { braceSpans, hasLineTerminator, isJsSpace, replaceBraces, spaceBeforeHash, trimChars, trimWhere, type BraceSpan } from "./text";
export { BASE64_ALPHABET, digest128, shake128 } from "./shake";
export { byCodePoint, orjsonFloat, pyFloatRepr, pyIntFromText, pyIntText, pyRepr, pyStr, type PyValue } from "./python";
export { DLT_LIST_KEYS } from "./records";
export {
  DLT_VERSION,
  dltAutoCast,
  dltAutoCastType,
  dltConfigValue,
  dltHanded,
  heldDate,
  str2bool,
  type HeldDate,
  type HeldValue,
  type HeldValues,
} from "./dlt";
export {
  MAX_ENDPOINT_VALUES,
  MAX_EXAMPLE_CHARS,
  MAX_MOCK_URL,
  MAX_RECORD_VALUES,
  MAX_SHAPE_DEPTH,
  mockPathProblem,
  recordValues,
  type CountedShape,
} from "./mock-bounds";
export { mergeStrategy, ownsTable } from "./hints";
export {
  floatSpelling,
  depthAtLeast,
  nestedAtLeast,
  openersUpTo,
  ORJSON_DEPTH,
  parseBody,
  parseJson,
  parseLossless,
  sideTables,
  type SideTables,
  PYTHON_JSON_DEPTH,
  nonFiniteText,
  DATE_SPELLING,
  DATETIME_SPELLING,
  BYTES_SPELLING,
  TIME_SPELLING,
  parsePythonBody,
  spellable,
  type Json,
  type NumberText,
} from "./json";
export { isIndexKey, isKeyOrder, keysInOrder, orderedKeys, subOrder, type KeyOrder } from "./key-order";
export { evaluateInitialValue } from "./python-dates";
export { pyParsedateSeconds, type PyRaised } from "./py-parsedate";
export {
  isPyNumber,
  jsonShown,
  PY_NUMBER,
  pyIntJson,
  pyIntOf,
  pyJsonDumps,
  pyNumbersAsText,
  pyNumberValue,
  pyTruthy,
  pyTypeOf,
  sentNumber,
  type PyNumber,
} from "./py-numbers";
export { pyHasScheme, pyPrepareUrl, pyQuotePlus, pyRedirectTarget, pyRequoteUri, pyUrlencode, pyUrljoin } from "./py-url";
export { dltGet, pyCast, readRef, refTruth, type CastOutcome, type RefRead } from "./py-cast";
export {
  CAST_KEY,
  CASTS,
  GET_KEY,
  PARAM_KEY,
  isParam,
  GET_TYPES,
  isGet,
  MARKERS,
  hasMarker,
  isCast,
  isMarker,
  isFormat,
  isPython,
  isRef,
  isRefOrFormat,
  isSpecial,
  joinFormat,
  markedAs,
  markerOf,
  refOf,
  refSpelling,
  refsIn,
  refValue,
  soleMarker,
  type FormatPart,
  type FormatValue,
  type Marker,
  type PythonValue,
  type RefKind,
  type RefCast,
  type GetType,
  type RefGet,
  type RefParam,
  type RefOf,
  type RefMarker,
  type RefValue,
  type SpecialValue,
} from "./markers";
