/** Config texts the e2e specs type or paste: a gallery example's, and seed 002 with four errors. */
import { EXAMPLES } from "../lib/examples";

/** The gallery example `id`'s text, as its menu item loads it. */
export function exampleText(id: string): string {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return ex.text;
}

/** Four errors, three with a quick fix: seed 002 with three keys misspelt. */
export const FOUR_ERRORS = exampleText("seed-002")
  .replace('"limit"', '"limt"')
  .replace('"write_disposition"', '"write_dispositon"')
  .replace('"location"', '"locaton"');
