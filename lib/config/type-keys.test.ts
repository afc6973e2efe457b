import { describe, expect, it } from "vitest";
import { keysOfSomeType } from "./type-keys";
import { validateText } from "./validate";

/** The keys of dlt 1.26.0's paginator and auth config TypedDicts (dlt/sources/rest_api/typing.py), `type` included. */
const DLT_PAGINATOR_KEYS = [
  ...["type", "base_page", "page", "page_param", "total_path", "maximum_page", "stop_after_empty_page", "has_more_path"],
  ...["page_body_path", "limit", "offset", "offset_param", "offset_body_path", "limit_param", "limit_body_path"],
  ...["maximum_offset", "links_next_key", "next_url_path", "cursor_path", "cursor_param", "cursor_body_path", "cursor_key"],
];
const DLT_AUTH_KEYS = [
  ...["type", "token", "name", "api_key", "location", "username", "password", "access_token", "access_token_url"],
  ...["client_id", "client_secret", "access_token_request_data", "default_token_expiration", "session"],
];

describe("keys some type takes", () => {
  it("are the keys of dlt's config dicts, the seed dialect's left out", () => {
    expect([...keysOfSomeType("paginator")].sort()).toEqual([...DLT_PAGINATOR_KEYS].sort());
    expect([...keysOfSomeType("auth")].sort()).toEqual([...DLT_AUTH_KEYS].sort());
  });

  it("a key none takes, beside a type restplay cannot read, is unknown_key with a rename", () => {
    const text = `import dlt
from dlt.sources.rest_api import rest_api_source
from settings import PAGINATOR_TYPE

source = rest_api_source({"client": {"base_url": "https://api.example.com"},
    "resources": [{"name": "a", "endpoint": {"paginator": {"type": PAGINATOR_TYPE, "limt": 10}}}]})
`;
    const r = validateText(text, "python");
    const d = r.diagnostics.find((x) => x.code === "unknown_key");
    expect(d?.message).toMatch(
      /no paginator type takes it, so dlt refuses the dict whatever `PAGINATOR_TYPE` gives.*Did you mean `limit`\?/,
    );
    expect(d?.fixes?.[0]?.edits[0]).toEqual({ range: d?.range, newText: '"limit"' });
    expect(r.valid).toBe(false);
  });
});
