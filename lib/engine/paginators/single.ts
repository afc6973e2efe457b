/** single_page: one request, then stop (even when the response has next links). */
import type { PaginatorImpl } from "./types";

export function singlePage(): PaginatorImpl<null> {
  return {
    type: "single_page",
    describe: "single_page",
    init: () => null,
    apply: (req) => req,
    label: () => "single_page",
    update: (s) => ({ decision: "stop", state: s, reason: "stopped: single_page makes one request", stop: "single_page" }),
  };
}
