/**
 * lib/mocks: the built-in mock APIs (MSW 2 handlers), shared by the app, the CLI's --mock, the loopback
 * server and tests. Never imports lib/engine: paging and auth are implemented here, server-side.
 */
import { getResponse, type HttpHandler } from "msw";
import { createHandlers } from "./handlers";
import { createState, resetState, type MockOptions } from "./state";

export { MOCK_DEMO_SECRETS } from "./secrets";
export { describeMocks, type MockEndpointDescription } from "./describe";
export type { MockOptions } from "./state";
export { MockSpecSchema, type MockAuth, type MockEndpoint, type MockPaging, type MockShape, type MockSpec } from "./spec/plan";

/**
 * cdn.example.com is the lab's second origin (redirects and next links that leave lab.example.com);
 * api.github.com and pokeapi.co are the APIs of dlt's documented examples (mocks/docs.ts).
 */
export const MOCK_HOSTS = [
  "api.example.com",
  "login.example.com",
  "identity.example.com",
  "lab.example.com",
  "cdn.example.com",
  "api.github.com",
  "pokeapi.co",
] as const;

/** True when `url` points at one of the mock hosts (what the mock fetch can answer). */
export function isMockUrl(url: string): boolean {
  try {
    return (MOCK_HOSTS as readonly string[]).includes(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

export interface MockApi {
  /** Answers a request in-process through msw's getResponse; never touches the network. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly handlers: HttpHandler[];
  /** Every request received so far (method and URL), in order. */
  readonly requests: readonly { readonly method: string; readonly url: string }[];
  /** Forgets issued tokens and the request log, and re-arms the one-time faults. */
  reset(): void;
}

const jsonError = (status: number, body: Record<string, string>) => Response.json(body, { status });

/**
 * A fresh mock API: its own tokens and its own one-time faults, so "one fault per run" holds per
 * instance. `options.seed` seeds the issued tokens; `options.now` makes tokens expire on that clock.
 */
export function createMockApi(options: MockOptions = {}): MockApi {
  const state = createState(options);
  const handlers = createHandlers(state);
  const requests: { method: string; url: string }[] = [];
  return {
    handlers,
    requests,
    reset() {
      resetState(state);
      requests.length = 0;
    },
    async fetch(request: Request) {
      requests.push({ method: request.method, url: request.url });
      try {
        const response = await getResponse(handlers, request);
        return (
          response ??
          jsonError(404, {
            error: `no mock for ${request.method} ${request.url}`,
            hint: `the built-in mocks serve ${MOCK_HOSTS.join(", ")}; see describeMocks()`,
          })
        );
      } catch (e) {
        return jsonError(500, { error: "mock_error", message: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}
