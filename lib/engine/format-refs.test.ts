/**
 * Text made with references (`{"$format": …}`, a Python f-string of dlt.secrets/dlt.config): the run
 * joins the parts with the values, as dlt's f-string does; a missing value fails as a missing secret
 * does; the values are masked in every event, inside the joined text too.
 */
import { describe, expect, it } from "vitest";
import { RefResolver } from "./refs";
import { collect, fakeFetch, json } from "../testing/engine";

const zendesk = {
  client: {
    base_url: { $format: ["https://", { $secret: "subdomain" }, ".zendesk.test/api/v2/"] },
    headers: { Authorization: { $format: ["Bearer ", { $secret: "api_token" }] } },
  },
  resources: [
    {
      name: "tickets",
      endpoint: { params: { q: { $format: ["org:", { $config: "org" }, " status:open"] } }, paginator: "single_page" },
    },
  ],
};

describe("RefResolver.bind of a $format", () => {
  it("joins the literal parts and the values, and records a missing value", () => {
    const refs = new RefResolver({ sub: "acme", token: "t-1" });
    expect(refs.bind({ url: { $format: ["https://", { $secret: "sub" }, ".x.test/", { $config: "v" }] } })).toEqual({
      url: "https://acme.x.test/",
    });
    expect([...refs.missing]).toEqual([["v", "config"]]);
    expect(refs.bind([{ $format: [{ $secret: "token" }] }, { $format: [] }])).toEqual(["t-1", ""]);
  });
});

describe("a run with f-strings of secrets", () => {
  const secrets = { subdomain: "acme-corp", api_token: "tok-secret-123", org: "org-77" };

  it("requests the URL, headers and params the f-strings make", async () => {
    const api = fakeFetch(() => json([{ id: 1 }]));
    const run = await collect(zendesk, api.fetch, { secrets });
    expect(run.errors).toEqual([]);
    expect(api.calls.map((c) => [c.url, c.headers.authorization])).toEqual([
      ["https://acme-corp.zendesk.test/api/v2/tickets?q=org%3Aorg-77+status%3Aopen", "Bearer tok-secret-123"],
    ]);
  });

  it("masks each value in every event: the host, the header and the query carry a*****e", async () => {
    const api = fakeFetch((req) => json([{ id: 1, echo: req.url }]));
    const run = await collect(zendesk, api.fetch, { secrets });
    const text = JSON.stringify(run.events);
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
    expect(text).toContain("https://a*****p.zendesk.test/api/v2/tickets");
  });

  it("fails the resource with missing_secret when a part's value is missing, before any request", async () => {
    const api = fakeFetch(() => json([]));
    const run = await collect(zendesk, api.fetch, { secrets: { subdomain: "acme-corp", org: "org-77" } });
    expect(api.calls).toHaveLength(0);
    expect(run.errors).toMatchObject([{ code: "missing_secret", resource: "tickets" }]);
    expect(run.errors[0]?.message).toContain('dlt.secrets["api_token"]');
  });

  it("fills a parent placeholder the f-string's text carries, per parent record", async () => {
    const api = fakeFetch((_req, _n, url) => json(url.pathname === "/users" ? [{ id: 7 }, { id: 8 }] : [{ n: 1 }]));
    const config = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "users", endpoint: { paginator: "single_page" } },
        {
          name: "posts",
          endpoint: { params: { uid: { $format: ["{resources.users.id}-", { $secret: "org" }] } }, paginator: "single_page" },
        },
      ],
    };
    const run = await collect(config, api.fetch, { secrets: { org: "org-77" } });
    expect(run.errors).toEqual([]);
    expect(api.urls()).toEqual(["https://api.test/users", "https://api.test/posts?uid=7-org-77", "https://api.test/posts?uid=8-org-77"]);
  });
});
