import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";

export type DownloadKind = "json" | "yaml" | "python" | "secrets";

const DOWNLOAD_LABEL: Record<DownloadKind, RegExp> = {
  json: /JSON config/,
  yaml: /YAML config/,
  python: /Python script/,
  secrets: /secrets\.toml template/,
};

/** The playground screen, as a user sees it. */
export class PlaygroundPage {
  readonly editor: Locator;
  /** Carries `data-model-language`: the language Monaco's model really has. */
  readonly editorContainer: Locator;
  readonly problems: Locator;
  readonly problemsSummary: Locator;
  readonly secrets: Locator;
  readonly trace: Locator;
  readonly runStatus: Locator;
  readonly tables: Locator;
  readonly runButton: Locator;
  readonly formatIndicator: Locator;

  constructor(readonly page: Page) {
    this.editor = page.locator(".monaco-editor").first();
    this.editorContainer = page.locator("[data-model-language]");
    this.problems = page.getByTestId("problems");
    this.problemsSummary = page.getByTestId("problems-summary");
    this.secrets = page.getByTestId("secrets");
    this.trace = page.getByTestId("trace");
    this.runStatus = page.getByTestId("run-status");
    this.tables = page.getByTestId("tables");
    this.runButton = page.getByTestId("run-button");
    this.formatIndicator = page.getByTestId("format-indicator");
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
    await this.ready();
  }

  /** The editor and the first validation are in (the editor may sit in a hidden tab on a narrow screen). */
  async ready(): Promise<void> {
    await expect(this.editor).toBeAttached();
    await expect(this.problemsSummary).not.toHaveText(/checking/);
  }

  /** Loads the page with this document (as if autosaved) and, if given, this theme. */
  async gotoWith(text: string, theme?: "light" | "dark"): Promise<void> {
    if (this.page.url() === "about:blank") await this.page.goto("/");
    await this.page.evaluate(
      ([doc, t]) => {
        window.localStorage.setItem("restplay:document", doc ?? "");
        if (t) window.localStorage.setItem("restplay:theme", t);
      },
      [text, theme] as const,
    );
    await this.page.reload();
    await this.ready();
  }

  /** A result view's tab (the medium and narrow layouts), or the editor's (narrow). */
  viewTab(view: "editor" | "problems" | "secrets" | "trace" | "tables"): Locator {
    return this.page.getByTestId(`tab-${view}`);
  }

  /** The layout the workbench chose for the window: wide, medium or narrow. */
  async layout(): Promise<string> {
    await expect(this.page.locator("main[data-layout]")).not.toHaveAttribute("data-layout", "pending");
    return (await this.page.locator("main[data-layout]").getAttribute("data-layout")) ?? "";
  }

  async chooseExample(title: string): Promise<void> {
    await this.page.getByTestId("examples-menu").click();
    await this.page.getByRole("menuitem", { name: title }).click();
  }

  /** The text of the editor's rendered lines (Monaco renders only what is visible). */
  editorLines(): Locator {
    return this.page.locator(".monaco-editor .view-lines");
  }

  /**
   * Double-clicks a word of the editor (selecting it), then types over it. The token's own span is
   * waited for: until Monaco has tokenized a line it renders the line as one span, whose middle is
   * some other word.
   */
  async replaceWordInEditor(token: string, replacement: string): Promise<void> {
    const exact = new RegExp(`^${token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
    const span = this.page.locator(".monaco-editor .view-line span span").filter({ hasText: exact }).first();
    await span.dblclick();
    await this.page.keyboard.type(replacement);
  }

  problem(code: string): Locator {
    return this.problems.locator(`[data-testid="problem"][data-code="${code}"]`);
  }

  /**
   * In a window of this size, loads this document, runs it to `done` and shows the Tables (a tab of the medium layout);
   * returns the grid, in sight.
   */
  async runShowingTables(size: { width: number; height: number }, text: string, theme?: "light" | "dark"): Promise<Locator> {
    await this.page.setViewportSize(size);
    await this.gotoWith(text, theme);
    expect(await this.run()).toBe("done");
    if ((await this.layout()) === "medium") await this.viewTab("tables").click();
    const grid = this.tables.getByTestId("data-table");
    await expect(grid).toBeVisible();
    return grid;
  }

  /** Clicks Run and waits for the run to end; returns the final phase (done, capped, failed, cancelled). */
  async run(): Promise<string> {
    await expect(this.runButton).toBeEnabled();
    await this.runButton.click();
    return this.waitForRunEnd();
  }

  /** Clicks Run with the run's request held: the page stays running until `release()` (to look at the running state). */
  async runHeld(): Promise<() => void> {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await this.page.route("**/api/run", async (route) => {
      await held;
      await route.continue();
    });
    await this.runButton.click();
    await expect(this.runStatus).toHaveAttribute("data-phase", "running");
    return release;
  }

  async waitForRunEnd(): Promise<string> {
    await expect(this.runStatus).not.toHaveAttribute("data-phase", /^(idle|running)$/, { timeout: 30_000 });
    return (await this.runStatus.getAttribute("data-phase")) ?? "";
  }

  resourceTrace(name: string): Locator {
    return this.trace.locator(`[data-testid="trace-resource"][data-resource="${name}"]`);
  }

  tableTab(name: string): Locator {
    return this.tables.getByRole("tab", { name: new RegExp(`^${name} `) });
  }

  async download(kind: DownloadKind): Promise<{ filename: string; text: string }> {
    await this.page.getByTestId("download-menu").click();
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("menuitem", { name: DOWNLOAD_LABEL[kind] }).click(),
    ]);
    return this.readDownload(download);
  }

  async readDownload(download: import("@playwright/test").Download): Promise<{ filename: string; text: string }> {
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: await readFile(path, "utf8") };
  }

  secretInput(name: string): Locator {
    return this.page.locator(`[id="secret-secret-${name}"]`);
  }
}
