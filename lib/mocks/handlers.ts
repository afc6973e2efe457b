/**
 * All mock API handlers, implemented server-side with MSW and independent of the engine (ARCHITECTURE
 * rule 4). Order matters: each route's own handler comes before its 405 fallback.
 */
import type { HttpHandler } from "msw";
import { accountingHandlers } from "./accounting";
import { docsHandlers } from "./docs";
import { labHandlers } from "./lab";
import { redirectHandlers } from "./redirects";
import { resourceHandlers } from "./resource";
import { specHandlers } from "./spec/handlers";
import type { MockState } from "./state";
import { TOKEN_ENDPOINTS, tokenEndpoint } from "./tokens";

export function createHandlers(state: MockState): HttpHandler[] {
  return [
    ...(state.options.spec ? specHandlers(state, state.options.spec) : []),
    ...TOKEN_ENDPOINTS.flatMap((url) => tokenEndpoint(state, url)),
    ...resourceHandlers(state),
    ...accountingHandlers(state),
    ...labHandlers(state),
    ...redirectHandlers(),
    ...docsHandlers(),
  ];
}
