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

describe("CheckFold's first page when a yield_map gives its records later", () => {
  const page = (extra: object, count = 0) =>
    ({ type: "page", resource: "a", request_id: 1, count, selector: "data", selector_source: "configured", ...extra }) as never;

  it("waits for the last of them (`settled`) and counts them", () => {
    const fold = new CheckFold();
    fold.push({ type: "run_start", resources: ["a"] } as never);
    fold.push(page({ later: true }));
    expect(fold.complete()).toBe(false);
    fold.push(page({ continued: true }, 2));
    fold.push(page({ request_id: 2, continued: true }, 5));
    expect([fold.complete(), fold.report().rows[0]?.reason]).toEqual([
      false,
      "first page: 2 records so far (its yield_map still giving) at `data` (configured)",
    ]);
    fold.push(page({ continued: true, settled: true }));
    expect(fold.complete()).toBe(true);
    expect(fold.report().rows[0]).toMatchObject({ status: "pass", records: 2, reason: "first page: 2 records at `data` (configured)" });
  });

  it("takes what they gave when the resource ends first (closed by its incremental, or a limit)", () => {
    const fold = new CheckFold();
    fold.push({ type: "run_start", resources: ["a"] } as never);
    fold.push(page({ later: true }));
    fold.push(page({ continued: true }, 3));
    fold.push({ type: "resource_done", resource: "a", ok: true } as never);
    expect(fold.report().rows[0]).toMatchObject({ status: "pass", records: 3, reason: "first page: 3 records at `data` (configured)" });
  });
});
