/** Test helper: an imported config run against its spec mock (and the built-in mocks), folded into a summary. */
import type { MockSpec } from "../mocks";
import { createRunCollector, prepareRun, type RunSummary } from "../run";

export async function runOnMock(
  text: string,
  mockSpec: MockSpec | null,
  maxPages = 20,
): Promise<{ ok: boolean; summary: RunSummary; requests: string[] }> {
  const prepared = prepareRun({ text, target: "mock", limits: { maxPages }, ...(mockSpec ? { mockSpec } : {}) });
  if (!prepared.ok) throw new Error(`${prepared.code}: ${prepared.message}`);
  const collector = createRunCollector();
  const requests: string[] = [];
  for await (const e of prepared.events) {
    collector.push(e);
    if (e.type === "request") requests.push(`${e.method} ${e.url}`);
  }
  return { ok: collector.ok(), summary: collector.summary(), requests };
}
