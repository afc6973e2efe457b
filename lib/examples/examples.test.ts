import { describe, expect, it } from "vitest";
import { EXAMPLES, SEED_EXAMPLES, getExample } from "./index";
import { seedBlocks } from "../testing/seeds";

describe("gallery examples", () => {
  const seeds = seedBlocks();
  it("are the five seeds' code blocks, byte for byte", () => {
    expect(seeds.length).toBe(5);
    expect(SEED_EXAMPLES.map((e) => e.text)).toEqual(seeds.map((s) => s.code));
    expect(SEED_EXAMPLES.map((e) => e.source)).toEqual(seeds.map((s) => `shared/seeds/${s.file}`));
    expect(EXAMPLES.slice(0, 5)).toEqual(SEED_EXAMPLES);
  });
  it("can be looked up by id", () => {
    expect(getExample("seed-004")?.expected.resources.contacts).toEqual({ fetched: 251, merged: 251 });
    expect(getExample("nope")).toBeUndefined();
  });
});
