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
  await expect(trace.getByTestId("page-inspector")).toContainText("try 1: GET https://lab.example.com/slow/items timeout: no response within 60 s");
  await expect(p.tableTab("slow_items")).toHaveText("slow_items 10");
  await page.screenshot({ path: "test-results/screenshots/slow-response.png" });
});
