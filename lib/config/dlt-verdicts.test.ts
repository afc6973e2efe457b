/**
 * Configs scripts/dlt-diff-validate.ts found restplay's verdict differing on from dlt 1.26.0's (`rest_api_source(config)`,
 * scripts/validate-configs.py), with dlt's answer recorded beside each (twenty-ninth session, seeds 29290 and 29291).
 */
import { describe, expect, it } from "vitest";
import { validateText } from "./validate";
import type { SourceFormat } from "../formats";

const errors = (text: string, format: SourceFormat) =>
  validateText(text, format)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.code, d.path]);
const withToken = (token: unknown) =>
  JSON.stringify({ client: { base_url: "https://api.example.com/", auth: { token } }, resources: ["issues"] });

describe("a reference with `$cast`, `$get` or `$param` and one key more", () => {
  // dlt 1.26.0 on {"token": {"$secret": "x", "$param": True, "columns": 1}}: DictValidationException, `token` "has invalid
  // type `dict` while `str` is expected" (the reference's two keys alone: built). restplay dropped the key of a number, a
  // null, a list or a dict, and read a plain reference.
  it.each([
    [{ $secret: "sources.github_source.github_token", $param: true, columns: 1 }, "columns"],
    [{ $secret: "token", $get: true, bogus: { a: 1 } }, "bogus"],
    [{ $config: "token", $param: true, headers: null }, "headers"],
    [{ $secret: "token", $get: "str", $cast: 5 }, "$cast"],
  ])("is no reference: the key is named (%j)", (token, key) => {
    expect(errors(withToken(token), "json")).toEqual([["unknown_key", `/client/auth/token/${key.replace("/", "~1")}`]]);
  });

  it("YAML alike; the reference and its one extra key alone stay a reference", () => {
    const yaml = (extra: string) =>
      `client:\n  base_url: https://api.example.com/\n  auth:\n    token:\n      $secret: t\n      $param: true\n${extra}resources: [issues]\n`;
    expect(errors(yaml("      limit: 10\n"), "yaml")).toEqual([["unknown_key", "/client/auth/token/limit"]]);
    expect(errors(yaml(""), "yaml")).toEqual([]);
    expect(errors(withToken({ $secret: "t", $param: true }), "json")).toEqual([]);
  });
});
