/**
 * Findings from the records reach the config: seed 004 configures `primary_key: "id"` while its
 * records carry `BankTransactionID`; the finding sits on that value with a quick fix that writes the
 * right key, and disappears once the value changed. Cursor and type-hint findings likewise.
 */
import { describe, expect, it } from "vitest";
import { applyEdits, recordFindingDiagnostics, validateText, type RecordFinding } from "../config";
import { parseDocument } from "../formats";
import { getExample } from "../examples";
import { createRunCollector, prepareRun } from "./index";

async function findingsOf(text: string): Promise<RecordFinding[]> {
  const prepared = prepareRun({ text, target: "mock", resources: [], secrets: {}, limits: {} }, {});
  if (!prepared.ok) throw new Error(prepared.message);
  const collector = createRunCollector();
  for await (const e of prepared.events) collector.push(e);
  return collector.preview.findings();
}

describe("findings from the records", () => {
  it("seed 004: primary_key id → BankTransactionID, as a located quick fix", async () => {
    const text = getExample("seed-004")!.text;
    const findings = await findingsOf(text);
    const missing = findings.filter((f) => f.code === "record_primary_key_missing");
    expect(missing.map((f) => f.resource)).toContain("bank_transactions");
    const doc = validateText(text).document;
    const diags = recordFindingDiagnostics(doc, findings).filter((d) => d.code === "record_primary_key_missing");
    const bank = diags.find((d) => d.message.includes("bank_transactions"))!;
    expect(text.slice(bank.range.start, bank.range.end)).toBe('"id"');
    const fix = bank.fixes?.[0];
    expect(fix?.title).toBe('Set primary_key to "BankTransactionID"');
    const fixed = applyEdits(text, fix!.edits);
    expect(fixed).toContain('"primary_key": "BankTransactionID"');
    expect(validateText(fixed).valid).toBe(true);
    // After the fix the finding no longer applies to the value there.
    expect(
      recordFindingDiagnostics(validateText(fixed).document, findings).filter(
        (d) => d.message.includes("bank_transactions") && d.code === "record_primary_key_missing",
      ),
    ).toEqual([]);
  });

  it("a cursor_path the records lack, and a type hint they do not fit", async () => {
    const config = {
      client: { base_url: "https://lab.example.com" },
      resources: [
        {
          name: "events",
          primary_key: "id",
          columns: { title: { data_type: "bigint" } },
          endpoint: {
            path: "/events",
            data_selector: "data",
            paginator: "single_page",
            incremental: { cursor_path: "updatedAt", initial_value: "2025-06-02T06:00:00Z", on_cursor_value_missing: "include" },
          },
        },
      ],
    };
    const text = JSON.stringify(config, null, 2);
    const findings = await findingsOf(text);
    const doc = parseDocument(text, "json");
    const diags = recordFindingDiagnostics(doc, findings);
    const cursor = diags.find((d) => d.code === "record_cursor_missing");
    expect(cursor?.message).toMatch(/cursor_path `updatedAt` is missing/);
    expect(text.slice(cursor!.range.start, cursor!.range.end)).toBe('"updatedAt"');
    expect(applyEdits(text, cursor!.fixes![0]!.edits)).toContain('"cursor_path": "updated_at"');
    const conflict = diags.find((d) => d.code === "record_type_conflict");
    expect(conflict?.message).toMatch(/`title` is hinted `bigint`.*variant column `title__v_text`/);
    expect(applyEdits(text, conflict!.fixes![0]!.edits)).toContain('"data_type": "text"');
  });
});
