/** Test helpers: a temporary directory per test file, removed after its tests (tests only). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

export interface TempDir {
  /** The directory's absolute path. */
  readonly dir: string;
  /** Writes `text` to `name` (a path inside the directory; its folders are made) and returns the file's absolute path. */
  write(name: string, text: string | Uint8Array): string;
}

/**
 * A temporary directory `restplay-<prefix>-…` for one test file, removed after its tests (call it at the file's top
 * level or in a `describe` body, where vitest's `afterAll` is registered).
 */
export function tempDir(prefix: string): TempDir {
  const dir = mkdtempSync(join(tmpdir(), `restplay-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, text) {
      const file = join(dir, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
  };
}
