import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import { isCredentialHeader, maskSecret, Masker, redactUrl } from "../shared";

describe("masking helpers", () => {
  it("maskSecret follows dlt", () => {
    expect([maskSecret(""), maskSecret("ab"), maskSecret("abc"), maskSecret("sensitive-secret")]).toEqual([
      "*****",
      "*****",
      "a*****c",
      "s*****t",
    ]);
  });
  it("redactUrl replaces sensitive query params (any case) and masks known secrets anywhere", () => {
    expect(redactUrl("https://x/y?api_key=abc&q=1")).toBe("https://x/y?api_key=***&q=1");
    const names = [
      "api_key",
      "token",
      "key",
      "access_token",
      "apikey",
      "api-key",
      "access-token",
      "secret",
      "password",
      "pwd",
      "client_secret",
    ];
    for (const n of names) expect(redactUrl(`https://x/?${n.toUpperCase()}=v&page=2`)).toBe(`https://x/?${n.toUpperCase()}=***&page=2`);
    expect(redactUrl("https://x/users/supersecret/items?q=supersecret#frag", ["supersecret"])).toBe(
      "https://x/users/s*****t/items?q=s*****t#frag",
    );
    expect(redactUrl("https://x/?q=a%2Fb%2Bc%3D", ["a/b+c="])).toBe("https://x/?q=a*****=");
    expect(redactUrl("https://x/?flag&key=1")).toBe("https://x/?flag&key=***");
  });
  it("redactUrl also hides the credential names dlt's list lacks (a literal Pipedrive api_token in a trace or a CLI log)", () => {
    for (const n of ["api_token", "auth_token", "private_token", "refresh_token", "client_id"])
      expect(redactUrl(`https://x/deals?${n}=abc123def&start=0`)).toBe(`https://x/deals?${n}=***&start=0`);
    expect(redactUrl("https://x/deals?start=0&limit=100")).toBe("https://x/deals?start=0&limit=100");
    // Signed URLs and vendors' key names too.
    for (const n of ["signature", "sig", "hapikey", "consumer_secret", "app_key"])
      expect(redactUrl(`https://x/a?${n}=abc123def&q=1`)).toBe(`https://x/a?${n}=***&q=1`);
  });
  it("a header named with a credential word is one (vendors' own names), an ordinary header is not", () => {
    const credential = [
      "X-Shopify-Access-Token",
      "Circle-Token",
      "X-Auth-Key",
      "X-Goog-Api-Key",
      "Ocp-Apim-Subscription-Key",
      "X-Signature",
    ];
    for (const name of credential) expect(isCredentialHeader(name), name).toBe(true);
    for (const name of ["Accept", "X-Request-Id", "X-Author", "Content-Type", "X-Tokenizer-Mode"])
      expect(isCredentialHeader(name), name).toBe(false);
    expect(new Masker([]).headers({ "X-Shopify-Access-Token": "shpat_abcdef", Accept: "json" })).toEqual({
      "X-Shopify-Access-Token": "s*****f",
      Accept: "json",
    });
  });
  it("Masker masks a secret an HTML error page echoes escaped", () => {
    const m = new Masker([`p@ss:w/rd?&="'<>`]);
    const page = `<pre>Bearer p@ss:w/rd?&amp;=&quot;&#39;&lt;&gt; and p@ss:w/rd?&amp;=&quot;&#x27;&lt;&gt;</pre>`;
    expect(m.containsSecret(page)).toBe(true);
    expect(m.text(page)).toBe("<pre>Bearer p*****> and p*****></pre>");
  });
  it("Masker masks form fields by name, headers by name and values anywhere", () => {
    const m = new Masker(["s3cret-value"]);
    expect(m.form("client_id=abc&client_secret=xyz&grant_type=client_credentials")).toBe(
      "client_id=a*****c&client_secret=x*****z&grant_type=client_credentials",
    );
    expect(m.headers({ Authorization: "Bearer abcdef", "X-Other": "has s3cret-value inside" })).toEqual({
      Authorization: "Bearer a*****f",
      "X-Other": "has s*****e inside",
    });
    expect(m.record({ note: "s3cret-value", key: "visible" }, undefined).value).toEqual({ note: "s*****e", key: "visible" });
    expect(m.json({ access_token: "zzzzzz", key: "visible" })).toEqual({ access_token: "z*****z", key: "visible" });
  });
});

describe("no secret value appears in any event", () => {
  it("secrets in auth, headers, params, paths, issued tokens, echoed bodies and errors are all masked", async () => {
    const secrets = {
      client_id: "client-id-value",
      client_secret: "client-secret-value",
      header_secret: "header-secret-value",
      odd: "odd/secret+value&=",
      path_secret: "path-secret-value",
    };
    const issued = "issued-token-value";
    const api = fakeFetch(async (req, _n, url) => {
      if (url.hostname === "auth.test") return json({ access_token: issued, expires_in: 3600, client_id: secrets.client_id });
      const echo = { url: req.url, headers: Object.fromEntries(req.headers), note: `token ${issued}` };
      if (url.pathname.startsWith("/missing")) return json({ error: "not found", echo }, 404);
      if (url.pathname.endsWith("/p2")) return json({ data: [{ id: 2, echo }], next: null });
      return json({ data: [{ id: 1, echo }], next: `https://api.test/items/p2?token=${encodeURIComponent(issued)}` });
    });
    const config = {
      client: {
        base_url: "https://api.test",
        headers: { "X-Custom": { $secret: "header_secret" } },
        auth: {
          type: "oauth2_client_credentials",
          access_token_url: "https://auth.test/token",
          client_id: { $secret: "client_id" },
          client_secret: { $secret: "client_secret" },
        },
      },
      resources: [
        {
          name: "things",
          endpoint: { path: "/items", params: { filter: { $secret: "odd" } }, data_selector: "data", paginator: "json_link" },
        },
        { name: "broken", endpoint: { path: "/missing/{id}", params: { id: { $secret: "path_secret" } }, paginator: "single_page" } },
      ],
    };
    const run = await collect(config, api.fetch, { secrets });
    expect(api.calls.some((c) => c.url.includes(encodeURIComponent(secrets.odd)))).toBe(true);
    expect(run.records).toHaveLength(2);
    expect(run.errors.map((e) => e.code)).toEqual(["http_error"]);
    expect(run.warnings).toContain("secret_in_response");
    const text = JSON.stringify(run.events);
    for (const value of [...Object.values(secrets), issued]) {
      for (const spelling of new Set([
        value,
        encodeURIComponent(value),
        new URLSearchParams([["", value]]).toString().slice(1),
        JSON.stringify(value).slice(1, -1),
      ])) {
        expect(text, `${value} as ${spelling}`).not.toContain(spelling);
      }
    }
  });
  it("a secret the API echoes as a JSON number is masked in the records, the body preview and keys; other spellings stay", async () => {
    const secrets = { key: "987654321", long: "98765432109876543210123" };
    const body = `{"data": [{"id": 1, "account": 987654321, "long": ${secrets.long}, "price": 3.0, "ids": [5, 987654321],
      "by_account": {"other": "y", "987654321": "x"}, "big": 12345678901234567890, "near": 9876543210}]}`;
    const api = fakeFetch(async () => new Response(body, { headers: { "content-type": "application/json" } }));
    const run = await collect(
      {
        client: { base_url: "https://api.test", auth: { type: "api_key", api_key: { $format: [{ $secret: "key" }] } } },
        resources: [{ name: "echo", endpoint: { path: "/echo", data_selector: "data", paginator: "single_page" } }],
      },
      api.fetch,
      { secrets },
    );
    expect(run.records).toEqual([
      {
        id: 1,
        account: "9*****1",
        long: "9*****3",
        price: 3,
        ids: [5, "9*****1"],
        by_account: { other: "y", "9*****1": "x" },
        big: 12345678901234567000,
        near: 9876543210,
      },
    ]);
    const page = run.events.find((e) => e.type === "page");
    // The spellings of the numbers left are kept (dlt reads `3.0` as a float, the big integer exactly); the masked ones' are gone.
    expect(page?.type === "page" && page.number_text).toEqual([{ price: "3.0", big: "12345678901234567890" }]);
    // The response's key order (an index-like key first in JavaScript's) names the masked key, not the secret.
    expect(page?.type === "page" && page.key_order).toEqual([{ at: { by_account: { keys: ["other", "9*****1"] } } }]);
    expect(run.warnings).toContain("secret_in_response");
    // Only a number that is the secret is masked: one that holds its digits (`near`) is data.
    const text = JSON.stringify(run.events).replaceAll("9876543210", "");
    for (const value of Object.values(secrets)) expect(text, value).not.toContain(value);
  });
  it("a child reads its parent's fields as sent, however shown: a secret-valued id still reaches its path", async () => {
    const secrets = { key: "987654321" };
    const api = fakeFetch(async (_req, _n, url) =>
      url.pathname === "/accounts" ? json([{ id: 987654321, name: "main" }]) : json([{ item: 1, path: url.pathname }]),
    );
    const run = await collect(
      {
        client: { base_url: "https://api.test", auth: { type: "api_key", api_key: { $format: [{ $secret: "key" }] } } },
        resources: [
          { name: "accounts", endpoint: { path: "/accounts", paginator: "single_page" } },
          {
            name: "items",
            endpoint: { path: "/accounts/{resources.accounts.id}/items", paginator: "single_page" },
            include_from_parent: ["id"],
          },
        ],
      },
      api.fetch,
      { secrets },
    );
    expect(api.calls.map((c) => new URL(c.url).pathname)).toEqual(["/accounts", "/accounts/987654321/items"]);
    expect(run.errors).toEqual([]);
    expect(run.records).toEqual([
      { id: "9*****1", name: "main" },
      { item: 1, path: "/accounts/9*****1/items", _accounts_id: "9*****1" },
    ]);
    const childPage = run.events.find((e) => e.type === "page" && e.resource === "items");
    expect(childPage?.type === "page" && childPage.parent).toEqual({ id: "9*****1" });
    expect(JSON.stringify(run.events)).not.toContain("987654321");
  });
  it("credentials written literally into the config (headers, params, a path's query) are masked when the API echoes them", async () => {
    const literal = { header: "literal-header-key-1", param: "literal-param-key-2", path: "literal-path-key-3" };
    const api = fakeFetch(async (req) => json({ data: [{ id: 1, echo: { url: req.url, headers: Object.fromEntries(req.headers) } }] }));
    const run = await collect(
      {
        client: { base_url: "https://api.test", headers: { "X-API-Key": literal.header } },
        resources: [
          {
            name: "echo",
            endpoint: { path: `/echo?access_token=${literal.path}`, params: { api_key: literal.param }, paginator: "single_page" },
          },
        ],
      },
      api.fetch,
    );
    expect(run.records).toHaveLength(1);
    const text = JSON.stringify(run.events);
    for (const value of Object.values(literal)) expect(text, value).not.toContain(value);
    expect(text).toContain("l*****1");
  });

  it("request bodies are traced with credentials masked by key (JSON) and by field (forms)", async () => {
    const api = fakeFetch(() => json({ data: [] }));
    const run = await collect(
      {
        client: { base_url: "https://api.test" },
        resources: [
          {
            name: "j",
            endpoint: { path: "/login", method: "POST", json: { user: "me", password: "literal-password" }, paginator: "single_page" },
          },
          {
            name: "f",
            endpoint: { path: "/form", method: "POST", data: { user: "me you", password: "literal-password" }, paginator: "single_page" },
          },
        ],
      },
      api.fetch,
    );
    expect(api.calls.map((c) => c.body)).toEqual([
      '{"user": "me", "password": "literal-password"}',
      "user=me+you&password=literal-password",
    ]);
    expect(run.of("request").map((r) => r.body)).toEqual(['{"user": "me", "password": "l*****d"}', "user=me+you&password=l*****d"]);
  });
});

describe("encoded forms and cuts (issue #13, finding 5)", () => {
  const leaks = (text: string, secret: string) => {
    const found: string[] = [];
    for (let i = 0; i + 6 <= secret.length; i++) if (text.includes(secret.slice(i, i + 6))) found.push(secret.slice(i, i + 6));
    return found;
  };

  it("Basic credentials echoed by the API (httpbin-style) never appear in base64 or plain", async () => {
    const api = fakeFetch((req) =>
      json({
        data: [
          { id: 1, authorization: req.headers.get("authorization"), decoded: atob((req.headers.get("authorization") ?? "").slice(6)) },
        ],
      }),
    );
    const run = await collect(
      {
        client: { base_url: "https://api.test", auth: { type: "http_basic", username: "alice", password: { $secret: "pw" } } },
        resources: [{ name: "r", endpoint: { path: "/x", paginator: "single_page" } }],
      },
      api.fetch,
      { secrets: { pw: "correct-horse-battery" } },
    );
    expect(run.records).toHaveLength(1);
    const text = JSON.stringify(run.events);
    expect(text).not.toContain(btoa("alice:correct-horse-battery"));
    expect(text).not.toContain(btoa("alice:correct-horse-battery").replace(/=+$/, ""));
    expect(leaks(text, "correct-horse-battery")).toEqual([]);
  });

  it("base64, URL-safe base64, ASCII-escaped JSON and lower-case percent spellings are masked", () => {
    const secret = "päss/wörd+?=value";
    const m = new Masker([secret]);
    const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(secret)));
    const spellings = [
      b64,
      b64.replace(/=+$/, ""),
      b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
      "p\\u00e4ss/w\\u00f6rd+?=value",
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    ];
    for (const s of spellings) expect(m.text(`before ${s} after`), s).toBe("before p*****e after");
  });

  // Thirtieth session: a token with `+` (base64) or a non-ASCII character, echoed by a .NET API (`\u002B`, `\u00C5`), went
  // unmasked into the records, the body preview and a 401's error excerpt.
  it("a secret echoed with other serialisers' JSON escapes (Java's and .NET's upper-case hex, Go's for `<>&`) is masked", () => {
    const secret = "Åb<c>+d&e'f";
    const m = new Masker([secret]);
    for (const s of ["\\u00C5b<c>+d&e'f", "\u00c5b\\u003cc\\u003e+d\\u0026e'f", "\\u00C5b\\u003Cc\\u003E\\u002Bd\\u0026e\\u0027f"])
      expect(m.text(`before ${s} after`), s).toBe("before \u00c5*****f after");
  });

  it("a secret any JSON escape spells is masked in the records and the body preview, and said", async () => {
    const token = "tok+en/Åß==";
    // Every character escaped: no serialiser writes this, and no spelling the masker knows matches it.
    const escaped = [...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    const api = fakeFetch(async () => new Response(`{"data": [{"id": 1, "echo": "${escaped}"}]}`));
    const run = await collect(
      {
        client: { base_url: "https://api.test", auth: { type: "bearer", token: { $secret: "token" } } },
        resources: [{ name: "echo", endpoint: { path: "/echo", data_selector: "data", paginator: "single_page" } }],
      },
      api.fetch,
      { secrets: { token } },
    );
    expect(run.records).toEqual([{ id: 1, echo: "t*****=" }]);
    expect(run.warnings).toContain("secret_in_response");
    expect(JSON.stringify(run.events)).not.toContain(JSON.stringify(token).slice(1, -1));
  });

  it("a secret with a lone surrogate does not break masking", () => {
    expect(() => new Masker(["ab\ud800cd"]).text("x ab\ud800cd y")).not.toThrow();
    expect(new Masker(["ab\ud800cd"]).text("x ab\ud800cd y")).toBe("x a*****d y");
  });

  it("excerpts are masked before they are cut: a secret straddling the cut leaves nothing behind", () => {
    const secret = "Hy7Pq-stRdl-9xWv2";
    const m = new Masker([secret]);
    for (const at of [190, 195, 199, 200]) {
      const text = `${"x".repeat(at)}${secret}${"y".repeat(500)}`;
      const out = m.excerpt(text, 200).text;
      expect(out.length).toBeLessThanOrEqual(201);
      expect(leaks(out, secret), `cut at ${at}`).toEqual([]);
    }
  });

  it("body previews, paginator messages and error excerpts cut at 200/300/2,000 characters leak no prefix", async () => {
    const secret = "Zq9Wm-strKx7-0pLvQ";
    for (const at of [190, 196, 290, 296, 1990, 1996]) {
      const pad = "z".repeat(at);
      const api = fakeFetch((_req, _n, url) => {
        if (url.pathname === "/text")
          return new Response(`${pad}${secret}${"q".repeat(3000)}`, { status: 200, headers: { "content-type": "text/plain" } });
        if (url.pathname === "/err") return new Response(`${pad}${secret}${"q".repeat(3000)}`, { status: 400 });
        return json({ data: [{ id: 1 }], note: `${pad}${secret}`, next: { weird: `${pad}${secret}` } });
      });
      const run = await collect(
        {
          client: { base_url: "https://api.test", headers: { "X-Key": { $secret: "k" } } },
          resources: [
            { name: "text", endpoint: { path: "/text", paginator: "single_page" } },
            { name: "err", endpoint: { path: "/err", paginator: "single_page" } },
            {
              name: "total",
              endpoint: { path: "/json", data_selector: "data", paginator: { type: "page_number", total_path: "missing" } },
            },
            { name: "link", endpoint: { path: "/json", data_selector: "data", paginator: { type: "json_link", next_url_path: "next" } } },
          ],
        },
        api.fetch,
        { secrets: { k: secret } },
      );
      expect(leaks(JSON.stringify(run.events), secret), `cut near ${at}`).toEqual([]);
    }
  });
});
