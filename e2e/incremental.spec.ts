/** Incremental loading across runs of one playground session: the second run asks only for newer data. */
import { getExample } from "../lib/examples";
import { expect, test } from "./fixtures";

test("a second run starts from the last cursor value and the trace says so", async ({ playground: p }) => {
  const example = getExample("lab-incremental")!;
  await p.goto();
  await p.chooseExample(example.title);
  await expect(p.problemsSummary).toContainText("0 errors");
  expect(await p.run()).toBe("done");
  await expect(p.tableTab("events")).toHaveText("events 15");
  await expect(p.trace.getByTestId("trace-incremental")).toContainText('to "2025-06-02T20:00:00Z"');
  expect(await p.run()).toBe("done");
  await expect(p.trace.getByTestId("trace-request").first()).toContainText("since=2025-06-02T20%3A00%3A00Z");
  // The destination is kept for the session: the one newer event replaces its row (merge), 15 rows stay.
  await expect(p.tableTab("events")).toHaveText("events 15");
  await expect(p.trace.getByTestId("trace-incremental")).toContainText('from "2025-06-02T20:00:00Z"');
});
