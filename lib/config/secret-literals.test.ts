/**
 * Credentials written into a config outside auth (rules/secret-literals.ts): every place is warned, the
 * quick fix moves each to dlt.secrets (or an auth block) in every format, and no download keeps one.
 */
import { describe, expect, it } from "vitest";
import { convertDocument, parseDocument, toPlain, type PlainValue, type SourceFormat } from "../formats";
import { applyEdits, exportConfig, validateText } from "./index";

const LEAKS = ["UrlPass111", "NestedKeyAAA", "QueryInPath666", "BaseQuery999"];
const JSON_TEXT = JSON.stringify(
  {
    client: { base_url: "https://alice:UrlPass111@lab.example.com" },
    resources: [
      {
        name: "login",
        endpoint: { path: "basic/items", method: "POST", json: { auth: { apiKey: "NestedKeyAAA" }, keep: [{ token: "NestedKeyAAA" }] } },
      },
      { name: "items", endpoint: { path: "bearer/items?access_token=QueryInPath666&page=1", paginator: "single_page" } },
    ],
  },
  null,
  2,
);
const inFormat = (to: SourceFormat) => {
  const c = to === "json" ? { ok: true as const, text: JSON_TEXT } : convertDocument(JSON_TEXT, "json", to);
  if (!c.ok) throw new Error(c.reason);
  return c.text;
};
const secrets = (text: string) => validateText(text).diagnostics.filter((d) => d.code === "hardcoded_secret");
type Obj = { readonly [k: string]: PlainValue };

describe("credentials written into the config outside auth", () => {
  it.each(["json", "yaml", "python"] as const)(
    "%s: each is warned where it is; the fixes leave a config dlt takes, with none",
    (format) => {
      const text = inFormat(format);
      const found = secrets(text);
      expect(found.map((d) => d.path)).toEqual([
        "/client/base_url",
        "/resources/0/endpoint/json/auth/apiKey",
        "/resources/0/endpoint/json/keep/0/token",
        "/resources/1/endpoint/path",
      ]);
      expect(found[0]!.message).toMatch(/^The user info \(user:password@\) in `base_url` is written into the config \(alice:U\*{5}1@\)/);
      expect(found[3]!.message).toContain("The query parameter `access_token` in `path`");
      for (const d of found) for (const leak of LEAKS) expect(d.message).not.toContain(leak);
      const fixed = applyEdits(
        text,
        found.flatMap((d) => d.fixes?.[0]?.edits ?? []),
      );
      const after = validateText(fixed);
      expect(after.valid).toBe(true);
      expect(secrets(fixed)).toEqual([]);
      for (const leak of LEAKS) expect(fixed).not.toContain(leak);
      const value = after.value as Obj;
      const client = value.client as Obj;
      expect(client).toEqual({
        base_url: "https://lab.example.com",
        auth: { type: "http_basic", username: "alice", password: { $secret: "password" } },
      });
      const items = ((value.resources as PlainValue[])[1] as Obj).endpoint as Obj;
      expect(items.path).toBe("bearer/items?page=1");
      expect(items.params).toEqual({ access_token: { $secret: "access_token" } });
    },
  );

  it("JSON, YAML and Python downloads hold none of them: the same moves, said in the notes", () => {
    for (const format of ["json", "yaml", "python"] as const) {
      const result = validateText(inFormat(format));
      for (const to of ["json", "yaml", "python"] as const) {
        const file = exportConfig(result, to)!;
        for (const leak of LEAKS) expect(file.text, `${format} → ${to}`).not.toContain(leak);
      }
    }
    const json = exportConfig(validateText(JSON_TEXT), "json")!;
    const dict = JSON.parse(json.text) as Obj;
    expect(dict.client).toEqual({ base_url: "https://lab.example.com", auth: { type: "http_basic", username: "alice" } });
    expect((((dict.resources as PlainValue[])[1] as Obj).endpoint as Obj).path).toBe("bearer/items?page=1");
    expect(json.notes).toContain(
      "The user info (user:password@) in `base_url` was written into the config: moved the password to an http_basic " +
        'auth block (dlt.secrets["password"]); put `password` in .dlt/secrets.toml.',
    );
    const py = exportConfig(validateText(JSON_TEXT), "python")!.text;
    const config = toPlain(parseDocument(py, "python").root!) as Obj;
    // The password bound as text, `str(dlt.secrets["password"])` (text-refs.ts).
    expect((config.client as Obj).auth).toEqual({
      type: "http_basic",
      username: "alice",
      password: { $format: [{ $secret: "password" }] },
    });
  });

  it("a base_url's credential query parameter becomes an api_key auth block; with auth already there, it is only taken out", () => {
    const base = (auth: object) =>
      JSON.stringify({ client: { base_url: "https://h.example.com/v1?api_key=BaseQuery999", ...auth }, resources: ["items"] });
    const [alone] = secrets(base({}));
    const fixed = validateText(applyEdits(base({}), alone!.fixes![0]!.edits));
    expect((fixed.value as Obj).client).toEqual({
      base_url: "https://h.example.com/v1",
      auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" },
    });
    const withAuth = base({ auth: { type: "bearer", token: { $secret: "token" } } });
    const [taken] = secrets(withAuth);
    expect(taken!.fixes![0]!.title).toBe("Take the credentials out of the URL (then give them to an auth block)");
    expect(((validateText(applyEdits(withAuth, taken!.fixes![0]!.edits)).value as Obj).client as Obj).base_url).toBe(
      "https://h.example.com/v1",
    );
  });

  it("an OAuth token URL's user info and credential query are found, and the fix takes them out", () => {
    const url = "https://id:TokPass777@lab.example.com/oauth/token?client_secret=TokQuery888&scope=x";
    const text = JSON.stringify({
      client: {
        base_url: "https://lab.example.com",
        auth: { type: "oauth2_client_credentials", access_token_url: url, client_id: { $secret: "id" }, client_secret: { $secret: "s" } },
      },
      resources: ["a"],
    });
    const d = validateText(text, "json").diagnostics.find((x) => x.code === "hardcoded_secret");
    expect(d?.path).toBe("/client/auth/access_token_url");
    expect(d?.message).not.toMatch(/TokPass777|TokQuery888/);
    const fixed = applyEdits(text, d!.fixes![0]!.edits);
    expect(fixed).toContain('"access_token_url":"https://lab.example.com/oauth/token?scope=x"');
    expect(validateText(fixed, "json").diagnostics.filter((x) => x.code === "hardcoded_secret")).toEqual([]);
  });

  it("a literal in a header named with a credential word (a vendor's own name) is found", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x.example.com", headers: { "X-Shopify-Access-Token": "shpat_0123456789" } },
      resources: ["a"],
    });
    expect(validateText(text, "json").diagnostics.map((d) => [d.code, d.path])).toContainEqual([
      "hardcoded_secret",
      "/client/headers/X-Shopify-Access-Token",
    ]);
  });

  it("a resource given as a string (its name and path) or a string endpoint with a credential query is found", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x.example.com" },
      resources: ["other?token=StrRes171717", { name: "b", endpoint: "b?api_key=StrEp181818" }],
    });
    const found = validateText(text, "json").diagnostics.filter((d) => d.code === "hardcoded_secret");
    expect(found.map((d) => d.path)).toEqual(["/resources/0", "/resources/1/endpoint"]);
    expect(found[0]?.message).toContain("in `resources[0]`");
    let fixed = text;
    for (const d of [...found].reverse()) fixed = applyEdits(fixed, d.fixes![0]!.edits);
    expect(fixed).toContain('"resources":["other",{"name":"b","endpoint":"b"}]');
  });

  it("a user info in a path with no credential query is moved without an empty `params` title", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x.example.com" },
      resources: [{ name: "a", endpoint: { path: "https://u:UiPw191919@y.example.com/a" } }],
    });
    const titles = validateText(text, "json").diagnostics.flatMap((d) =>
      d.code === "hardcoded_secret" ? (d.fixes ?? []).map((f) => f.title) : [],
    );
    expect(titles.join(" ")).not.toMatch(/Move\s+to|Move {2}/);
  });

  it("dlt.secrets.get(name, a text): the secret `name`; dlt takes a type there (an error), the text a credential; one fix drops it", () => {
    const text =
      "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n" +
      'source = rest_api_source({"client": {"base_url": "https://x", "auth": {"type": "bearer", ' +
      '"token": dlt.secrets.get("tok", "DefaultTok2323")}}, "resources": ["a"]})\n';
    const r = validateText(text, "python");
    expect(r.value).toMatchObject({ client: { auth: { token: { $secret: "tok" } } } });
    const error = r.diagnostics.find((x) => x.code === "invalid_value");
    expect(error).toMatchObject({ severity: "error" });
    expect(error?.message).toContain("ConfigValueCannotBeCoercedException");
    const d = r.diagnostics.find((x) => x.code === "hardcoded_secret");
    expect(`${d?.message} ${error?.message}`).not.toContain("DefaultTok2323");
    const fixed = applyEdits(text, d!.fixes![0]!.edits);
    expect(fixed).toContain('"token": dlt.secrets.get("tok")}');
    const again = validateText(fixed, "python");
    expect(again.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
    expect(exportConfig(again, "python")!.text).not.toContain("DefaultTok2323");
  });

  it("placeholders and empty values are not credentials", () => {
    const text = JSON.stringify({
      client: { base_url: "https://h.example.com/?token={incremental.start_value}" },
      resources: [{ name: "a", endpoint: { path: "a?api_key=", json: { password: "" } } }],
    });
    expect(secrets(text)).toEqual([]);
  });
});

describe("credentials a Python file builds from its constants", () => {
  const PY = [
    "import dlt",
    "from dlt.sources.rest_api import rest_api_source",
    'TOKEN = "concat-secret-AAA111"',
    "API_KEY: str = 'fstring-secret-BBB222'  # the key",
    'BASE = "https://api.example.com/"',
    "source = rest_api_source({",
    '    "client": {',
    '        "base_url": BASE + "?api_key=url-secret-CCC333",',
    '        "headers": {"Authorization": "Bearer " + TOKEN, "X-Api-Key": f"{API_KEY}",',
    '                    "PRIVATE-TOKEN": "glpat-DDD444", "X-Key2": API_KEY},',
    "    },",
    '    "resources": [{"name": "deals", "endpoint": {"path": "deals", "params": {"api_token": "pipedrive-EEE555"}}}],',
    "})",
    "",
  ].join("\n");
  const PLANTED = ["AAA111", "BBB222", "CCC333", "DDD444", "EEE555"];

  it("are warned where they are read, and the fixes take the constants' literals out too", () => {
    const found = secrets(PY);
    expect(found.map((d) => d.path)).toEqual([
      "/client/base_url",
      "/client/headers/Authorization",
      "/client/headers/X-Api-Key",
      "/client/headers/PRIVATE-TOKEN",
      "/resources/0/endpoint/params/api_token",
    ]);
    const fixed = applyEdits(
      PY,
      found.flatMap((d) => d.fixes?.[0]?.edits ?? []),
    );
    for (const leak of PLANTED) expect(fixed).not.toContain(leak);
    const lines = fixed.split("\n");
    // TOKEN was read only by the header: gone; API_KEY is read by another header: it reads dlt.secrets; BASE holds no secret.
    expect(lines.some((l) => l.startsWith("TOKEN"))).toBe(false);
    expect(lines).toContain('API_KEY: str = dlt.secrets["api_key"]  # the key');
    expect(lines).toContain('BASE = "https://api.example.com/"');
    expect(validateText(fixed).valid).toBe(true);
    const download = exportConfig(validateText(PY), "python")!.text;
    for (const leak of PLANTED) expect(download).not.toContain(leak);
  });
});

describe("a credential written into text made with a reference ($format)", () => {
  const PY = [
    "import dlt",
    "from dlt.sources.rest_api import rest_api_source",
    "",
    "source = rest_api_source({",
    '    "client": {',
    '        "base_url": "https://api.example.com/",',
    '        "headers": {',
    '            "Authorization": f"Bearer sk_live_51HabcXYZ{dlt.secrets[\'suffix\']}",',
    '            "X-Api-Key": f"Token {dlt.secrets[\'k\']}",',
    "        },",
    '        "auth": {"type": "bearer", "token": "abc123LIT" + dlt.secrets["x"]},',
    "    },",
    '    "resources": [{"name": "items", "endpoint": {"params": {"api_key": f"{dlt.secrets[\'a\']}:{dlt.secrets[\'b\']}"}}}],',
    "})",
    "",
  ].join("\n");
  const plain = PY.replace("f\"Bearer sk_live_51HabcXYZ{dlt.secrets['suffix']}\"", '"Bearer sk_live_51HabcXYZ"');

  it("is warned like the same literal without the reference, masked the same; a scheme word or a separator is none", () => {
    const found = secrets(PY);
    expect(found.map((d) => d.path)).toEqual(["/client/headers/Authorization", "/client/auth/token"]);
    const header = found.find((d) => d.path === "/client/headers/Authorization")!;
    const without = secrets(plain).find((d) => d.path === "/client/headers/Authorization")!;
    expect(header.message).toBe(without.message);
    expect(found[1]!.message).toContain("(a*****T)");
    for (const d of found) expect(d.message).not.toMatch(/sk_live|abc123/);
  });

  it("JSON's $format alike; the fix moves the whole value to dlt.secrets", () => {
    const json = JSON.stringify({
      client: { base_url: "https://api.example.com/", headers: { "X-Api-Key": { $format: ["key-9f8e7d", { $secret: "rest" }] } } },
      resources: ["items"],
    });
    const [d] = secrets(json);
    expect(d?.path).toBe("/client/headers/X-Api-Key");
    const fixed = applyEdits(json, d!.fixes![0]!.edits);
    expect((validateText(fixed).value as Obj).client).toMatchObject({ headers: { "X-Api-Key": { $secret: "x_api_key" } } });
  });
});
