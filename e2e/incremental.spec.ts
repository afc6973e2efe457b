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
  // The destination is kept for the session. The mock sends the event at the cursor again: the first run loaded it (its
  // key's digest is in the state), so it is filtered out, as dlt does; 15 rows stay.
  await expect(p.tableTab("events")).toHaveText("events 15");
  await expect(p.trace.getByTestId("trace-incremental")).toContainText('from "2025-06-02T20:00:00Z"');
  await expect(p.trace.getByTestId("trace-incremental")).toContainText("1 record filtered out");
});

test("a run whose load job dlt fails loads nothing but moves the cursor, as dlt keeps the state its extract committed", async ({
  playground: p,
}) => {
  // dlt 1.26.0 on DuckDB (a loopback API, the same hint): a typed `nullable: false` column the records lack fails the
  // load job every run (NOT NULL constraint failed); each package is aborted and the next run asked from the cursor
  // the failed run reached (`since=0`, then `since=4`).
  const config = JSON.parse(getExample("lab-incremental")!.text) as { resources: Record<string, unknown>[] };
  config.resources[0]!.columns = { code: { data_type: "text", nullable: false } };
  await p.gotoWith(JSON.stringify(config, null, 2));
  await expect(p.problemsSummary).toContainText("0 errors");
  expect(await p.run()).toBe("done");
  const banner = p.page.getByTestId("run-not-loaded");
  await expect(banner).toContainText("a value DuckDB refuses in its load step");
  await expect(banner).toContainText("from the cursors this run reached");
  expect(await p.run()).toBe("done");
  await expect(p.trace.getByTestId("trace-request").first()).toContainText("since=2025-06-02T20%3A00%3A00Z");
});
