/** The rest of the gallery (the lab API's examples in JSON, YAML and Python): each validates, runs and fills its tables. */
import { EXAMPLES } from "../lib/examples";
import { expect, test } from "./fixtures";

const LAB = EXAMPLES.filter((e) => !e.id.startsWith("seed-"));

test("every gallery example validates in its own format, runs against the mock and previews its rows", async ({ playground: p }) => {
  test.skip(LAB.length === 0, "the gallery has only the seeds");
  test.setTimeout(30_000 + LAB.length * 10_000);
  await p.goto();
  for (const example of LAB) {
    await test.step(example.id, async () => {
      await p.chooseExample(example.title);
      await expect(p.formatIndicator).toHaveAttribute("data-format", example.format);
      await expect(p.editorContainer).toHaveAttribute("data-model-language", example.format);
      await expect(p.problemsSummary).toContainText("0 errors");
      // The faults example exists to show failures: each fault must surface as an error with its code.
      const faults = example.id === "lab-faults";
      expect(await p.run(), `${example.id} run`).toMatch(faults ? /^failed$/ : /^(done|capped)$/);
      if (!faults) await expect(p.page.getByTestId("run-not-loaded")).toHaveCount(0);
      if (faults) {
        await expect(p.trace.getByTestId("trace-error").first()).toHaveAttribute("data-code", /^[a-z_]+$/);
        // Its tables show what it extracted, and say that dlt loads none of it.
        await expect(p.page.getByTestId("run-not-loaded")).toContainText("dlt loads nothing from this run: it did not finish");
        await p.page.screenshot({ path: "test-results/screenshots/lab-faults.png" });
      }
      for (const [resource, counts] of Object.entries(example.expected.resources)) {
        // A resource that yields nothing makes no table, as in dlt (decision 0016).
        if (counts.merged === 0) await expect(p.tableTab(resource)).toHaveCount(0);
        else await expect(p.tableTab(resource)).toHaveText(`${resource} ${counts.merged}`);
      }
    });
  }
});
