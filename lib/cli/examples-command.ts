/**
 * `restplay examples [ID]`: the playground's gallery from the terminal. Without an id, one line per
 * example (id, format, title) on stdout, a line a script can split, and how to run one on stderr; with one,
 * the example's config as the gallery holds it, on stdout,
 * ready for `> file` and `restplay run file --mock` (every example runs against the built-in mocks).
 */
import { EXAMPLES, getExample } from "../examples";
import { cells, pad, styleFor, UsageError, type CliIO } from "./io";

const EXTENSION = { python: "py", json: "json", yaml: "yaml" } as const;

export function examplesCommand(id: string | undefined, io: CliIO): number {
  if (id !== undefined) {
    const example = getExample(id);
    if (!example) throw new UsageError(`no example ${id}; one of: ${EXAMPLES.map((e) => e.id).join(", ")}`);
    io.stdout.write(example.text.endsWith("\n") ? example.text : `${example.text}\n`);
    return 0;
  }
  const style = styleFor(io.stderr, io.env);
  const width = Math.max(...EXAMPLES.map((e) => cells(e.id)));
  for (const e of EXAMPLES) io.stdout.write(`${pad(e.id, width)}  ${pad(e.format, 6)}  ${e.title}\n`);
  const first = EXAMPLES[0];
  if (first) {
    const file = `${first.id}.${EXTENSION[first.format]}`;
    io.stderr.write(style.dim(`\nrestplay examples ${first.id} > ${file} && restplay run ${file} --mock\n`));
  }
  return 0;
}
