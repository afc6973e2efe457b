/**
 * The console's database itself, below the read-only check (docs/security.md §7): even a statement
 * run directly on its connection reaches no file, network or extension and cannot unlock a setting;
 * it runs with one thread and the memory cap. The check in front (`console.test.ts`) refuses these
 * statements before DuckDB sees them; this proves the second wall holds on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDestination } from "../preview";
import { goldenCase } from "../testing/golden";
import { runGoldenOnce } from "../testing/golden-run";
import { openLockedDatabase, runReadOnly, type LockedDatabase } from "./index";
import { tempDir } from "../testing/temp-dir";

let db: LockedDatabase;
const { dir } = tempDir("lockdown");

beforeAll(async () => {
  const c = goldenCase("merge-primary-key");
  const destination = createDestination();
  for (const run of c.runs) await runGoldenOnce(c, run, destination);
  db = await openLockedDatabase(destination.state());
});
afterAll(() => db.close());

const direct = async (sql: string): Promise<string> => {
  try {
    await db.connection.run(sql);
    return "ran";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

describe("the console's database, without the read-only check", () => {
  it("cannot turn external access back on or unlock its configuration", async () => {
    for (const sql of [
      "SET enable_external_access = true",
      "RESET enable_external_access",
      "SET lock_configuration = false",
      "SET memory_limit = '8GB'",
      "SET threads = 8",
      "SET autoinstall_known_extensions = true",
    ]) {
      expect(await direct(sql), sql).toMatch(/configuration has been locked/);
    }
  });

  it("cannot ATTACH, COPY, INSTALL or LOAD", async () => {
    const file = join(dir, "x");
    expect(await direct(`ATTACH '${file}.db'`)).toMatch(/disabled by configuration/);
    expect(await direct(`COPY (SELECT 1) TO '${file}.csv'`)).toMatch(/disabled by configuration/);
    expect(await direct(`EXPORT DATABASE '${file}-export'`)).toMatch(/disabled by configuration/);
    expect(await direct("INSTALL httpfs")).toMatch(/disabled by configuration/);
    expect(await direct("LOAD httpfs")).toMatch(/disabled through configuration/);
    expect(await direct(`LOAD '${file}.so'`)).toMatch(/disabled through configuration/);
    expect([existsSync(`${file}.db`), existsSync(`${file}.csv`), existsSync(`${file}-export`)]).toEqual([false, false, false]);
  });

  it("reads no file and no URL through any table function", async () => {
    for (const sql of [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM read_csv_auto('/etc/passwd')",
      "SELECT * FROM sniff_csv('/etc/passwd')",
      "SELECT * FROM read_text('/etc/hostname')",
      "SELECT * FROM read_blob('/etc/hostname')",
      "SELECT * FROM read_json_auto('/etc/hostname')",
      "SELECT * FROM read_parquet('/etc/hostname')",
      "SELECT * FROM glob('/*')",
      "SELECT * FROM read_csv('https://example.com/x.csv')",
    ]) {
      expect(await direct(sql), sql).toMatch(/disabled by configuration|disabled through configuration/);
    }
    expect(await direct("SELECT * FROM '/etc/passwd'")).toMatch(/does not exist/);
    expect(await direct("SELECT * FROM query('ATTACH ''/tmp/x.db''')")).toMatch(/single SELECT/);
  });

  it("runs with one thread, 256 MB, external access off and the configuration locked", async () => {
    const out = await runReadOnly(
      db.connection,
      "SELECT current_setting('threads'), current_setting('memory_limit'), current_setting('enable_external_access'), " +
        "current_setting('lock_configuration'), current_setting('autoload_known_extensions')",
    );
    expect(out.ok && out.result.rows).toEqual([["1", "244.1 MiB", false, true, false]]); // 256 MB = 244.1 MiB;
  });
});
