/** Test helper: the seed documents' Python code blocks, read from ../shared/seeds (tests only). */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";

/** shared/ sits beside the repository (CI clones it there too). */
export const SEEDS_DIR =
  [resolve(process.cwd(), "../shared/seeds"), resolve(__dirname ?? ".", "../../../shared/seeds")].find((d) => existsSync(d)) ??
  resolve(process.cwd(), "../shared/seeds");

export function seedBlocks(): { file: string; code: string }[] {
  if (!existsSync(SEEDS_DIR)) return [];
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => {
      const text = readFileSync(resolve(SEEDS_DIR, file), "utf8");
      const m = /```python\n([\s\S]*?)```/.exec(text);
      if (!m || m[1] === undefined) throw new Error(`no python block in ${file}`);
      return { file, code: m[1] };
    });
}
