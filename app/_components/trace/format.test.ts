import { describe, expect, it } from "vitest";
import { adviceFor } from "./advice";
import { formatBytes, formatMs, plural, shortUrl, shownStatus } from "./format";

describe("trace formatting", () => {
  it("formats durations, sizes, URLs and counts", () => {
    expect([formatMs(84.4), formatMs(2000), formatMs(2500)]).toEqual(["84 ms", "2 s", "2.5 s"]);
    expect([formatBytes(87), formatBytes(60405), formatBytes(3 * 1024 * 1024)]).toEqual(["87 B", "59.0 KB", "3.0 MB"]);
    expect(shortUrl("https://api.example.com/v1/x?page=1&api_key=***")).toBe("api.example.com/v1/x?page=1&api_key=***");
    expect([plural(1, "record"), plural(1250, "record")]).toEqual(["1 record", "1,250 records"]);
  });

  it("advises by code and, for HTTP errors, by status", () => {
    expect(adviceFor({ code: "http_error", status: 403 })).toMatch(/Secrets panel/);
    expect(adviceFor({ code: "http_error", status: 404 })).toMatch(/base_url/);
    expect(adviceFor({ code: "network_error" })).toMatch(/RESTPLAY_ALLOW_HOSTS/);
    expect(adviceFor({ code: "auth_failed", status: 401 })).toMatch(/client_secret/);
  });

  it("says a resource a limit cut short is capped, and one a cancel stopped is cancelled, not failed", () => {
    const limit = { kind: "limit", key: "1", limit: "max_pages", message: "capped" } as const;
    const error = { kind: "error", key: "2", error: { code: "http_error", message: "404" } } as const;
    expect(shownStatus({ status: "ok", items: [limit] }, "capped")).toBe("capped");
    expect(shownStatus({ status: "ok", items: [] }, "done")).toBe("ok");
    expect(shownStatus({ status: "failed", items: [] }, "cancelled")).toBe("cancelled");
    expect(shownStatus({ status: "failed", items: [error] }, "cancelled")).toBe("failed");
    expect(shownStatus({ status: "failed", items: [] }, "failed")).toBe("failed");
  });
});
