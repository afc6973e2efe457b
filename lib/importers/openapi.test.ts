/**
 * Issue #11, done means: small specs of our own (offset, page, cursor, Link-header and next-URL
 * paging; bearer, API key, basic and OAuth2 schemes; nested paths), each producing a config that
 * validates clean in every format and runs against the spec's own mock.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildConfig, importText, renderConfig, type ImportDraft } from "./index";
import { runOnMock } from "../testing/imports";
import { validateValue } from "../config";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

function draftOf(name: string): ImportDraft {
  const r = importText(fixture(name));
  if (!r.ok) throw new Error(r.message);
  return r.draft;
}

const paginatorOf = (d: ImportDraft, id: string) => d.endpoints.find((e) => e.id === id)?.paginator?.value;

type Case = {
  file: string;
  auth: string;
  paginators: Record<string, Record<string, unknown>>;
  children: Record<string, string>;
  pages: Record<string, number>;
};
/** `pages`: requests the run makes per resource (45 records per mock collection, 3 per parent record). */
const CASES: Case[] = [
  {
    file: "bookshop.openapi.yaml",
    auth: "bearer",
    paginators: {
      "GET /books": { type: "offset", limit: 20, offset_param: "offset", limit_param: "limit", total_path: "total" },
      "GET /authors": { type: "page_number", base_page: 1, page_param: "page", total_path: "total_pages" },
    },
    children: { "GET /authors/{author_id}/books": "authors/{resources.authors.id}/books" },
    pages: { books: 3, authors: 5, orders: 3, author_books: 45 },
  },
  {
    file: "tickets.swagger.json",
    auth: "api_key",
    paginators: { "GET /tickets": { type: "cursor", cursor_path: "meta.next_cursor", cursor_param: "cursor" } },
    children: { "GET /tickets/{ticketId}/comments": "tickets/{resources.tickets.ticket_id}/comments" },
    pages: { tickets: 2, comments: 45 },
  },
  {
    file: "events.openapi.yaml",
    auth: "oauth2_client_credentials",
    paginators: { "GET /events": { type: "header_link" }, "GET /projects": { type: "json_link", next_url_path: "links.next" } },
    children: { "GET /projects/{project_id}/members": "projects/{resources.projects.id}/members" },
    pages: { events: 2, projects: 3, members: 45 },
  },
  {
    file: "warehouse.openapi.json",
    auth: "http_basic",
    paginators: {
      "GET /warehouses/{code}/stock": { type: "offset", limit: 10, offset_param: "skip", limit_param: "take", total_path: null },
    },
    children: { "GET /warehouses/{code}/stock": "warehouses/{resources.warehouses.code}/stock" },
    pages: { warehouses: 1, stock: 90 },
  },
];

describe.each(CASES)("$file", ({ file, auth, paginators, children, pages }) => {
  const draft = draftOf(file);

  it("guesses auth as secret references, the paginators and the parents, each with evidence", () => {
    expect(draft.auth?.value.type).toBe(auth);
    expect(JSON.stringify(draft.auth?.value)).toContain("$secret");
    for (const [id, p] of Object.entries(paginators)) expect(paginatorOf(draft, id), id).toEqual(p);
    for (const e of draft.endpoints) {
      for (const g of [e.name, e.data_selector, e.paginator, e.primary_key, e.parent, e.incremental])
        if (g) expect(g.evidence, e.id).not.toBe("");
    }
    const built = buildConfig(draft, { selected: Object.keys(children) });
    const json = JSON.stringify(built.config);
    for (const path of Object.values(children)) expect(json).toContain(JSON.stringify(path));
  });

  it.each(["json", "yaml", "python"] as const)("validates clean as %s", (format) => {
    const rendered = renderConfig(buildConfig(draft).config, format);
    expect(rendered.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(rendered.valid).toBe(true);
  });

  it("runs every collection against the spec mock, paging as the spec pages", async () => {
    const built = buildConfig(draft);
    const { ok, summary } = await runOnMock(renderConfig(built.config, "yaml").text, built.mock);
    expect(ok).toBe(true);
    for (const r of summary.resources) expect(r.stats.records_fetched, r.name).toBeGreaterThan(0);
    expect(Object.fromEntries(summary.resources.map((r) => [r.name, r.stats.pages]))).toEqual(pages);
  });
});

describe("OpenAPI details", () => {
  it("finds the incremental parameter and the timestamp field; the mock filters by it", async () => {
    const draft = draftOf("bookshop.openapi.yaml");
    const orders = draft.endpoints.find((e) => e.id === "GET /orders");
    expect(orders?.incremental?.value).toEqual({ cursor_path: "updated_at", initial_value: "1970-01-01T00:00:00Z", param: "since" });
    expect(orders?.primary_key?.value).toBe("order_id");
    const built = buildConfig(draft, { selected: ["GET /orders"] });
    const { ok, requests } = await runOnMock(renderConfig(built.config, "json").text, built.mock);
    expect(ok).toBe(true);
    expect(requests[0]).toContain("since=1970-01-01T00%3A00%3A00Z");
  });

  it("marks single-entity endpoints and leaves them unticked; a ticked child brings its parent unselected", () => {
    const draft = draftOf("bookshop.openapi.yaml");
    const book = draft.endpoints.find((e) => e.id === "GET /books/{book_id}");
    expect(book).toMatchObject({ kind: "entity", selected: false });
    const built = buildConfig(draft, { selected: ["GET /authors/{author_id}/books"] });
    expect(built.resources).toEqual(["authors", "author_books"]);
    expect(built.config.resources).toContainEqual(expect.objectContaining({ name: "authors", selected: false }));
  });

  it("uses the user's edits: names (children follow), paginator, primary key, base URL, no auth", () => {
    const draft = draftOf("bookshop.openapi.yaml");
    const built = buildConfig(draft, {
      selected: ["GET /authors", "GET /authors/{author_id}/books"],
      base_url: "https://staging.bookshop.example/v1",
      auth: null,
      endpoints: {
        "GET /authors": { name: "writers", paginator: { type: "page_number", base_page: 1, total_path: null }, primary_key: null },
      },
    });
    const text = JSON.stringify(built.config);
    expect(text).toContain('"writers/{resources.writers.id}/books"'.replace("writers/", "authors/"));
    expect(built.config.client).toEqual({ base_url: "https://staging.bookshop.example/v1" });
    expect(built.mock?.base_url).toBe("https://staging.bookshop.example/v1");
    expect(built.config.resources).toContainEqual(expect.not.objectContaining({ primary_key: expect.anything() }));
  });

  it("says when a nested path's outer parameter has no parent field to fill it (it stays fixed)", () => {
    const list = (props: Record<string, unknown>) => ({
      "200": {
        description: "ok",
        content: { "application/json": { schema: { type: "array", items: { type: "object", properties: props } } } },
      },
    });
    const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });
    const spec = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      servers: [{ url: "https://api.t.example" }],
      paths: {
        "/projects": { get: { responses: list({ id: { type: "string" } }) } },
        "/projects/{project_id}/tasks": { get: { parameters: [param("project_id")], responses: list({ task_id: { type: "string" } }) } },
        "/projects/{project_id}/tasks/{task_id}/comments": {
          get: { parameters: [param("project_id"), param("task_id")], responses: list({ id: { type: "string" } }) },
        },
      },
    };
    const r = importText(JSON.stringify(spec));
    if (!r.ok) throw new Error(r.message);
    expect(r.draft.notes.join("\n")).toMatch(/comments: `\{project_id\}` is not a field of tasks's records, so no parent fills it/);
  });

  it("pages Stripe's way (starting_after the last record's id, until has_more is false), and runs so on the mock", async () => {
    const list = {
      type: "object",
      properties: {
        data: { type: "array", items: { type: "object", properties: { id: { type: "string" }, amount: { type: "integer" } } } },
        has_more: { type: "boolean" },
      },
    };
    const spec = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      servers: [{ url: "https://api.t.example/v1" }],
      paths: {
        "/charges": {
          get: {
            parameters: [
              { name: "limit", in: "query", schema: { type: "integer", default: 10 } },
              { name: "starting_after", in: "query", schema: { type: "string" } },
            ],
            responses: { "200": { description: "ok", content: { "application/json": { schema: list } } } },
          },
        },
      },
    };
    const r = importText(JSON.stringify(spec));
    if (!r.ok) throw new Error(r.message);
    expect(r.draft.endpoints[0]?.paginator?.value).toEqual({
      type: "cursor",
      cursor_path: "data[-1].id",
      cursor_param: "starting_after",
      has_more_path: "has_more",
    });
    const built = buildConfig(r.draft);
    const { ok, summary, requests } = await runOnMock(renderConfig(built.config, "yaml").text, built.mock);
    expect(ok).toBe(true);
    expect(summary.resources[0]?.stats.records_fetched).toBe(45);
    expect(requests).toHaveLength(5);
    expect(requests[1]).toMatch(/starting_after=id_10$/);
  });

  it("says when an operation requires another scheme than the config's, or the document two schemes together", () => {
    const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { type: "object" } } } } } };
    const notesOf = (security: object[], securitySchemes: object, paths: object) => {
      const spec = { openapi: "3.0.3", info: { title: "t", version: "1" }, servers: [{ url: "https://api.t.example" }], security };
      const r = importText(JSON.stringify({ ...spec, components: { securitySchemes }, paths }));
      if (!r.ok) throw new Error(r.message);
      return r.draft.notes;
    };
    const key = { type: "apiKey", in: "header", name: "X-Key" };
    const own = notesOf(
      [{ key: [] }],
      { key, bearer: { type: "http", scheme: "bearer" } },
      {
        "/pets": { get: { responses: ok } },
        "/owners": { get: { security: [{ bearer: [] }], responses: ok } },
      },
    );
    expect(own).toContain(
      "GET /owners requires `bearer` (its own `security`), the config the document's `key` (one auth per config): " +
        "give that resource its own `auth` by hand if it needs it.",
    );
    const both = notesOf(
      [{ key: [], appKey: [] }],
      { key, appKey: { type: "apiKey", in: "query", name: "app_key" } },
      {
        "/pets": { get: { responses: ok } },
      },
    );
    expect(both.join("\n")).toContain("The API requires `key` and `appKey` together; the config's auth sends `key` only");
  });

  it("refuses a Postman collection and a Swagger 1.x document, saying what to give instead (not taken for a sample)", () => {
    const postman = importText(JSON.stringify({ info: { _postman_id: "x", name: "API" }, item: [{ name: "a", request: {} }] }));
    expect(postman).toEqual({ ok: false, message: expect.stringContaining("Postman collection") });
    const swagger1 = importText(JSON.stringify({ swaggerVersion: "1.2", apis: [{ path: "/pets" }] }));
    expect(swagger1).toEqual({ ok: false, message: expect.stringContaining("Swagger 1.x") });
  });

  it("says what it expected when the text is not OpenAPI, or has nothing to import", () => {
    expect(importText("openapi: [", { source: "openapi" })).toMatchObject({ ok: false, message: expect.stringMatching(/OpenAPI/) });
    expect(importText('{"openapi": "3.0.0", "info": {"title": "x", "version": "1"}, "paths": {}}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no GET operations/),
    });
  });
  it("writes a required query parameter as the config must (braces doubled), and leaves out a name too long, saying so", () => {
    const query = (name: string, example: string) => ({ name, in: "query", required: true, example, schema: { type: "string" } });
    const spec = {
      openapi: "3.0.0",
      paths: {
        "/items": {
          get: {
            parameters: [query("q".repeat(300), "a"), query("{x}", "{y}"), query("fields", "id,name")],
            responses: { "200": { content: { "application/json": { schema: { type: "array", items: { type: "object" } } } } } },
          },
        },
      },
    };
    const r = importText(JSON.stringify(spec));
    const draft = r.ok ? r.draft : null;
    const config = draft ? buildConfig(draft, { selected: draft.endpoints.map((e) => e.id) }).config : null;
    expect(config?.resources).toEqual([
      expect.objectContaining({ endpoint: expect.objectContaining({ params: { "{{x}}": "{{y}}", fields: "id,name" } }) }),
    ]);
    expect(config && validateValue(config, "json").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(draft?.notes.join("\n")).toContain(
      "in the parameters of GET /items was left out: it is 300 characters long as a config writes it, and restplay reads keys of up to",
    );
  });
});
