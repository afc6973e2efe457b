/** `--mock-spec FILE`: the mock API an OpenAPI document (or a sample, or a HAR file) describes, for `run --mock` and `check --mock`. */
import type { MockSpec } from "../mocks";
import { readSource, UsageError, type CliIO } from "./io";

/**
 * `import --url` and `--sample-url` locate a sample response, which names no address of its own; any other
 * import names its own, and the address given would be silently ignored: a usage error instead.
 */
export function onlyForSample(option: string, file: string, source: string): void {
  if (source !== "sample")
    throw new UsageError(`${option} is for a sample response; ${file} is read as ${source}, which names its own address`);
}

/**
 * The mock `--mock-spec` names (none without it). `--sample-url` is where a sample response came from, as
 * `import --url` takes it: the mock then serves the config that import printed, not `api.example.invalid/items`.
 */
export async function readMockSpec(
  file: string | undefined,
  io: Pick<CliIO, "cwd" | "stdin">,
  options: { readonly sampleUrl?: string | undefined; readonly configFromStdin: boolean },
): Promise<MockSpec | undefined> {
  const { sampleUrl } = options;
  if (file === undefined) {
    if (sampleUrl !== undefined) throw new UsageError("--sample-url needs --mock-spec (the sample response it locates)");
    return undefined;
  }
  const { importText } = await import("../importers");
  // `-` is standard input, read once: the config read it already when it is `-` too.
  if (file === "-" && options.configFromStdin) throw new UsageError("the config and --mock-spec cannot both be - (standard input)");
  const source = await readSource(file, io);
  const result = importText(source.text, sampleUrl === undefined ? {} : { url: sampleUrl });
  if (!result.ok) throw new UsageError(`--mock-spec ${file}: ${result.message}`);
  if (sampleUrl !== undefined) onlyForSample("--sample-url", file, result.draft.source);
  if (!result.draft.mock)
    throw new UsageError(
      `--mock-spec ${file}: a ${result.draft.source} import describes no data to mock; ` +
        "use an OpenAPI document, a HAR file or a sample response",
    );
  return result.draft.mock;
}
