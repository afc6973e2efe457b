/**
 * A sample JSON response: where its records are, how it pages (next links, cursors, totals) and which
 * field is the key. The address it came from is optional (`url`); the sample also becomes a mock API
 * that serves records like it, paged the way it suggests.
 */
import { findRecords, guessPaging, guessPrimaryKey } from "./detect";
import { nameFromPath } from "./openapi-ops";
import { clean, exampleRecordsOf, shapeOf } from "./shape";
import type { ImportResult } from "./types";
import { jsonPathOf } from "../shared/jsonpath-ng";

const DEFAULT_URL = "https://api.example.invalid/items";

export function importSample(text: string, url?: string): ImportResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      message: `Not a JSON response: ${e instanceof Error ? e.message : String(e)}. Paste the body an API answered with.`,
    };
  }
  let at: URL;
  try {
    at = new URL(url?.trim() || DEFAULT_URL);
  } catch {
    return {
      ok: false,
      message: `\`${url}\` is not a URL: expected the address the sample came from, e.g. https://api.example.com/v1/items.`,
    };
  }
  const source = { kind: "values", values: [body] } as const;
  const records = findRecords(source);
  if (!records)
    return {
      ok: false,
      message: 'The sample has no list of records: expected a JSON list, or an object with a list of objects in it (e.g. {"data": [...]}).',
    };
  const paging = guessPaging([], source, [], records);
  const path = at.pathname === "/" ? "/items" : at.pathname;
  const name = nameFromPath(path, false);
  const examples = exampleRecordsOf(records.items.kind === "values" ? records.items.values : []);
  const evidence = url ? "the address given with the sample" : "no address given: enter where the sample came from";
  const base = at.origin;
  return {
    ok: true,
    draft: {
      source: "sample",
      title: at.host,
      base_url: { value: base, evidence },
      auth: null,
      headers: null,
      notes: [],
      endpoints: [
        {
          id: `GET ${path}`,
          method: "GET",
          path,
          summary: `${examples.length} sample record${examples.length === 1 ? "" : "s"}`,
          kind: "collection",
          selected: true,
          name: { value: name, evidence: url ? `the URL's last path segment (${path})` : "a placeholder name: edit it" },
          params: null,
          headers: null,
          json: null,
          data: null,
          data_selector: { value: jsonPathOf(records.path), evidence: records.evidence },
          paginator: paging.guess,
          primary_key: guessPrimaryKey(records, name),
          parent: null,
          incremental: null,
        },
      ],
      mock: clean({
        title: at.host,
        base_url: base,
        auth: { kind: "none" as const },
        endpoints: [
          {
            path,
            kind: "collection" as const,
            records_path: records.path.slice(),
            record: shapeOf(records.items),
            examples,
            count: 45,
            paging: paging.mock,
            filters: [],
          },
        ],
      }),
    },
  };
}
