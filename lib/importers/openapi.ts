/**
 * OpenAPI 3.x and Swagger 2 (JSON or YAML): @scalar/openapi-parser upgrades the document to OpenAPI
 * 3.1 and resolves its internal `$ref`s (no file or network access: external references stay
 * unresolved and are reported), then each GET operation becomes a candidate resource (./openapi-ops.ts).
 */
import { dereference, upgrade } from "@scalar/openapi-parser";
import { MAX_MOCK_URL, mockPathProblem, replaceBraces, trimChars } from "../shared";
import { authFromScheme, type AuthGuess } from "./auth";
import { operationDraft, type Operation } from "./openapi-ops";
import { linkParents, uniqueNames } from "./relate";
import { clean } from "./shape";
import type { EndpointDraft, Guess, ImportResult } from "./types";
import { arr, isObj, obj, own, str, type Obj } from "./values";

/** Larger documents are refused (the parser holds the whole document, resolved, in memory). */
export const MAX_SPEC_CHARS = 5 * 1024 * 1024;
const PLACEHOLDER_HOST = "https://api.example.invalid";

function baseUrl(doc: Obj): Guess<string> {
  const server = obj(arr(own(doc, "servers"))[0]);
  const raw = str(own(server, "url"));
  if (!raw) return { value: PLACEHOLDER_HOST, evidence: "the document has no `servers`: enter the API's address" };
  const vars = obj(own(server, "variables"));
  const url = replaceBraces(raw, (name) => String(own(obj(own(vars, name)), "default") ?? name), true);
  if (/^https?:\/\//i.test(url)) return { value: trimChars(url, "/", "end"), evidence: `\`servers[0].url\` is ${raw}` };
  return {
    value: trimChars(`${PLACEHOLDER_HOST}${url.startsWith("/") ? "" : "/"}${url}`, "/", "end"),
    evidence: `\`servers[0].url\` (${raw}) is relative: enter the API's host`,
  };
}

function operations(doc: Obj): Operation[] {
  const out: Operation[] = [];
  for (const [path, rawItem] of Object.entries(obj(own(doc, "paths")))) {
    const item = obj(rawItem);
    const get = own(item, "get");
    if (!isObj(get)) continue;
    const byKey = new Map<string, Obj>();
    for (const p of [...arr(own(item, "parameters")), ...arr(own(get, "parameters"))])
      if (isObj(p)) byKey.set(`${String(own(p, "in"))}:${String(own(p, "name"))}`, p);
    out.push({ path, op: get, parameters: [...byKey.values()] });
  }
  return out;
}

/** The scheme the document (or its first GET operation) requires, with its scopes. */
function auth(doc: Obj, ops: readonly Operation[], base: string, notes: string[]): AuthGuess | null {
  const schemes = obj(own(obj(own(doc, "components")), "securitySchemes"));
  const requirements = [...arr(own(doc, "security")), ...ops.flatMap((o) => arr(own(o.op, "security")))].filter(isObj);
  const first = requirements.find((r) => Object.keys(r).length > 0);
  const name = first ? Object.keys(first)[0] : Object.keys(schemes)[0];
  if (!name || !isObj(own(schemes, name))) return null;
  const scopes = first ? arr(own(first, name)).filter((s): s is string => typeof s === "string") : [];
  const result = authFromScheme(name, obj(own(schemes, name)), scopes, base);
  // A requirement of several schemes together (an app id header and a key in the query): dlt sends one auth.
  const together = first ? Object.keys(first).filter((k) => k !== name) : [];
  if (together.length > 0)
    notes.push(
      `The API requires ${[name, ...together].map((n) => `\`${n}\``).join(" and ")} together; the config's auth sends \`${name}\` ` +
        "only: add the others by hand (a header in `client.headers`, a query parameter in `params`, as dlt.secrets references).",
    );
  // An operation that requires other schemes than the config's one (its own `security`): said, as for curl.
  for (const o of ops) {
    const required = arr(own(o.op, "security")).filter(isObj);
    const names = [...new Set(required.flatMap((r) => Object.keys(r)))];
    if (required.length > 0 && !names.includes(name) && names.length > 0)
      notes.push(
        `GET ${o.path} requires ${names.map((n) => `\`${n}\``).join(" or ")} (its own \`security\`), the config the document's ` +
          `\`${name}\` (one auth per config): give that resource its own \`auth\` by hand if it needs it.`,
      );
  }
  if ("note" in result) {
    notes.push(result.note);
    return null;
  }
  return result;
}

/** Parses and upgrades the text; a failure says what was expected. */
function load(text: string): { doc: Obj; notes: string[] } | { error: string } {
  if (text.length > MAX_SPEC_CHARS) return { error: `The document has ${text.length} characters; at most ${MAX_SPEC_CHARS} are imported.` };
  let upgraded: unknown;
  try {
    upgraded = upgrade(text).specification;
  } catch (e) {
    return {
      error:
        `Not an OpenAPI document: ${e instanceof Error ? e.message : String(e)}. ` +
        'Expected JSON or YAML with `openapi: 3.x` or `swagger: "2.0"`.',
    };
  }
  if (!isObj(upgraded) || !str(own(upgraded, "openapi")))
    return { error: 'Not an OpenAPI document: expected JSON or YAML with a top-level `openapi: 3.x` or `swagger: "2.0"`.' };
  let resolved: ReturnType<typeof dereference>;
  try {
    resolved = dereference(upgraded);
  } catch (e) {
    // The parser throws on a `$ref` that is empty or not text: the document is read without following any.
    const broken = brokenRef(upgraded, "");
    const why =
      broken !== null
        ? `the \`$ref\` at ${broken} is not a reference (it should be text such as "#/components/schemas/Item")`
        : `the parser failed on them: ${e instanceof Error ? e.message : String(e)}`;
    return { doc: upgraded, notes: [`References not followed: ${why}.`] };
  }
  const notes = (resolved.errors ?? [])
    .slice(0, 5)
    .map((e) => `Reference not resolved (${e.message}); only references inside the document are followed.`);
  return { doc: isObj(resolved.schema) ? resolved.schema : upgraded, notes };
}

/** Where the first `$ref` that is no reference is (empty, or not text: the parser throws on it), as a JSON pointer; null if none. */
function brokenRef(v: unknown, at: string): string | null {
  const stack: [unknown, string][] = [[v, at]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, path] = top;
    if (Array.isArray(node)) node.forEach((x, i) => stack.push([x, `${path}/${i}`]));
    else if (isObj(node))
      for (const [k, x] of Object.entries(node)) {
        const here = `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (k === "$ref" && (typeof x !== "string" || x.trim() === "")) return here;
        stack.push([x, here]);
      }
  }
  return null;
}

export function importOpenApi(text: string): ImportResult {
  const loaded = load(text);
  if ("error" in loaded) return { ok: false, message: loaded.error };
  const { doc } = loaded;
  const notes = [...loaded.notes];
  const base = baseUrl(doc);
  const ops = operations(doc);
  if (ops.length === 0)
    return {
      ok: false,
      message: "The document has no GET operations: dlt's rest_api reads with GET (or POST for searches), so there is nothing to import.",
    };
  const drafts = ops.map((o) => operationDraft(o, notes)).filter((d): d is NonNullable<typeof d> => d !== null);
  if (drafts.length === 0) return { ok: false, message: "No GET operation answers with JSON: nothing to import." };
  const shapes = new Map(drafts.map((d) => [d.endpoint.id, d.mock.record]));
  const fieldsOf = (e: EndpointDraft) => {
    const shape = shapes.get(e.id);
    return shape?.type === "object" ? Object.keys(shape.properties) : [];
  };
  const endpoints = linkParents(uniqueNames(drafts.map((d) => d.endpoint)), fieldsOf, notes);
  const guess = auth(doc, ops, base.value, notes);
  const title = (str(own(obj(own(doc, "info")), "title")) ?? "API").slice(0, 200);
  // A path the mock cannot serve stays out of it (said), so the plan of the others is one the server takes.
  const served = drafts
    .map((d) => ({ ...d.mock, path: d.mock.path.startsWith("/") ? d.mock.path : `/${d.mock.path}` }))
    .filter((m) => {
      const problem = mockPathProblem(m.path);
      if (problem !== null) notes.push(`The mock does not serve \`${m.path.slice(0, 80)}\`: its path has ${problem}.`);
      return problem === null;
    });
  const mock =
    served.length > 0 && base.value.length <= MAX_MOCK_URL
      ? clean({ title, base_url: base.value, auth: guess?.mock ?? { kind: "none" as const }, endpoints: served.slice(0, 200) })
      : null;
  return {
    ok: true,
    draft: { source: "openapi", title, base_url: base, auth: guess?.guess ?? null, headers: null, endpoints, notes, mock },
  };
}
