/**
 * Figure 4: in Chromium against the production build — keystroke to updated diagnostics, Run to the first
 * table row against the mock, and a large live run (10,000 records from a loopback API): its wall time and
 * the longest task it held the page's main thread for. Timed inside the page (performance.now) with a
 * MutationObserver and a long-task observer.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { chromium } from "@playwright/test";
import { CHROMIUM } from "../e2e/chromium";
import { figure, info, percentile, type Figure } from "./figures";
import { EXAMPLES } from "../lib/examples";
import { startBenchServer, BENCH_TOKEN } from "./server";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Runs `fn` with a `next start` production server on a free loopback port (`pid`: the server's process). */
export async function withServer<T>(fn: (url: string, pid: number) => Promise<T>, env: Readonly<Record<string, string>> = {}): Promise<T> {
  const port = await freePort();
  const args = ["start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn("./node_modules/.bin/next", args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        if (i > 300) throw new Error("next start did not answer within 30 s");
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return await fn(url, child.pid ?? 0);
  } finally {
    child.kill("SIGTERM");
  }
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof chromium.launch>>["newPage"]>>;
type Browser = Awaited<ReturnType<typeof chromium.launch>>;
const VIEWPORT = { width: 1440, height: 900 };
/** Samples of each page-load and Run figure (single samples swing 2× with the machine's load); the median is the figure. */
const SAMPLES = 3;

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const list = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");

/** A fresh context (empty cache): navigation start to the first line of text in Monaco and to the first diagnostics. */
async function loadTimes(browser: Browser, url: string): Promise<{ text: number; diagnostics: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __load: { text: number; diagnostics: number } };
      w.__load = { text: 0, diagnostics: 0 };
      new MutationObserver(() => {
        if (!w.__load.text && document.querySelector(".monaco-editor .view-line")) w.__load.text = performance.now();
        const summary = document.querySelector('[data-testid="problems-summary"]')?.textContent;
        if (!w.__load.diagnostics && summary && !/checking/i.test(summary)) w.__load.diagnostics = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => {
      const load = (window as unknown as { __load: { text: number; diagnostics: number } }).__load;
      return load.text > 0 && load.diagnostics > 0;
    });
    return await page.evaluate(() => (window as unknown as { __load: { text: number; diagnostics: number } }).__load);
  } finally {
    await context.close();
  }
}

/** Keystroke (a `}` typed, then deleted) to the Problems summary's change, in ms. */
async function keystrokes(page: Page, url: string): Promise<number[]> {
  await page.goto(url);
  await page.locator(".monaco-editor").first().waitFor();
  await page.waitForFunction(
    () => !/checking/i.test(document.querySelector('[data-testid="problems-summary"]')?.textContent ?? "checking"),
  );
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { t0: number; times: number[] } };
    w.__bench = { t0: 0, times: [] };
    document.addEventListener("keydown", () => (w.__bench.t0 = performance.now()), true);
    const summary = document.querySelector('[data-testid="problems-summary"]');
    if (!summary) throw new Error("no problems summary");
    new MutationObserver(() => {
      if (w.__bench.t0) {
        w.__bench.times.push(performance.now() - w.__bench.t0);
        w.__bench.t0 = 0;
      }
    }).observe(summary, { subtree: true, childList: true, characterData: true });
  });
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  for (let i = 0; i < 12; i++) {
    await page.keyboard.type("}");
    await page.waitForTimeout(400);
    await page.keyboard.press("Backspace");
    await page.waitForTimeout(400);
  }
  const times = (await page.evaluate(() => (window as unknown as { __bench: { times: number[] } }).__bench.times)).slice(2);
  if (times.length < 10) throw new Error(`only ${times.length} diagnostics updates were observed`);
  return times.sort((a, b) => a - b);
}

/**
 * A fresh page load, Run clicked as soon as it is enabled: ms to the first data row of the tables.
 * With `text`, the page opens that document (as the Examples menu leaves it), else its default.
 * `settled`: Run is clicked once the page has settled (the editor shows its text, no request in
 * flight) instead, so the click does not race Monaco's start-up (its 1 MB of code evaluated on the
 * main thread, which the default example's figure measures).
 */
async function runToFirstRow(page: Page, url: string, text?: string, settled = false): Promise<number> {
  await page.goto(url);
  await page.evaluate((doc) => {
    if (doc === null) window.localStorage.removeItem("restplay:document");
    else window.localStorage.setItem("restplay:document", doc);
  }, text ?? null);
  await page.goto(url);
  await page.locator(".monaco-editor").first().waitFor();
  const run = page.getByTestId("run-button");
  await run.waitFor();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="run-button"]') as HTMLButtonElement | null)?.disabled);
  if (settled) {
    await page.locator(".monaco-editor .view-line").first().waitFor();
    await page.waitForLoadState("networkidle");
  }
  await page.evaluate(() => {
    const w = window as unknown as { __run: { t0: number; first: number } };
    w.__run = { t0: 0, first: 0 };
    document.querySelector('[data-testid="run-button"]')?.addEventListener("click", () => (w.__run.t0 = performance.now()), true);
    const tables = document.querySelector('[data-testid="tables"]');
    if (!tables) throw new Error("no tables region");
    new MutationObserver(() => {
      const row = tables.querySelector('[role="row"]:not([aria-rowindex="1"])');
      if (w.__run.t0 && !w.__run.first && row) w.__run.first = performance.now() - w.__run.t0;
    }).observe(tables, { subtree: true, childList: true });
  });
  await run.click();
  await page.waitForFunction(() => (window as unknown as { __run: { first: number } }).__run.first > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __run: { first: number } }).__run.first);
}

/** Pages of the large run (100 records each): the playground's default page limit, so the run is not capped. */
const LARGE_PAGES = 100;

/**
 * A fresh page with a live config of the engine figure's API (`LARGE_PAGES` pages of 100 records, a list and a
 * nested dict in each), Run clicked: ms to the run's end, and the longest task the main thread ran meanwhile.
 */
async function largeRun(browser: Browser, url: string, api: string): Promise<{ wall: number; longest: number; tasks: number }> {
  const config = {
    client: { base_url: api, auth: { type: "bearer", token: BENCH_TOKEN } },
    resources: [
      {
        name: "items",
        primary_key: "id",
        write_disposition: "merge",
        endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: 100, total_path: "total" } },
      },
    ],
  };
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate((doc) => window.localStorage.setItem("restplay:document", doc), JSON.stringify(config, null, 2));
    await page.goto(url);
    await page.getByRole("radio", { name: "Live" }).check();
    const run = page.getByTestId("run-button");
    await page.waitForFunction(() => !(document.querySelector('[data-testid="run-button"]') as HTMLButtonElement | null)?.disabled);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => {
      const w = window as unknown as { __large: { t0: number; tasks: number[] } };
      w.__large = { t0: 0, tasks: [] };
      document.querySelector('[data-testid="run-button"]')?.addEventListener("click", () => (w.__large.t0 = performance.now()), true);
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (w.__large.t0 && e.startTime >= w.__large.t0) w.__large.tasks.push(e.duration);
      }).observe({ entryTypes: ["longtask"] });
    });
    await run.click();
    const status = page.getByTestId("run-status");
    await page.waitForFunction(
      () => /^done$/.test(document.querySelector('[data-testid="run-status"]')?.getAttribute("data-phase") ?? ""),
      undefined,
      {
        timeout: 120_000,
      },
    );
    const wall = await page.evaluate(() => performance.now() - (window as unknown as { __large: { t0: number } }).__large.t0);
    const text = await status.innerText();
    const phase = await status.getAttribute("data-phase");
    if (phase !== "done" || !text.includes(`${(LARGE_PAGES * 100).toLocaleString("en-US")} records`))
      throw new Error(`the large run ended ${phase}: ${text}`);
    // Long tasks are reported after they end: the run's last one too.
    await page.waitForTimeout(200);
    const tasks = await page.evaluate(() => (window as unknown as { __large: { tasks: number[] } }).__large.tasks);
    return { wall, longest: Math.max(0, ...tasks), tasks: tasks.reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}

export async function browserFigures(): Promise<Figure[]> {
  const api = await startBenchServer(LARGE_PAGES * 100);
  try {
    // The loopback API is a live target: the server lets the run reach it (RESTPLAY_ALLOW_HOSTS).
    return await withServer((url) => measure(url, api.url), { RESTPLAY_ALLOW_HOSTS: "127.0.0.1" });
  } finally {
    await api.close();
  }
}

async function measure(url: string, api: string): Promise<Figure[]> {
  const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args] });
  try {
    const loads: { text: number; diagnostics: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) loads.push(await loadTimes(browser, url));
    const page = await browser.newPage({ viewport: VIEWPORT });
    const times = await keystrokes(page, url);
    const firstRows: number[] = [];
    for (let i = 0; i < SAMPLES; i++) firstRows.push(await runToFirstRow(page, url));
    // Every mock example whose run loads rows (the "on the mock examples"), three times each,
    // on a settled page: the first Run of a config the server has not run yet also compiles its code paths.
    const perExample: { id: string; first: number; median: number }[] = [];
    for (const ex of EXAMPLES) {
      if (!Object.values(ex.expected.resources).some((r) => r.merged > 0)) continue;
      const runs: number[] = [];
      for (let i = 0; i < SAMPLES; i++) runs.push(await runToFirstRow(page, url, ex.text, true));
      perExample.push({ id: ex.id, first: runs[0] ?? NaN, median: median(runs) });
    }
    await page.evaluate(() => window.localStorage.removeItem("restplay:document"));
    const worst = perExample.reduce((a, b) => (b.median > a.median ? b : a));
    const worstFirst = perExample.reduce((a, b) => (b.first > a.first ? b : a));
    const large: { wall: number; longest: number; tasks: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) large.push(await largeRun(browser, url, api));
    const texts = loads.map((l) => l.text);
    const diagnostics = loads.map((l) => l.diagnostics);
    return [
      figure("browser.keystroke_to_diagnostics_p50", percentile(times, 50), "ms", 150, {
        note: `${times.length} keystrokes in Monaco, production build`,
      }),
      figure("browser.keystroke_to_diagnostics_p95", percentile(times, 95), "ms", 150),
      figure("browser.run_to_first_row", median(firstRows), "ms", 300, {
        note: `Run (default example, mock) to the first table row, median of ${list(firstRows)}`,
      }),
      figure("browser.run_to_first_row_worst_example", worst.median, "ms", 300, {
        note: `the slowest of ${perExample.length} mock examples (median of ${SAMPLES} Runs each, the page settled): ${worst.id}`,
      }),
      info(
        "browser.run_to_first_row_worst_first_run",
        worstFirst.first,
        "ms",
        `an example's first Run on this server (its code paths compiled then): ${worstFirst.id}`,
      ),
      info("browser.load_to_editor_text", median(texts), "ms", `navigation start to text in Monaco, empty cache, median of ${list(texts)}`),
      figure("browser.load_to_first_diagnostics", median(diagnostics), "ms", 1500, {
        note: `navigation start to the Problems summary's first result, empty cache, median of ${list(diagnostics)}`,
      }),
      info(
        "browser.large_run_wall",
        median(large.map((l) => l.wall)),
        "ms",
        `Run to the end of a live run of ${LARGE_PAGES * 100} records (loopback API), median of ${list(large.map((l) => l.wall))}`,
      ),
      figure("browser.large_run_longest_task", median(large.map((l) => l.longest)), "ms", 200, {
        note:
          `the longest main-thread task during that run (a frame held that long), median of ${list(large.map((l) => l.longest))}; ` +
          `all long tasks ${list(large.map((l) => l.tasks))} ms`,
      }),
    ];
  } finally {
    await browser.close();
  }
}
