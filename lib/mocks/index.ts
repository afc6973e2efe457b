/** lib/mocks: the built-in mock APIs (MSW handlers), shared by the app, the CLI's --mock and tests. */
import { getResponse, type HttpHandler } from "msw";
import { createHandlers, newState } from "./handlers";

export { MOCK_DEMO_SECRETS } from "./handlers";
export { describeMocks, type MockDescription } from "./describe";

export const MOCK_HOSTS = ["api.example.com", "login.example.com", "identity.example.com", "lab.example.com"] as const;

export function isMockUrl(url: string): boolean {
  try {
    return (MOCK_HOSTS as readonly string[]).includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export interface MockApi {
  /** Answers a request in-process; never touches the network. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly handlers: HttpHandler[];
  /** Every request answered so far (method and URL). */
  readonly requests: readonly { method: string; url: string }[];
  /** Forgets tokens and re-arms the faults. */
  reset(): void;
}

/** A fresh mock API: its own tokens and its own one-time faults (one instance per run). */
export function createMockApi(): MockApi {
  let state = newState();
  let handlers = createHandlers(state);
  const requests: { method: string; url: string }[] = [];
  return {
    get handlers() {
      return handlers;
    },
    requests,
    reset() {
      state = newState();
      handlers = createHandlers(state);
      requests.length = 0;
    },
    async fetch(request: Request) {
      requests.push({ method: request.method, url: request.url });
      const response = await getResponse(handlers, request);
      return response ?? Response.json({ error: `no mock for ${request.method} ${request.url}`, hint: `The built-in mocks serve ${MOCK_HOSTS.join(", ")}.` }, { status: 404 });
    },
  };
}

