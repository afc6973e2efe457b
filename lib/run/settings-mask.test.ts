/**
 * `dlt.config[...]` values are settings, not secrets: a run does not mask them (a page size of 1000 stays in
 * every URL, a field name picked by config stays a record's key); `dlt.secrets[...]` values, and a config value
 * a credential field holds, are masked as before.
 */
import { describe, expect, it } from "vitest";
import { prepareRun } from "./run";
import { fetchTransport, type EngineEvent } from "../engine";

const PRELUDE = "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n";

async function run(text: string, secrets: Record<string, string>, answer: (url: URL) => unknown) {
  const seen: string[] = [];
  const fetch = async (r: Request) => {
    seen.push(r.url);
    return new Response(JSON.stringify(answer(new URL(r.url))), { status: 200, headers: { "content-type": "application/json" } });
  };
  const prepared = prepareRun({ text, format: "python", target: "live", secrets }, { liveTransport: fetchTransport(fetch) });
  if (!prepared.ok) throw new Error(prepared.message);
  const events: EngineEvent[] = [];
  for await (const e of prepared.events) events.push(e);
  return { seen, events, trace: JSON.stringify(events) };
}

describe("dlt.config values in a run", () => {
  it("are shown as they are (URLs, records, a child's parent field); dlt.secrets values stay masked", async () => {
    const text =
      PRELUDE +
      `source = rest_api_source({
    "client": {"base_url": "https://api.test/", "auth": {"type": "bearer", "token": dlt.secrets["token"]}},
    "resources": [
        {"name": "users", "endpoint": {"path": "users", "params": {"org": dlt.config["org"]},
            "paginator": {"type": "offset", "limit": dlt.config["page_size"], "total_path": None}}},
        {"name": "posts", "include_from_parent": [dlt.config["field"]],
            "endpoint": {"path": "users/{resources.users.id}/posts", "paginator": "single_page"}},
    ],
})
`;
    const r = await run(text, { token: "tok-secret-987", org: "acme-corp", page_size: "1000", field: "handle" }, (url) =>
      url.pathname === "/users"
        ? url.searchParams.get("offset") === "0"
          ? [{ id: 1, handle: "acme-corp-admin", note: "tok-secret-987" }]
          : []
        : [{ title: "hello" }],
    );
    expect(r.seen[0]).toBe("https://api.test/users?org=acme-corp&offset=0&limit=1000");
    const errors = r.events.filter((e) => e.type === "error");
    expect(errors).toEqual([]);
    const request = r.events.find((e) => e.type === "request");
    expect(request && "url" in request ? request.url : "").toBe("https://api.test/users?org=acme-corp&offset=0&limit=1000");
    const users = r.events.find((e) => e.type === "page" && e.resource === "users");
    expect(users && "records" in users ? users.records : null).toEqual([{ id: 1, handle: "acme-corp-admin", note: "t*****7" }]);
    const posts = r.events.find((e) => e.type === "page" && e.resource === "posts");
    expect(posts && "records" in posts ? posts.records : null).toEqual([{ title: "hello", _users_handle: "acme-corp-admin" }]);
    expect(r.trace).not.toContain("tok-secret-987");
  });

  it("a config value in a credential field is masked as a credential", async () => {
    const text =
      PRELUDE +
      `source = rest_api_source({
    "client": {"base_url": "https://api.test/", "auth": {"type": "bearer", "token": dlt.config["token"]}},
    "resources": [{"name": "users", "endpoint": {"path": "users", "paginator": "single_page"}}],
})
`;
    const r = await run(text, { token: "cfg-token-123" }, () => [{ echo: "cfg-token-123" }]);
    expect(r.trace).not.toContain("cfg-token-123");
  });
});
