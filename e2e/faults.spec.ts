/** Fault scenarios whose trace must explain what happened. */
import { EXAMPLES } from "../lib/examples";
import { expect, test } from "./fixtures";

test("a slow response: the trace shows the timeout, dlt's backoff and the retry that succeeded", async ({ playground: p, page }) => {
  await p.goto();
  await p.chooseExample(EXAMPLES.find((e) => e.id === "lab-slow")!.title);
  expect(await p.run()).toBe("done");
  const trace = p.resourceTrace("slow_items");
  const retry = trace.getByTestId("trace-retry");
  await expect(retry).toHaveCount(1);
  await expect(retry).toContainText("timeout: no response within 60 s");
  await expect(retry).toContainText("waited 1 s (backoff)");
  await expect(retry).toContainText("virtual");
  await expect(trace.getByTestId("trace-request")).toHaveCount(2);
  await expect(trace.getByTestId("trace-request").last()).toHaveAttribute("data-status", "200");
  await expect(trace.getByTestId("trace-request").first().getByTestId("request-failure")).toHaveText("timeout");
  await trace.getByTestId("page-select").selectOption("1");
  await expect(trace.getByTestId("page-inspector")).toContainText("Request (2 attempts)");
  await expect(trace.getByTestId("page-inspector")).toContainText(
    "try 1: GET https://lab.example.com/slow/items timeout: no response within 60 s",
  );
  await expect(p.tableTab("slow_items")).toHaveText("slow_items 10");
  await page.screenshot({ path: "test-results/screenshots/slow-response.png" });
});

test("parallelized resources say how they ran: in order against the mock, same rows as without", async ({ playground: p, page }) => {
  const base = EXAMPLES.find((e) => e.id === "lab-parent-child")!.text;
  const text = base.replace("  - name: comments\n", "  - name: comments\n    parallelized: true\n");
  expect(text).not.toBe(base);
  await page.addInitScript((doc) => window.localStorage.setItem("restplay:document", doc), text);
  await p.goto();
  await expect(p.problemsSummary).toContainText("0 errors");
  expect(await p.run()).toBe("done");
  await expect(p.resourceTrace("comments").getByTestId("resource-parallelized")).toHaveText("parallelized · in order (mock)");
  await expect(p.resourceTrace("posts").getByTestId("resource-parallelized")).toHaveCount(0);
  await expect(p.tableTab("comments")).toHaveText("comments 21");
});
