/**
 * `restplay run` on a Python file whose step returns a `date`: the table shows a `date` column, as dlt loads it
 * (twenty-seventh session).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const { dir, write } = tempDir("cli-dates");
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("../run")]);
}, 60_000);

const PY = `from datetime import date
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "items", "endpoint": {"path": "items"},
                   "processing_steps": [{"map": lambda x: {**x, "due": date(2024, 1, x["id"])}}]}],
})
`;

describe("restplay run: a date a step returns", () => {
  it("is a date column in the printed table", async () => {
    write("dates.py", PY);
    const fetch = async () => new Response('[{"id": 1}, {"id": 2}]', { headers: { "content-type": "application/json" } });
    const text = await cli(["run", "dates.py"], { cwd: dir, fetch });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("id bigint, due date");
    expect(text.stdout).toContain("2024-01-02");
    expect(text.stdout).not.toContain("shows their text");
  });
});
