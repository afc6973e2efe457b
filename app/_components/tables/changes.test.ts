import { describe, expect, it } from "vitest";
import type { PreviewColumn } from "@/lib/preview";
import { changesLine } from "./changes";

const changes = { inserted: 2, updated: 1, deleted: 0, unchanged: 10 };
const id: PreviewColumn = { name: "id", data_type: "bigint", nullable: true };

describe("a table's changes in one line", () => {
  it("counts rows a load inserted, updated, deleted and kept", () => {
    expect(changesLine(changes, [id])).toBe("+2 inserted · ~1 updated · 0 deleted · 10 unchanged");
  });

  it("marks only the counts that are not 0", () => {
    expect(changesLine({ inserted: 0, updated: 0, deleted: 3, unchanged: 0 }, [id])).toBe(
      "0 inserted · 0 updated · −3 deleted · 0 unchanged",
    );
  });

  it("calls an scd2 table's updates what they are: versions retired", () => {
    const validTo: PreviewColumn = { name: "_dlt_valid_to", data_type: "timestamp", nullable: true, "x-valid-to": true };
    expect(changesLine(changes, [id, validTo])).toBe("+2 inserted · ~1 retired · 0 deleted · 10 unchanged");
  });
});
