/**
 * How much the spec mock (lib/mocks/spec) builds, in one home for the mock that enforces it and the importers
 * that write its plans (lib/importers): a generated record is built whole and copied into every response, so
 * a small plan must not describe gigabytes (a dereferenced OpenAPI document shares its schemas: a few KB of
 * `$ref`s can describe billions of fields).
 */
import { braceSpans, type BraceSpan } from "./text";

/** Deepest level of a record the mock fills: a value below it is `null`. */
export const MAX_SHAPE_DEPTH = 8;
/** Most values one record of a shape may hold (`recordValues`). */
export const MAX_RECORD_VALUES = 1_000;
/** Most values an endpoint's records may hold together (records × `recordValues`), per parent for a nested path. */
export const MAX_ENDPOINT_VALUES = 50_000;
/** Longest example record, as JSON text: every generated record is a copy of one, written into each response. */
export const MAX_EXAMPLE_CHARS = 10_000;

/** A record shape as far as counting goes (lib/mocks' `MockShape`). */
export interface CountedShape {
  readonly type: string;
  readonly properties?: Readonly<Record<string, CountedShape>>;
  readonly items?: CountedShape;
}

/**
 * The values one record of `shape` holds as the mock builds it: each node one, an array's items twice (it makes
 * one or two), nothing below `MAX_SHAPE_DEPTH`. Counting stops past `cap` (the result is then above it).
 */
export function recordValues(shape: CountedShape, cap = MAX_RECORD_VALUES): number {
  let total = 0;
  const stack: [CountedShape, number, number][] = [[shape, 0, 1]];
  while (stack.length > 0 && total <= cap) {
    const [s, depth, times] = stack.pop() as [CountedShape, number, number];
    total += times;
    if (depth > MAX_SHAPE_DEPTH) continue;
    if (s.type === "object" && s.properties) for (const child of Object.values(s.properties)) stack.push([child, depth + 1, times]);
    else if (s.type === "array" && s.items) stack.push([s.items, depth + 1, times * 2]);
  }
  return total;
}

/** Longest endpoint path and base URL a plan holds. */
export const MAX_MOCK_URL = 500;

/**
 * What keeps the mock from serving `path` (below its base URL), said to follow "its path has", or `null`: it
 * starts with `/`, is at most `MAX_MOCK_URL` characters, and has text between any two path parameters
 * (`/{name}{ext}` cannot be told apart: the mock's router, MSW's, refuses such a route on every request).
 */
export function mockPathProblem(path: string): string | null {
  if (!path.startsWith("/")) return "no leading `/`";
  if (path.length > MAX_MOCK_URL) return `more than ${MAX_MOCK_URL} characters`;
  const spans = braceSpans(path, true);
  for (let i = 1; i < spans.length; i++)
    if ((spans[i] as BraceSpan).start === (spans[i - 1] as BraceSpan).end)
      return "two path parameters with no text between them (`{a}{b}`): the mock cannot tell where one ends";
  return null;
}
