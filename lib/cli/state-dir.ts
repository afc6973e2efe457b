/**
 * `--state-dir DIR`: what a run leaves for the next one, as JSON files in DIR — the destination
 * (`destination.json`: dlt's schema and every table's rows after the last successful load) and the
 * incremental state (`incremental.json`, by resource), as the playground keeps them per session.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { IncrementalState } from "../engine";
import { createDestination, parseDestinationState, type Destination } from "../preview";
import { UsageError } from "./io";

export const DESTINATION_FILE = "destination.json";
export const INCREMENTAL_FILE = "incremental.json";

export interface RunState {
  readonly destination: Destination;
  readonly incremental: Record<string, IncrementalState>;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${file} is not JSON (${(e as Error).message}): delete it to start over`);
  }
}

/** The state in `dir` (a fresh destination and no incremental state when the files are not there yet). */
export async function loadState(dir: string): Promise<RunState> {
  const stored = await readJson(resolve(dir, DESTINATION_FILE));
  const state = stored === undefined ? null : parseDestinationState(stored);
  if (stored !== undefined && state === null)
    throw new UsageError(`${resolve(dir, DESTINATION_FILE)} is not a restplay destination (version 1): delete it to start over`);
  const incremental = await readJson(resolve(dir, INCREMENTAL_FILE));
  const isObject = typeof incremental === "object" && incremental !== null && !Array.isArray(incremental);
  return { destination: createDestination({ state }), incremental: isObject ? (incremental as Record<string, IncrementalState>) : {} };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, "utf8");
  await rename(`${file}.tmp`, file);
}

export async function saveState(dir: string, state: RunState): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Rows hold integers beyond 2^53 as digit strings (bigint columns), so plain JSON keeps them exact.
  await writeAtomically(resolve(dir, DESTINATION_FILE), `${JSON.stringify(state.destination.state())}\n`);
  await writeAtomically(resolve(dir, INCREMENTAL_FILE), `${JSON.stringify(state.incremental, null, 2)}\n`);
}
