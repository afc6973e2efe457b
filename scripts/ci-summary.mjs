// Prints the real totals of the last `npm test` as one line: "N passed, N failed".
// Reads vitest's JSON report and Playwright's JSON report (both written under test-results/).
// A missing report counts as one failure, so a suite that did not run can never look green.
import { readFileSync, existsSync } from "node:fs";

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null);
let passed = 0;
let failed = 0;
let skipped = 0;

const unit = read("test-results/vitest.json");
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
} else {
  console.error("ci-summary: no unit test report (test-results/vitest.json)");
  failed += 1;
}

const e2e = read("test-results/e2e.json");
if (e2e) {
  passed += (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0);
  failed += e2e.stats?.unexpected ?? 0;
  skipped += e2e.stats?.skipped ?? 0;
  if ((e2e.errors ?? []).length > 0) failed += e2e.errors.length;
} else {
  console.error("ci-summary: no e2e report (test-results/e2e.json)");
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
