/** CheckFold keeps the error that failed each row (the playground's "what to do"), out of the report `check` prints. */
import { describe, expect, it } from "vitest";
import { CheckFold } from "./check";

describe("CheckFold.failures", () => {
  it("names each failed row's error code and status; a run-wide error fails every row not passed", () => {
    const fold = new CheckFold();
    fold.push({ type: "run_start", resources: ["a", "b", "c"] } as never);
    fold.push({ type: "error", resource: "a", error: { code: "http_error", message: "404 Not Found", status: 404 } });
    fold.push({ type: "page", resource: "b", count: 3, selector: "data", selector_source: "configured" } as never);
    fold.push({ type: "error", error: { code: "network_error", message: "no answer" } });
    expect(Object.fromEntries(fold.failures())).toEqual({ a: { code: "network_error" }, c: { code: "network_error" } });
    expect(JSON.stringify(fold.report())).not.toContain("failures");
  });

  it("keeps the HTTP status for advice that depends on it", () => {
    const fold = new CheckFold();
    fold.push({ type: "run_start", resources: ["a"] } as never);
    fold.push({ type: "error", resource: "a", error: { code: "http_error", message: "401", status: 401 } });
    expect(fold.failures().get("a")).toEqual({ code: "http_error", status: 401 });
    expect(fold.report().rows[0]?.status).toBe("fail");
  });
});
