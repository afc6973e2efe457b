/** One OpenAPI GET operation as a candidate resource and as an endpoint of the spec mock. */
import type { MockEndpoint } from "../mocks";
import { findRecords, guessIncremental, guessPaging, guessPrimaryKey, type Param } from "./detect";
import { flatten, schemaType, type Source } from "./fields";
import { named, SINCE_PARAMS } from "./hints";
import { exampleRecordsOf, shapeOf } from "./shape";
import type { EndpointDraft, PlainObject } from "./types";
import { arr, configKey, droppedKeyNote, literal, obj, own, singular, snake, str, type Obj } from "./values";
import { jsonPathOf } from "../shared/jsonpath-ng";

export interface Operation {
  readonly path: string;
  readonly op: Obj;
  readonly parameters: readonly Obj[];
}

/** The JSON body of the operation's success response: schema, examples, declared headers. */
function success(op: Obj): { schema: Obj; examples: unknown[]; headers: string[] } | null {
  const responses = obj(own(op, "responses"));
  const code =
    ["200", "201", "2XX", "2xx"].find((c) => own(responses, c) !== undefined) ??
    Object.keys(responses).find((c) => /^2/.test(c)) ??
    "default";
  const response = obj(own(responses, code));
  const content = obj(own(response, "content"));
  const type = Object.keys(content).find((t) => /json/i.test(t)) ?? Object.keys(content).find((t) => t === "*/*");
  if (!type) return null;
  const media = obj(own(content, type));
  const examples = [own(media, "example"), ...Object.values(obj(own(media, "examples"))).map((e) => own(obj(e), "value"))].filter(
    (e) => e !== undefined,
  );
  return {
    schema: flatten(own(media, "schema")),
    examples,
    headers: Object.keys(obj(own(response, "headers"))).map((h) => h.toLowerCase()),
  };
}

function param(p: Obj): Param | null {
  const where = str(own(p, "in"));
  if (where !== "query" && where !== "path" && where !== "header") return null;
  const schema = flatten(own(p, "schema"));
  // A parameter's `example` reaches here as `examples: {default: {value}}` (the document is upgraded to 3.1 first); 3.1's
  // schema `examples` is a list.
  const examples = Object.values(obj(own(p, "examples"))).map((e) => own(obj(e), "value"));
  const pick = [
    own(p, "example"),
    ...examples,
    own(schema, "default"),
    own(schema, "example"),
    arr(own(schema, "examples"))[0],
    arr(own(schema, "enum"))[0],
  ].find((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
  const num = (k: string) => (typeof own(schema, k) === "number" ? (own(schema, k) as number) : undefined);
  return {
    name: str(own(p, "name")) ?? "",
    in: where,
    required: own(p, "required") === true,
    type: schemaType(schema),
    format: str(own(schema, "format")),
    value: pick as string | number | boolean | undefined,
    minimum: num("minimum"),
    maximum: num("maximum"),
  };
}

/** The records of an example body (at the records path), as templates for the mock. */
function exampleRecords(examples: readonly unknown[], path: readonly string[]): Record<string, unknown>[] {
  const at = (v: unknown) => path.reduce<unknown>((o, k) => own(obj(o), k), v);
  return exampleRecordsOf(examples.flatMap((e) => arr(at(e))));
}

/** Static path segments → a resource name: `/users/{id}/posts` → `posts`. */
export function nameFromPath(path: string, entity: boolean): string {
  const segments = path.split("/").filter((s) => s && !s.startsWith("{"));
  const lastStatic = segments[segments.length - 1] ?? "resource";
  return snake(entity ? singular(lastStatic) : lastStatic);
}

export function operationDraft(o: Operation, notes: string[]): { endpoint: EndpointDraft; mock: MockEndpoint } | null {
  const body = success(o.op);
  if (!body) {
    notes.push(`GET ${o.path} has no JSON success response: not imported.`);
    return null;
  }
  const params = o.parameters.map(param).filter((p): p is Param => p !== null && p.name !== "");
  const source: Source = { kind: "schema", schema: body.schema };
  const records = findRecords(source);
  const entity = records === null;
  const name = nameFromPath(o.path, entity);
  const paging = entity ? null : guessPaging(params, source, body.headers, records);
  const incremental = guessIncremental(params, records);
  const recordSource: Source = records?.items ?? source;
  const pk = guessPrimaryKey({ path: [], items: recordSource, evidence: "" }, name);
  const fixed: Record<string, string | number | boolean> = {};
  const notePaging = new Set(Object.keys(paging?.params ?? {}));
  const pagingNames = paging ? pagingParamNames(paging.guess.value) : new Set<string>();
  const dropped = droppedKeyNote(`the parameters of GET ${o.path}`, notes);
  for (const p of params) {
    if (p.in === "header" || pagingNames.has(p.name) || notePaging.has(p.name) || p.name === incremental?.value.param) continue;
    if (p.in !== "path" && !(p.required && !named(SINCE_PARAMS, p.name))) continue;
    const key = configKey(p.name, dropped);
    // A query value is formatted by dlt as its key is: literal braces doubled.
    if (key !== null)
      fixed[key] = p.in === "query" && typeof p.value === "string" ? (literal(p.value) as string) : (p.value ?? (p.in === "path" ? 1 : ""));
  }
  const allParams: PlainObject = {
    ...fixed,
    ...(paging?.params ?? {}),
    ...(incremental?.value.param ? { [incremental.value.param]: "{incremental.start_value}" } : {}),
  };
  const summary = (str(own(o.op, "summary")) ?? str(own(o.op, "operationId")) ?? "").slice(0, 200);
  const endpoint: EndpointDraft = {
    id: `GET ${o.path}`,
    method: "GET",
    path: o.path,
    summary,
    kind: entity ? "entity" : "collection",
    selected: !entity,
    name: { value: name, evidence: `the path's last segment (${o.path})` },
    params: Object.keys(allParams).length ? { value: allParams, evidence: paramEvidence(fixed, paging?.params ?? {}) } : null,
    headers: null,
    json: null,
    data: null,
    data_selector: entity
      ? { value: "$", evidence: "the response is one object (a single entity)" }
      : records
        ? { value: jsonPathOf(records.path), evidence: records.evidence }
        : null,
    paginator: paging ? paging.guess : { value: { type: "single_page" }, evidence: "one object per request" },
    primary_key: pk,
    parent: null,
    incremental,
  };
  const mock: MockEndpoint = {
    path: o.path,
    kind: entity ? "entity" : "collection",
    records_path: entity ? [] : (records?.path.slice() ?? []),
    record: shapeOf(recordSource),
    examples: exampleRecords(body.examples, entity ? [] : (records?.path ?? [])) as MockEndpoint["examples"],
    count: o.path.includes("{") ? 3 : 45,
    paging: paging?.mock ?? { kind: "none" },
    filters: incremental?.value.param ? [{ param: incremental.value.param, field: [incremental.value.cursor_path], op: "gte" }] : [],
  };
  return { endpoint, mock };
}

/** The query parameters a paginator writes itself (they must not be fixed params too). */
export function pagingParamNames(p: PlainObject): Set<string> {
  const names = ["offset_param", "limit_param", "page_param", "cursor_param"]
    .map((k) => p[k])
    .filter((v): v is string => typeof v === "string");
  if (p.type === "offset") names.push("offset", "limit");
  if (p.type === "page_number") names.push("page");
  if (p.type === "cursor") names.push("cursor");
  return new Set(names);
}

function paramEvidence(fixed: Readonly<Record<string, unknown>>, size: PlainObject): string {
  const parts: string[] = [];
  const names = Object.keys(fixed);
  if (names.length) parts.push(`required or path parameters with the spec's example or default (${names.join(", ")}): edit them`);
  if (Object.keys(size).length)
    parts.push(
      `page size ${Object.entries(size)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(", ")}`,
    );
  return parts.join("; ") || "from the spec";
}
