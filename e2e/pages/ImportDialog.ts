import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

/** The bookshop OpenAPI document the import specs read (its mock serves `GET /books`). */
export const BOOKSHOP = readFileSync("lib/importers/fixtures/bookshop.openapi.yaml", "utf8");

/** The Import dialog (issue #11), as a user works it. */
export class ImportDialog {
  readonly dialog: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId("import-dialog");
    this.status = page.getByTestId("import-status");
  }

  /** From its header button, or on a phone (where Import is an item of the header's ⋯ menu) from that menu. */
  async open(): Promise<void> {
    const button = this.page.getByTestId("import-button");
    if (await button.isVisible()) await button.click();
    else {
      await this.page.getByTestId("header-more").click();
      await this.page.getByRole("menuitem", { name: /^Import/ }).click();
    }
    await expect(this.dialog).toBeVisible();
  }

  /** Pastes the text and reads it. */
  async read(text: string): Promise<void> {
    await this.dialog.getByTestId("import-text").fill(text);
    await this.dialog.getByTestId("import-analyse").click();
    await expect(this.dialog.getByTestId("import-endpoint").first()).toBeVisible();
  }

  endpoint(id: string): Locator {
    return this.dialog.locator(`[data-testid="import-endpoint"][data-endpoint="${id}"]`);
  }

  async tick(id: string): Promise<void> {
    await this.endpoint(id).locator('input[type="checkbox"]').first().check();
  }

  async insert(format?: "json" | "yaml" | "python"): Promise<void> {
    if (format) await this.dialog.getByTestId("import-format").selectOption(format);
    await expect(this.status).toHaveText(/Valid/);
    await this.dialog.getByTestId("import-insert").click();
    await expect(this.dialog).toBeHidden();
  }

  /** Imports the bookshop's `GET /books` as YAML from the dialog's opening on: its spec's mock is then active (the chip shows). */
  async insertBookshopBooks(): Promise<Locator> {
    await this.open();
    await this.read(BOOKSHOP);
    await this.tick("GET /books");
    await this.insert("yaml");
    const chip = this.page.getByTestId("spec-mock-chip");
    await expect(chip).toBeVisible();
    return chip;
  }
}
