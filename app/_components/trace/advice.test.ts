import { describe, expect, it } from "vitest";
import { CheckFold } from "@/lib/run";
import type { EngineEvent } from "@/lib/engine";
import { adviceFor } from "./advice";

describe("what to do about a failed token request", () => {
  it("blames the credentials only when the token endpoint refused them", () => {
    expect(adviceFor({ code: "auth_failed", status: 401 })).toMatch(/credentials were refused/);
    expect(adviceFor({ code: "auth_failed", status: 400 })).toMatch(/credentials were refused/);
  });

  it("an endpoint that never answered (no status) points at its host, not at the credentials", () => {
    const advice = adviceFor({ code: "auth_failed" });
    expect(advice).toMatch(/did not answer: check the host/);
    expect(advice).not.toMatch(/refused/);
  });

  it("a token endpoint that failed on its side (5xx, 429) says the credentials were not judged", () => {
    expect(adviceFor({ code: "auth_failed", status: 503 })).toMatch(/failed on its side/);
    expect(adviceFor({ code: "auth_failed", status: 429 })).toMatch(/failed on its side/);
  });
});

describe("Check's auth column after a failed token request", () => {
  const check = (status: number | undefined) => {
    const fold = new CheckFold();
    const events = [
      { type: "run_start", resources: ["items"] },
      { type: "auth", resource: "items", step: "token_request" },
      {
        type: "error",
        resource: "items",
        error: { code: "auth_failed", message: "The token request failed", ...(status === undefined ? {} : { status }) },
      },
    ] as unknown as EngineEvent[];
    for (const e of events) fold.push(e);
    return fold.report().rows[0]?.auth;
  };

  it("says refused for a 401, no answer for an unreachable host, and the status for a server error", () => {
    expect(check(401)).toBe("token refused");
    expect(check(undefined)).toBe("no answer");
    expect(check(503)).toBe("token endpoint 503");
    expect(check(429)).toBe("token endpoint 429");
  });
});
