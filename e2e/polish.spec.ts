/**
 * The playground's rough edges a data engineer notices first: the Problems panel's room on a laptop and a
 * 1080p screen (and no panel moving when the first error or a run comes), a Live run's missing secrets said
 * before it runs, long secret names that wrap as words, and example descriptions whose `code` shows as code.
 */
import type { Page } from "@playwright/test";
import { EXAMPLES } from "../lib/examples";
import { expectLayoutSound, expectNoSeriousAxeViolations } from "./checks";
import { expect, test } from "./fixtures";
import { exampleText as text } from "./texts";

/** Each frame's box, rounded: what must not move. */
const frames = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("[data-dock-frame]")].map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.getAttribute("data-dock-frame")} ${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    }),
  );

for (const [size, listPx] of [
  [{ width: 1280, height: 720 }, 75],
  [{ width: 1920, height: 1080 }, 230],
] as const) {
  test(`${size.width}×${size.height}: Problems' toolbar in its title row, room for its list; an error or a run moves nothing`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.goto();
    expect(await p.layout()).toBe("wide");
    // The counts and the filter sit in the frame's header row, beside the title: the list below gets that row.
    const header = page.locator('[data-dock-frame="problems"] > header');
    const title = (await header.getByRole("heading", { name: "Problems" }).boundingBox())!;
    for (const id of ["problems-summary", "problems-filter"]) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(Math.abs(box.y + box.height / 2 - (title.y + title.height / 2)), `${id} beside the title`).toBeLessThan(4);
    }
    await expect(page.getByTestId("problems-show-warning")).toHaveAccessibleName(/1 warning/);
    const list = p.problems.getByRole("list", { name: "Problems" });
    const body = (await list.evaluate((ul) => ul.parentElement!.getBoundingClientRect().height)) as number;
    expect(body, "the list's room").toBeGreaterThanOrEqual(listPx);
    // The default example's first problem is wholly in sight, its quick fix too on a 1080p screen.
    await expect(p.problems.getByTestId("problem").first()).toBeInViewport({ ratio: size.height > 900 ? 1 : 0.5 });
    await expectLayoutSound(page, `fresh page at ${size.width}×${size.height}`);

    const before = await frames(page);
    await p.replaceWordInEditor('"base_url"', "base_ur");
    await expect(p.runButton).toHaveAttribute("aria-disabled", "true");
    expect(await frames(page), "after the first error").toEqual(before);
    await page.keyboard.press("Control+z");
    await expect(p.runButton).not.toHaveAttribute("aria-disabled", "true");
    expect(await p.run()).toBe("done");
    expect(await frames(page), "after a run").toEqual(before);
  });
}

test("Live with empty secrets: Run says which are missing before it runs and leads to them; filled, it runs; Mock never waits", async ({
  playground: p,
  page,
}) => {
  let runs = 0;
  page.on("request", (r) => {
    // The page's GET warms the server up; a run is a POST.
    if (r.url().endsWith("/api/run") && r.method() === "POST") runs++;
  });
  await p.gotoWith(text("seed-000"));
  await expect(p.runButton).not.toHaveAttribute("aria-disabled", "true");
  await page.getByRole("radio", { name: "Live" }).check();

  const why = "Live needs values for client_id, client_secret (see Secrets)";
  await expect(p.runButton).toHaveAttribute("aria-disabled", "true");
  await expect(p.runButton).toHaveAccessibleDescription(why);
  await expect(p.runButton).toHaveAttribute("title", new RegExp(`^${why.replace(/[()]/g, "\\$&")} \\(Run: `));
  await expect(page.getByTestId("run-blocked-reason")).toContainText(why);
  for (const name of ["client_id", "client_secret"]) await expect(p.secretInput(name)).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousAxeViolations(page, "Run blocked by missing secrets");

  // Ctrl+Enter in the editor: Monaco keeps the focus, nothing runs, the reason is announced.
  await p.editor.click();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("announcer")).toContainText(`Cannot run: ${why}.`);
  expect(await page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null)).toBe(true);
  // The Run button and the trace's hint lead to the first missing field.
  // (Playwright clicks no aria-disabled button: the keyboard presses it, as a user tabbing to it would.)
  await p.runButton.focus();
  await page.keyboard.press("Enter");
  await expect(p.secretInput("client_id")).toBeFocused();
  await p.runButton.focus();
  await p.trace.getByTestId("trace-fill-secrets").click();
  await expect(p.secretInput("client_id")).toBeFocused();
  expect(runs, "no run was sent").toBe(0);
  await expect(p.runStatus).toHaveAttribute("data-phase", "idle");

  await page.keyboard.type("my-client");
  await expect(p.runButton).toHaveAccessibleDescription("Live needs a value for client_secret (see Secrets)");
  await expect(p.secretInput("client_id")).not.toHaveAttribute("aria-invalid", "true");
  await p.secretInput("client_secret").fill("s3cret");
  await expect(p.runButton).not.toHaveAttribute("aria-disabled", "true");
  await expect(page.getByTestId("run-blocked-reason")).toHaveCount(0);

  // Mock: empty fields take the demo values, Run is never blocked by them.
  await p.secretInput("client_id").fill("");
  await p.secretInput("client_secret").fill("");
  await expect(p.runButton).toHaveAttribute("aria-disabled", "true");
  await page.getByRole("radio", { name: "Mock" }).check();
  await expect(p.runButton).not.toHaveAttribute("aria-disabled", "true");
  expect(await p.run()).toBe("done");
});

const LONG_NAMES = ["sources.my_very_long_source_name.client_credentials_id", "sources.my_very_long_source_name.client_credentials_secret"];
const LONG = `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {
        "base_url": "https://api.example.com",
        "auth": {
            "type": "oauth2_client_credentials",
            "access_token_url": "https://login.example.com/token",
            "client_id": dlt.secrets["${LONG_NAMES[0]}"],
            "client_secret": dlt.secrets["${LONG_NAMES[1]}"],
        },
    },
    "resources": [{"name": "items", "endpoint": {"path": "/v1/items"}}],
})
`;

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`${size.width}×${size.height}: a long secret name wraps after a dot or an underscore, whole in its title; a usable field`, async ({
    playground: p,
    page,
  }) => {
    await page.setViewportSize(size);
    await p.gotoWith(LONG);
    const names = p.secrets.getByTestId("secret-name");
    await expect(names).toHaveCount(2);
    for (const [i, name] of LONG_NAMES.entries()) {
      const el = names.nth(i);
      await expect(el).toHaveText(name);
      await expect(el).toHaveAttribute("title", name);
      // The character before every line break: each line ends at a `.` or `_`, never inside a word.
      const ends = await el.evaluate((span) => {
        const chars: { ch: string; top: number }[] = [];
        const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const t = node.textContent ?? "";
          for (let k = 0; k < t.length; k++) {
            const range = document.createRange();
            range.setStart(node, k);
            range.setEnd(node, k + 1);
            chars.push({ ch: t[k]!, top: Math.round(range.getBoundingClientRect().top) });
          }
        }
        return chars.flatMap((c, k) => (k > 0 && c.top > chars[k - 1]!.top + 2 ? [chars[k - 1]!.ch] : []));
      });
      // Above its field, the row's width: two lines at most (it took four in the name column at 1280 px).
      expect(ends.length, `${name}'s line breaks`).toBeLessThanOrEqual(1);
      if (size.width < 1500) expect(ends.length, `${name} wraps at 1280 px`).toBe(1);
      for (const ch of ends) expect([".", "_"], `${name} breaks after "${ch}"`).toContain(ch);
      const field = (await p.secretInput(name).boundingBox())!;
      expect(field.width, `${name}'s field`).toBeGreaterThanOrEqual(150);
    }
    await expectLayoutSound(page, `long secret names at ${size.width}×${size.height}`);
  });
}

test("the examples menu shows a description's `code` as code, without backticks", async ({ playground: p, page }) => {
  await p.goto();
  await page.getByTestId("examples-menu").click();
  const item = page.getByTestId("menu-item-seed-000");
  await expect(item.locator("code")).toHaveText(["data"]);
  await expect(item).toContainText("records under data.");
  await expect(item).not.toContainText("`");
  // Every example's description: no backtick left as text.
  for (const ex of EXAMPLES) await expect(page.getByTestId(`menu-item-${ex.id}`)).not.toContainText("`");
  await expectNoSeriousAxeViolations(page, "examples menu");
});
