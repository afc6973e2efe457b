/**
 * The schema's `type` unions and the engine's registries name the same types (issue #14). The
 * compiler already refuses a registry without a schema variant (`satisfies`); this proves the lists
 * the user sees (completion, hover, error messages) and the implementations agree at run time too.
 */
import { describe, expect, it } from "vitest";
import { AUTH_TYPES, PAGINATOR_TYPES } from "../config/schema";
import { AUTH_IMPLEMENTATIONS, PAGINATORS } from "./index";

describe("registries and the schema agree", () => {
  it("every paginator type of the schema has an implementation, and the reverse", () => {
    expect(Object.keys(PAGINATORS).sort()).toEqual([...PAGINATOR_TYPES].sort());
  });
  it("every auth type of the schema has an implementation, and the reverse", () => {
    expect(Object.keys(AUTH_IMPLEMENTATIONS).sort()).toEqual([...AUTH_TYPES].sort());
  });
});
