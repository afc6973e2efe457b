/** `--mock-spec FILE`: the mock API an OpenAPI document (or a sample, or a HAR file) describes, for `run --mock` and `check --mock`. */
import type { MockSpec } from "../mocks";
import { readSource, UsageError } from "./io";

export async function readMockSpec(file: string, cwd: string): Promise<MockSpec> {
  const { importText } = await import("../importers");
  const source = await readSource(file, { cwd });
  const result = importText(source.text);
  if (!result.ok) throw new UsageError(`--mock-spec ${file}: ${result.message}`);
  if (!result.draft.mock)
    throw new UsageError(
      `--mock-spec ${file}: a ${result.draft.source} import describes no data to mock; ` +
        "use an OpenAPI document, a HAR file or a sample response",
    );
  return result.draft.mock;
}
