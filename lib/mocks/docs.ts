/**
 * The APIs of dlt's documented examples, in their real shapes, so a pasted docs pipeline runs offline
 * (issue 9): GitHub's issues and comments (`Link: <…>; rel="next"` paging, `per_page`/`page`, `since`)
 * and PokéAPI's lists (`{"count", "next", "previous", "results"}`, `limit`/`offset`).
 */
import { http, type HttpHandler } from "msw";
import { bearerOf, intParam, json } from "./respond";
import { DOCS_SECRETS, MOCK_DEMO_SECRETS } from "./secrets";

const GITHUB = "https://api.github.com";
const POKEAPI = "https://pokeapi.co/api/v2";
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const user = (n: number) => ({ login: `user${n % 7}`, id: 1000 + (n % 7), type: "User" });

/**
 * 160 open issues: 130 updated every 12 hours from 2024-01-01 (the docs example's `initial_value`
 * is 2024-01-25), then 30 every 36 hours from 2025-11-16 — before the mocks' clock (2026-01-01), so
 * the `dlt init rest_api` template's "the last 30 days" (`pendulum.today().subtract(days=30)`) finds some.
 */
const RECENT = Date.UTC(2025, 10, 16);
const ISSUES = Array.from({ length: 160 }, (_, i) => ({
  id: 2_000_000 + i + 1,
  number: i + 1,
  title: `Issue ${i + 1}`,
  state: "open",
  user: user(i),
  labels: i % 5 === 0 ? [{ id: 1, name: "bug" }] : [],
  comments: (i + 1) % 4,
  created_at: iso(i < 130 ? T0 + i * 6 * 3_600_000 : RECENT + (i - 130) * 36 * 3_600_000 - 48 * 3_600_000),
  updated_at: iso(i < 130 ? T0 + i * 12 * 3_600_000 : RECENT + (i - 130) * 36 * 3_600_000),
}));
const comments = (n: number) =>
  Array.from({ length: n % 4 }, (_, i) => ({
    id: n * 1000 + i,
    body: `Comment ${i + 1} on #${n}`,
    user: user(n + i),
    created_at: ISSUES[n - 1]?.updated_at,
  }));

const POKEMON_NAMES = ["bulbasaur", "ivysaur", "venusaur", "charmander", "charmeleon", "charizard", "squirtle", "wartortle", "blastoise"];
const LISTS: Readonly<Record<string, number>> = { pokemon: 151, berry: 64, location: 30 };
const named = (resource: string, i: number) => ({
  name: resource === "pokemon" ? (POKEMON_NAMES[i] ?? `pokemon-${i + 1}`) : `${resource}-${i + 1}`,
  url: `${POKEAPI}/${resource}/${i + 1}/`,
});

/** One page of a list with GitHub's Link header (`rel="next"`, `rel="last"`). */
function linkPage<T>(request: Request, all: readonly T[]): Response {
  const url = new URL(request.url);
  const perPage = intParam(url, "per_page", 30, 1, 100);
  if (perPage instanceof Response) return perPage;
  const page = intParam(url, "page", 1, 1, 10_000);
  if (page instanceof Response) return page;
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const at = (p: number) => {
    const u = new URL(url);
    u.searchParams.set("page", String(p));
    return u.toString();
  };
  const links = [...(page < last ? [`<${at(page + 1)}>; rel="next"`] : []), `<${at(last)}>; rel="last"`];
  return json(all.slice((page - 1) * perPage, page * perPage), 200, { Link: links.join(", ") });
}

/**
 * GitHub answers without a token (public repositories); a wrong one is `401 Bad credentials`. The demo
 * tokens a mock run fills in are right: the docs' `github_token`, and the `access_token` the `dlt init
 * rest_api` template reads (`sources.github.access_token`).
 */
const GITHUB_TOKENS: ReadonlySet<string> = new Set([DOCS_SECRETS.github_token, MOCK_DEMO_SECRETS.access_token as string]);
const badToken = (request: Request) => {
  const token = bearerOf(request);
  return token !== null && !GITHUB_TOKENS.has(token) ? json({ message: "Bad credentials", status: "401" }, 401) : null;
};

export function docsHandlers(): HttpHandler[] {
  return [
    http.get(`${GITHUB}/repos/:owner/:repo/issues`, ({ request }) => {
      const bad = badToken(request);
      if (bad) return bad;
      const url = new URL(request.url);
      const since = url.searchParams.get("since");
      const sinceMs = since === null ? null : Date.parse(since);
      if (sinceMs !== null && Number.isNaN(sinceMs))
        return json({ message: "Validation Failed", errors: [{ field: "since", code: "invalid" }] }, 422);
      const state = url.searchParams.get("state") ?? "open";
      let list = ISSUES.filter((i) => (state === "all" || i.state === state) && (sinceMs === null || Date.parse(i.updated_at) >= sinceMs));
      const key = url.searchParams.get("sort") === "created" ? "created_at" : "updated_at";
      list = [...list].sort((a, b) => a[key].localeCompare(b[key]));
      if ((url.searchParams.get("direction") ?? "desc") === "desc") list.reverse();
      return linkPage(request, list);
    }),
    http.get(`${GITHUB}/repos/:owner/:repo/issues/:number/comments`, ({ request, params }) => {
      const bad = badToken(request);
      if (bad) return bad;
      const n = Number(params.number);
      if (!Number.isInteger(n) || n < 1 || n > ISSUES.length) return json({ message: "Not Found", status: "404" }, 404);
      return linkPage(request, comments(n));
    }),
    http.get(`${POKEAPI}/:resource`, ({ request, params }) => {
      const resource = String(params.resource);
      const count = Object.hasOwn(LISTS, resource) ? LISTS[resource] : undefined;
      if (count === undefined) return json({ detail: "Not found." }, 404);
      const url = new URL(request.url);
      const limit = intParam(url, "limit", 20, 1, 100_000);
      if (limit instanceof Response) return limit;
      const offset = intParam(url, "offset", 0, 0, 100_000);
      if (offset instanceof Response) return offset;
      const page = (o: number) => `${POKEAPI}/${resource}?offset=${o}&limit=${limit}`;
      const results = Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) => named(resource, offset + i));
      return json({
        count,
        next: offset + limit < count ? page(offset + limit) : null,
        previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
        results,
      });
    }),
  ];
}
