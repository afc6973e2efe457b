/** Test helpers: run the CLI in-process against seed files in a temporary directory (tests only). */
import { main, type CliIO } from "../cli/main";
import { fetchTransport, type FetchLike } from "../engine";
import { seedBlocks } from "./seeds";
import { tempDir } from "./temp-dir";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function sink(isTTY = false): { write(s: string): void; readonly isTTY: boolean; readonly text: string } {
  let text = "";
  return {
    isTTY,
    write(s: string) {
      text += s;
    },
    get text() {
      return text;
    },
  };
}

export async function cli(
  args: string[],
  io: Partial<Omit<CliIO, "stdout" | "stderr">> & { tty?: boolean; fetch?: FetchLike } = {},
): Promise<CliResult> {
  const stdout = sink(io.tty);
  const stderr = sink(io.tty);
  const code = await main(args, {
    stdout,
    stderr,
    env: io.env ?? {},
    cwd: io.cwd ?? process.cwd(),
    // Tests never touch the network: a live run without an explicit transport or fetch fails loudly.
    transport:
      io.transport ?? fetchTransport(io.fetch ?? (async (r: Request) => Promise.reject(new Error(`test tried the network: ${r.url}`)))),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
    // The machine's own ~/.dlt is never read by a test: a test that wants a global settings dir names one.
    dltGlobalDir: io.dltGlobalDir ?? null,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Each seed's code block written to `seed-NNN.py` in a `tempDir` (removed after the file's tests); `write` returns the name. */
export function seedFiles(): {
  dir: string;
  files: { id: string; name: string; code: string }[];
  write(name: string, text: string): string;
} {
  const temp = tempDir("cli");
  const files = seedBlocks().map(({ file, code }) => {
    const id = file.slice(0, 3);
    const name = `seed-${id}.py`;
    temp.write(name, code);
    return { id, name, code };
  });
  return {
    dir: temp.dir,
    files,
    write(name, text) {
      temp.write(name, text);
      return name;
    },
  };
}

/** 1-based line and column of the first occurrence of `needle` (computed independently of lib/formats). */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: (before[before.length - 1] ?? "").length + 1 };
}

/**
 * A fake API for `cli(…, { fetch })`: five items `{id}` paged by `offset`/`limit` (`{items, total: 5}`), and the
 * query string of every request it saw (what a paginator's limit became).
 */
export function offsetItemsApi(): { readonly seen: string[]; fetch(req: Request): Promise<Response> } {
  const seen: string[] = [];
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    seen.push(url.search);
    const offset = Number(url.searchParams.get("offset"));
    const items = [0, 1, 2, 3, 4].slice(offset, offset + Number(url.searchParams.get("limit"))).map((id) => ({ id }));
    return new Response(JSON.stringify({ items, total: 5 }), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}
