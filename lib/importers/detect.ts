/**
 * The guesses every importer shares: where the records are, how the API pages, which field is the
 * primary key, and whether it can load incrementally — each with the evidence it rests on. The paging
 * guess comes with the matching MockPaging, so the spec mock pages as the spec says.
 */
import type { MockPaging } from "../mocks";
import { fieldsOf, type Field, type Source } from "./fields";
import {
  CURSOR_PARAMS,
  HAS_MORE,
  KEY_FIELDS,
  LIMIT_PARAMS,
  NEXT_CURSORS,
  NEXT_URLS,
  OFFSET_PARAMS,
  PAGE_PARAMS,
  PAGE_SIZE_PARAMS,
  RECORD_LISTS,
  SINCE_PARAMS,
  TIMESTAMP_FIELDS,
  TOTAL_ITEMS,
  TOTAL_PAGES,
  findNamed,
  named,
} from "./hints";
import type { Guess, IncrementalGuess, PlainObject } from "./types";
import { singular } from "./values";
import { jsonPathOf } from "../shared/jsonpath-ng";

/** A request parameter as the source declares it (OpenAPI) or sends it (curl, HAR). */
export interface Param {
  readonly name: string;
  readonly in: "query" | "path" | "header";
  readonly required: boolean;
  readonly type?: string | undefined;
  readonly format?: string | undefined;
  /** The value the source gives: a default, an example, or what the request sent. */
  readonly value?: string | number | boolean | undefined;
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
}

export interface Records {
  readonly path: readonly string[];
  readonly items: Source;
  readonly evidence: string;
}

const last = (f: Field) => f.path[f.path.length - 1] ?? "";

/** The records list of a response body: the body itself when it is a list, else a list of objects in it. */
export function findRecords(body: Source): Records | null {
  const isList =
    body.kind === "schema"
      ? body.schema.type === "array" || (body.schema.items !== undefined && body.schema.properties === undefined)
      : Array.isArray(body.values[0]);
  if (isList) {
    const items: Source =
      body.kind === "schema"
        ? { kind: "schema", schema: (body.schema.items ?? {}) as Record<string, unknown> }
        : { kind: "values", values: body.values.flatMap((v) => (Array.isArray(v) ? v : [])) };
    return { path: [], items, evidence: "the response body is a list" };
  }
  const lists = fieldsOf(body).filter((f) => f.type === "array" && f.items);
  const objects = lists.filter(
    (f) =>
      f.items &&
      (f.items.kind === "values" ? f.items.values.some((v) => typeof v === "object" && v !== null) : fieldsOf(f.items, 1).length > 0),
  );
  const pick = objects.find((f) => named(RECORD_LISTS, last(f))) ?? objects[0];
  if (!pick?.items) return null;
  const why = named(RECORD_LISTS, last(pick))
    ? `\`${jsonPathOf(pick.path)}\` is a list of objects with a record-list name`
    : `\`${jsonPathOf(pick.path)}\` is the first list of objects in the response`;
  return { path: pick.path, items: pick.items, evidence: why };
}

export interface PagingGuess {
  readonly guess: Guess<PlainObject>;
  readonly mock: MockPaging;
  /** Extra query parameters the config should send (a page size). */
  readonly params: PlainObject;
}

const numberOf = (p: Param | undefined): number | undefined =>
  typeof p?.value === "number" ? p.value : typeof p?.value === "string" && /^\d+$/.test(p.value) ? Number(p.value) : undefined;
const pageSize = (p: Param | undefined) => Math.max(1, Math.min(numberOf(p) ?? p?.maximum ?? 100, p?.maximum ?? 1000, 1000));

/** How the API pages: from its parameters, the response's fields and headers. */
export function guessPaging(
  params: readonly Param[],
  body: Source | null,
  headers: readonly string[],
  records: Records | null,
): PagingGuess {
  const query = params.filter((p) => p.in === "query");
  const top = body && records && records.path.length > 0 ? fieldsOf(body).filter((f) => f.path.join(".") !== records.path.join(".")) : [];
  const scalarField = (names: ReadonlySet<string>, types: readonly string[]) =>
    top.find((f) => named(names, last(f)) && types.includes(f.type));
  const totalItems = scalarField(TOTAL_ITEMS, ["integer", "number", "unknown"]);
  const totalPages = scalarField(TOTAL_PAGES, ["integer", "number", "unknown"]);
  const nextUrl = top.find(
    (f) =>
      named(NEXT_URLS, last(f)) &&
      f.type === "string" &&
      (f.format === "uri" || f.format === "url" || /^(https?:|\/)/.test(String(f.sample ?? "")) || /url|link|href/i.test(last(f))),
  );
  const nextCursor = top.find((f) => named(NEXT_CURSORS, last(f)) && (f.type === "string" || f.type === "integer") && f !== nextUrl);
  const cursorParam = findNamed(query, CURSOR_PARAMS);
  const offset = findNamed(query, OFFSET_PARAMS);
  const limit = findNamed(query, LIMIT_PARAMS);
  const page = findNamed(query, PAGE_PARAMS);
  const size = findNamed(
    query.filter((p) => p !== page),
    PAGE_SIZE_PARAMS,
  );
  const hasMore = top.find((f) => named(HAS_MORE, last(f)));

  if (headers.includes("link")) {
    const n = pageSize(size);
    return {
      guess: { value: { type: "header_link" }, evidence: 'the response declares a `Link` header (RFC 8288 `rel="next"`)' },
      mock: { kind: "link_header", page_param: page?.name ?? "page", ...(size ? { size_param: size.name } : {}), default_size: n },
      params: size ? { [size.name]: n } : {},
    };
  }
  // Stripe's way: `starting_after=<the last record's id>`, and `has_more`. dlt's cursor paginator takes the
  // last record's key as its cursor (`data[-1].id`; jsonpath-ng reads `[-1]`) and stops on `has_more`.
  const key = records ? fieldsOf(records.items, 1).find((f) => last(f) === "id") : undefined;
  if (cursorParam && !nextCursor && key && records && /^(starting_after|after_id)$/i.test(cursorParam.name)) {
    const path = `${records.path.length ? jsonPathOf(records.path) : "$"}[-1].id`;
    const n = pageSize(limit ?? size);
    const value: Record<string, PlainObject[string]> = { type: "cursor", cursor_path: path, cursor_param: cursorParam.name };
    if (hasMore) value.has_more_path = jsonPathOf(hasMore.path);
    return {
      guess: {
        value,
        evidence:
          `query parameter \`${cursorParam.name}\` takes the id of the record to page after: the cursor is the last record's \`id\`` +
          (hasMore ? `; \`${jsonPathOf(hasMore.path)}\` says when to stop` : ""),
      },
      mock: {
        kind: "after_key",
        cursor_param: cursorParam.name,
        key: "id",
        ...(hasMore ? { has_more_path: hasMore.path.slice() } : {}),
        ...((limit ?? size) ? { size_param: (limit ?? size)?.name } : {}),
        default_size: n,
      },
      params: (limit ?? size) ? { [(limit ?? size)?.name ?? "limit"]: n } : {},
    };
  }
  if (cursorParam || (nextCursor && !nextUrl && !offset && !page)) {
    const path = nextCursor ? jsonPathOf(nextCursor.path) : "cursors.next";
    const param = cursorParam?.name ?? (nextCursor && /token/i.test(last(nextCursor)) ? "page_token" : "cursor");
    const n = pageSize(limit ?? size);
    const evidence = [
      cursorParam ? `query parameter \`${param}\`` : `no cursor parameter is declared: \`${param}\` is a guess`,
      nextCursor ? `the next cursor at \`${path}\`` : "no next-cursor field found: check `cursor_path`",
    ].join("; ");
    return {
      guess: { value: { type: "cursor", cursor_path: path, cursor_param: param }, evidence },
      mock: {
        kind: "cursor",
        cursor_param: param,
        next_cursor_path: nextCursor?.path.slice() ?? ["cursors", "next"],
        ...((limit ?? size) ? { size_param: (limit ?? size)?.name } : {}),
        default_size: n,
      },
      params: (limit ?? size) ? { [(limit ?? size)?.name ?? "limit"]: n } : {},
    };
  }
  if (nextUrl && !offset && !page) {
    const path = jsonPathOf(nextUrl.path);
    return {
      guess: { value: { type: "json_link", next_url_path: path }, evidence: `the response has a next-page URL at \`${path}\`` },
      mock: { kind: "next_url", next_url_path: nextUrl.path.slice(), page_param: "page", default_size: 20 },
      params: {},
    };
  }
  if (offset && (limit || size)) {
    const lim = (limit ?? size) as Param;
    const n = pageSize(lim);
    const total = totalItems ? jsonPathOf(totalItems.path) : null;
    return {
      guess: {
        value: { type: "offset", limit: n, offset_param: offset.name, limit_param: lim.name, total_path: total },
        evidence:
          `query parameters \`${offset.name}\` and \`${lim.name}\`` +
          (total ? `; the item count at \`${total}\`` : "; no total in the response: pages until an empty page"),
      },
      mock: {
        kind: "offset",
        offset_param: offset.name,
        limit_param: lim.name,
        default_limit: Math.min(n, 20),
        ...(totalItems ? { total_path: totalItems.path.slice() } : {}),
      },
      params: {},
    };
  }
  if (page) {
    const base = page.minimum === 0 || page.value === 0 || page.value === "0" ? 0 : 1;
    const n = pageSize(size);
    const total = totalPages ? jsonPathOf(totalPages.path) : null;
    return {
      guess: {
        value: { type: "page_number", base_page: base, page_param: page.name, total_path: total },
        evidence:
          `query parameter \`${page.name}\` (first page ${base})${size ? `, page size \`${size.name}\`` : ""}` +
          (total ? `; the page count at \`${total}\`` : "; no page count in the response: pages until an empty page"),
      },
      mock: {
        kind: "page",
        page_param: page.name,
        ...(size ? { size_param: size.name } : {}),
        default_size: size ? Math.min(n, 20) : 20,
        base_page: base,
        ...(totalPages ? { total_pages_path: totalPages.path.slice() } : {}),
        ...(totalItems ? { total_items_path: totalItems.path.slice() } : {}),
      },
      params: size ? { [size.name]: n } : {},
    };
  }
  if (totalPages && !hasMore) {
    const total = jsonPathOf(totalPages.path);
    return {
      guess: {
        value: { type: "page_number", base_page: 1, page_param: "page", total_path: total },
        evidence: `the response has a page count at \`${total}\`; \`page\` from 1 is a guess`,
      },
      mock: { kind: "page", page_param: "page", default_size: 20, base_page: 1, total_pages_path: totalPages.path.slice() },
      params: {},
    };
  }
  const why = hasMore
    ? `\`${jsonPathOf(hasMore.path)}\` says more pages exist, but no parameter to ask for them was found: set a paginator by hand`
    : "no paging parameters, next links, cursors or `Link` header";
  return { guess: { value: { type: "single_page" }, evidence: why }, mock: { kind: "none" }, params: {} };
}

/** The primary key: an `id`-like field, else `<resource>_id`, else a required `…_id` field. */
export function guessPrimaryKey(records: Records, resource: string): Guess<string> | null {
  const fields = fieldsOf(records.items, 1).filter((f) => ["string", "integer", "number"].includes(f.type));
  const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
  const how = (f: Field) =>
    records.items.kind === "schema"
      ? f.required
        ? `a required ${f.type} field`
        : `${article(f.type)} ${f.type} field`
      : `present in every sample record, ${article(f.type)} ${f.type} field`;
  const key = fields.find((f) => named(KEY_FIELDS, last(f)));
  if (key) return { value: last(key), evidence: `\`${last(key)}\` is ${how(key)}` };
  const one = singular(resource).toLowerCase();
  const own = fields.find((f) => [`${one}_id`, `${one}id`].includes(last(f).toLowerCase()));
  if (own) return { value: last(own), evidence: `\`${last(own)}\` names this resource's key (${how(own)})` };
  const ids = fields.filter((f) => f.required && /(_id|Id|ID)$/.test(last(f)));
  if (ids.length === 1 && ids[0]) return { value: last(ids[0]), evidence: `\`${last(ids[0])}\` is the only required \`…_id\` field` };
  return null;
}

/** Incremental loading: a `since`-like query parameter and a timestamp field in the records. */
export function guessIncremental(params: readonly Param[], records: Records | null): Guess<IncrementalGuess> | null {
  if (!records) return null;
  const since = params.find((p) => p.in === "query" && named(SINCE_PARAMS, p.name) && (p.type === undefined || p.type === "string"));
  if (!since) return null;
  const stamps = fieldsOf(records.items, 1).filter(
    (f) => f.type === "string" && (f.format === "date-time" || f.format === "date") && named(TIMESTAMP_FIELDS, last(f)),
  );
  const field = stamps.find((f) => /updat|modif|chang/i.test(last(f))) ?? stamps[0];
  if (!field) return null;
  const date = since.format === "date" || field.format === "date";
  return {
    value: { cursor_path: last(field), initial_value: date ? "1970-01-01" : "1970-01-01T00:00:00Z", param: since.name },
    evidence: `query parameter \`${since.name}\` and the ${field.format} field \`${last(field)}\` in each record`,
  };
}
