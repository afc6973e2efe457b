/** What the CLI needs from the outside world, passed in so tests run it in-process. */
import { createReadStream } from "node:fs";
import { open, stat, unlink } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { fencedBlock, type SourceFormat } from "../formats";
import type { Transport } from "../engine";
import stringWidth from "string-width";

export interface Writer {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** A stream's `once("drain", …)` (process.stdout has it): `writePieces` waits for it when `write` said to. */
  once?(event: "drain", listener: () => void): unknown;
}

/** Characters gathered before a write: few write calls, no string near V8's limit. */
const BATCH = 64 * 1024;

/** The pieces gathered into batches of about `BATCH` characters (a large piece goes out as it is). */
export function* batched(pieces: Iterable<string>): Generator<string> {
  let batch = "";
  for (const piece of pieces) {
    if (piece.length >= BATCH) {
      if (batch !== "") yield batch;
      batch = piece;
    } else batch += piece;
    if (batch.length >= BATCH) {
      yield batch;
      batch = "";
    }
  }
  if (batch !== "") yield batch;
}

/**
 * Writes a document given in pieces (`jsonPieces`) in batches, waiting for a stream's `drain` when
 * it asks to: a document larger than a string can be, and no faster than the reader takes it.
 */
export async function writePieces(out: Writer, pieces: Iterable<string>): Promise<void> {
  for (const batch of batched(pieces))
    if (out.write(batch) === false && out.once) await new Promise<void>((resolve) => out.once?.("drain", resolve));
}

export interface CliIO {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The network for live runs (default: lib/net's live transport, unguarded). */
  readonly transport?: Transport;
  /** Aborts a run (the launcher wires it to Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Standard input, read whole: the config when the file is `-` (`cat config.py | restplay validate -`). */
  readonly stdin?: () => Promise<string>;
  /** dlt's global settings dir (`~/.dlt`): unset, found as dlt finds it (dlt-settings.ts); `null`, none (tests). */
  readonly dltGlobalDir?: string | null;
}

/** A failure of the command line itself (exit 2): a missing file, a bad option value. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface Source {
  /** The path as the user typed it (used in messages). */
  readonly file: string;
  /** The file's text, shown in excerpts. */
  readonly text: string;
  /** What is validated: `text`, or for Markdown the first config code block with everything else blanked. */
  readonly config: string;
  /** From the extension; `undefined` = detect from the text. */
  readonly format: SourceFormat | undefined;
  /** For a Markdown document, its config block alone: what a download is made from (decision 0034), never the prose. */
  readonly block?: string;
}

const EXTENSIONS: Record<string, SourceFormat> = { ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".py": "python" };

/** A config file or standard input larger than this is not a config (the route takes 1 MB): refused before it fills memory. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** A stream read whole as UTF-8, refused past `MAX_CONFIG_BYTES` (`/dev/zero`, `yes |` never end). */
export async function readCapped(stream: AsyncIterable<Uint8Array | string>, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    if (size > MAX_CONFIG_BYTES)
      throw new UsageError(`${what} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB: that is not a config restplay reads`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Text for a terminal: control characters from the input (an API's error body, a config's text) are
 * shown escaped (`\x1b`), not obeyed — a title change, a cleared screen, a moved cursor. The colour
 * sequences restplay itself writes (`ESC [ … m`) pass.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x0c\x0d\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]/g;
export const terminalSafe = (text: string): string => text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

export async function readSource(file: string, io: Pick<CliIO, "cwd" | "stdin">): Promise<Source> {
  if (file === "-") {
    if (!io.stdin) throw new UsageError("cannot read -: no standard input here");
    const text = await io.stdin();
    // The format is detected from the text, as for a file of another extension.
    return { file: "<stdin>", text: text.replace(/^\uFEFF/, ""), config: text.replace(/^\uFEFF/, ""), format: undefined };
  }
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    if ((await stat(path)).isDirectory()) throw new UsageError(`${file} is a directory, not a config file`);
    text = await readCapped(createReadStream(path), file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
    throw new UsageError(
      code === "ENOENT" ? `cannot read ${file}: no such file` : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  // A byte order mark (an editor on Windows saves one) is not part of the text: Python and YAML skip it too.
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const ext = extname(path).toLowerCase();
  if (MARKDOWN.has(ext)) {
    const block = fencedBlock(text);
    if (block) return { file, text, config: block.config, format: block.format, block: block.code };
  }
  return { file, text, config: text, format: EXTENSIONS[ext] };
}

const MARKDOWN = new Set([".md", ".markdown", ".txt"]);

/**
 * `file`, when a file can be written there (replacing one, or new in a folder that exists and can be
 * written); else a `UsageError` naming `option` and why, before anything runs.
 */
export async function writableFile(file: string, option: string): Promise<string> {
  // Opened, not only checked with access(): root passes access() where writing fails (/proc, a read-only mount).
  const tryOpen = (path: string, flags: string, then?: () => Promise<void>) =>
    open(path, flags).then(
      async (h) => {
        await h.close();
        await then?.();
        return null;
      },
      (e: NodeJS.ErrnoException) => e.code ?? "error",
    );
  const why = await stat(file).then(
    async (s) =>
      s.isDirectory()
        ? "it is a directory"
        : !s.isFile()
          ? "it is not a regular file (a device, a FIFO or a socket), which the written file would replace"
          : (await tryOpen(file, "r+")) === null
            ? null
            : "it cannot be written",
    async () =>
      await stat(dirname(file)).then(
        async (d) => {
          if (!d.isDirectory()) return `${dirname(file)} is not a directory`;
          const probe = resolve(dirname(file), `.restplay-write-check-${process.pid}-${Date.now()}`);
          return (await tryOpen(probe, "wx", () => unlink(probe))) === null ? null : `${dirname(file)} cannot be written`;
        },
        () => `${dirname(file)} does not exist`,
      ),
  );
  if (why !== null) throw new UsageError(`${option} ${file}: ${why}`);
  return file;
}
export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

/**
 * Colours only on a terminal, never with NO_COLOR set (https://no-color.org); FORCE_COLOR forces them,
 * and any other value of it (`0`, `false`) turns them off, as Node's own `hasColors()` reads it.
 */
export function styleFor(stream: Writer, env: CliIO["env"]): Style {
  const forced = env.FORCE_COLOR === undefined ? null : ["", "1", "true", "2", "3"].includes(env.FORCE_COLOR);
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  const enabled = !noColor && (forced ?? (stream.isTTY === true && env.TERM !== "dumb"));
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { enabled, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39) };
}

/** `text` padded to `width` terminal cells (wide characters such as emoji and CJK take two); `right`: aligned right. */
export function pad(text: string, width: number, right = false): string {
  const fill = " ".repeat(Math.max(0, width - stringWidth(text)));
  return right ? fill + text : text + fill;
}

/** The cells `text` takes in a terminal. */
export const cells = (text: string): number => stringWidth(text);
