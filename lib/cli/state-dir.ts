/**
 * `--state-dir DIR`: what a run leaves for the next one, as JSON files in DIR — the destination
 * (`destination.json`: dlt's schema and every table's rows after the last successful load) and the
 * incremental state (`incremental.json`, by resource), as the playground keeps them per session, and the
 * target they came from (`target.json`: mock or live).
 *
 * `destination.json` is one JSON document written a row a line (`destinationLines`), in pieces: a
 * destination of some hundred thousand rows is more text than one string can hold (V8 stops at about
 * 512 MiB), so a file that large is read back line by line (`readDestinationLines`); smaller ones,
 * whatever their layout, with one `JSON.parse`.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dirname, resolve } from "node:path";
import { parseLossless, sideTables, type DataRecord, type IncrementalState, type SideTables } from "../engine";
import {
  adoptStateSpellings,
  createDestination,
  readDestinationState,
  stringifyJson,
  type Destination,
  type DestinationState,
} from "../preview";
import { batched, UsageError } from "./io";

export const DESTINATION_FILE = "destination.json";
export const INCREMENTAL_FILE = "incremental.json";
/** What the kept state came from (`{"target": "mock"}`): dlt's state does not know it, so a run that changes it is warned. */
export const TARGET_FILE = "target.json";

export type RunTarget = "mock" | "live";

export interface RunState {
  readonly destination: Destination;
  readonly incremental: Record<string, IncrementalState>;
  /** The target of the last run that changed the state; `null` for a new dir or one kept before the target was. */
  readonly target: RunTarget | null;
}

/** Whether the state holds anything a run would carry over: a load, or a cursor. */
export function keepsAnything(state: RunState): boolean {
  return state.destination.state().loads.length > 0 || Object.keys(state.incremental).length > 0;
}

/** `target.json`'s target; anything else (absent, unreadable, edited) is not known, which only silences the warning. */
async function readTarget(file: string): Promise<RunTarget | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    const target = (JSON.parse(text) as { target?: unknown } | null)?.target;
    return target === "mock" || target === "live" ? target : null;
  } catch {
    return null;
  }
}

async function readJson(file: string, sink?: SideTables): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return sink ? parseLossless(text, sink) : (JSON.parse(text) as unknown);
  } catch (e) {
    throw new UsageError(`${file} is not JSON (${(e as Error).message}): delete it to start over`);
  }
}

/** Files up to this size are read with one `JSON.parse`; larger ones line by line. */
export const WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/**
 * `destination.json` as `saveState` writes it, one JSON document:
 * the state without its rows up to `"rows":{` on the first line, then per table a line `"name":[`,
 * its rows a line each (`,` before all but the first) and `]` (`],` before the next table), and `}}`.
 */
export function* destinationLines(state: DestinationState): Generator<string> {
  const { rows, ...rest } = state;
  const head = JSON.stringify({ ...rest, rows: {} });
  yield `${head.slice(0, -2)}\n`;
  const tables = Object.entries(rows);
  for (let t = 0; t < tables.length; t++) {
    const [name, list] = tables[t] as [string, readonly DataRecord[]];
    yield `${JSON.stringify(name)}:[\n`;
    for (let i = 0; i < list.length; i++) yield `${i === 0 ? "" : ","}${stringifyJson(list[i])}\n`;
    yield t < tables.length - 1 ? "],\n" : "]\n";
  }
  yield "}}\n";
}

const TABLE_LINE = /^(".*"):\[$/;

/** Reads a `destination.json` in `destinationLines`' layout, a line at a time; `null` when it is not in that layout. */
export async function readDestinationLines(file: string, sink: SideTables = sideTables()): Promise<unknown> {
  const input = createReadStream(file, "utf8");
  const lines = createInterface({ input, crlfDelay: Infinity });
  let head: Record<string, unknown> | null = null;
  const tables: [string, unknown[]][] = [];
  let rows: unknown[] | null = null;
  let ended = false;
  try {
    for await (const line of lines) {
      if (ended) {
        if (line.trim() !== "") return null;
      } else if (head === null) {
        if (!line.endsWith('"rows":{')) return null;
        head = JSON.parse(`${line}}}`) as Record<string, unknown>;
      } else if (rows !== null) {
        if (line === "]" || line === "],") rows = null;
        else rows.push(parseLossless(line.startsWith(",") ? line.slice(1) : line, sink) as unknown);
      } else if (line === "}}") ended = true;
      else {
        const m = TABLE_LINE.exec(line);
        if (!m) return null;
        rows = [];
        tables.push([JSON.parse(m[1] as string) as string, rows]);
      }
    }
  } catch {
    return null;
  } finally {
    lines.close();
    input.destroy();
  }
  if (head === null || !ended) return null;
  // Own properties, as JSON.parse makes them (a table named `__proto__` included).
  return { ...head, rows: Object.fromEntries(tables) };
}

/** The stored destination: one `JSON.parse` up to `wholeBytes`, line by line beyond. */
async function readDestination(file: string, wholeBytes: number, sink: SideTables): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (size <= wholeBytes) return readJson(file, sink);
  const read = await readDestinationLines(file, sink);
  if (read === null)
    throw new UsageError(`${file} is too large to read whole and not in the layout restplay writes: delete it to start over`);
  return read;
}

/** The state in `dir` (a fresh destination and no incremental state when the files are not there yet). */
export async function loadState(dir: string, options: { readonly wholeBytes?: number } = {}): Promise<RunState> {
  // Read losslessly: json cells keep the number spellings `destinationLines` wrote (`46.0`).
  const sink = sideTables();
  const stored = await readDestination(resolve(dir, DESTINATION_FILE), options.wholeBytes ?? WHOLE_FILE_BYTES, sink);
  const read = stored === undefined ? null : readDestinationState(stored);
  if (read?.fault !== undefined)
    throw new UsageError(
      `${resolve(dir, DESTINATION_FILE)} is not a destination restplay can load onto: ${read.fault}; delete it to start over`,
    );
  const state = read?.state ?? null;
  if (state) adoptStateSpellings(state, sink);
  const incremental = await readJson(resolve(dir, INCREMENTAL_FILE));
  const isObject = typeof incremental === "object" && incremental !== null && !Array.isArray(incremental);
  // Not what restplay writes (an object by resource): said, not silently replaced by an empty state.
  if (incremental !== undefined && !isObject)
    throw new UsageError(
      `${resolve(dir, INCREMENTAL_FILE)} is not restplay's incremental state (an object by resource): delete it to start over`,
    );
  return {
    destination: createDestination({ state }),
    incremental: isObject ? (incremental as Record<string, IncrementalState>) : {},
    target: await readTarget(resolve(dir, TARGET_FILE)),
  };
}

/** Writes `file` in pieces through a temporary file of this process, renamed into place once complete. */
async function writeAtomically(file: string, pieces: Iterable<string>): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await pipeline(Readable.from(batched(pieces)), createWriteStream(tmp, "utf8"));
  await rename(tmp, file);
}

export const LOCK_FILE = ".lock";

/** Whether a process of this id runs (one that is not ours to signal runs too). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * `dir` and its missing parents, made one level at a time: Node's recursive `mkdir` never settles under a
 * directory where nothing can be made (`/proc/x`), where each plain `mkdir` fails at once.
 */
async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const found = await stat(at).catch(() => null);
    if (found || dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const d of missing)
    await mkdir(d).catch((e: unknown) => ((e as NodeJS.ErrnoException).code === "EEXIST" ? undefined : Promise.reject(e)));
}

/**
 * Holds `dir` for one run, from reading its state to writing it: creates it and `dir/.lock` (this
 * process's id), so a second run on the same dir (an overlapping cron job) is refused instead of
 * losing or mixing the first one's state. A lock whose process is gone is taken over. Resolves to the
 * release. A dir that cannot be made or written is a `UsageError` before anything runs.
 */
export async function lockStateDir(dir: string): Promise<() => Promise<void>> {
  const lock = resolve(dir, LOCK_FILE);
  const cannot = (e: unknown) => new UsageError(`cannot use ${dir} as the state dir: ${(e as Error).message}`);
  await makeDir(dir).catch((e: unknown) => {
    throw cannot(e);
  });
  // A file of that name (a typo: `--state-dir config.py`) is said as such, not as ENOTDIR on `DIR/.lock`.
  if ((await stat(dir).catch(() => null))?.isDirectory() === false)
    throw new UsageError(`cannot use ${dir} as the state dir: it is not a directory`);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => unlink(lock).catch(() => undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw cannot(e);
      const pid = Number((await readFile(lock, "utf8").catch(() => "")).trim());
      if (attempt === 0 && !(Number.isInteger(pid) && pid > 0 && alive(pid))) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      throw new UsageError(
        `${dir} is in use by another restplay run${pid > 0 ? ` (process ${pid})` : ""}: run again when it has ended, ` +
          `or delete ${lock} if no run uses it`,
      );
    }
  }
}

export async function saveState(dir: string, state: RunState): Promise<void> {
  await makeDir(dir);
  // Rows hold integers beyond 2^53 as digit strings (bigint columns), so plain JSON keeps them exact.
  await writeAtomically(resolve(dir, DESTINATION_FILE), destinationLines(state.destination.state()));
  await writeAtomically(resolve(dir, INCREMENTAL_FILE), [`${JSON.stringify(state.incremental, null, 2)}\n`]);
  if (state.target !== null) await writeAtomically(resolve(dir, TARGET_FILE), [`${JSON.stringify({ target: state.target })}\n`]);
}
