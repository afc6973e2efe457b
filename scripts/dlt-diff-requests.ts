/**
 * How scripts/dlt-diff.ts compares runs against generated APIs (`--paging`, `--actions`): the requests
 * each resource makes, the records it loads and whether the run fails.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateText } from "../lib/config";
import { createVirtualClock, extract, fetchTransport, type Json } from "../lib/engine";
import { parseJson } from "../lib/shared";
import { runOracle, type DltOut } from "./dlt-diff-sides";

/** A request as `path?sorted query` (the two sides order query parameters differently). */
export const requestKey = (sent: string): string => {
  // The oracle writes a request that raised (an HTTP error) as `GET <url> {'page': 3}`: its params as a Python dict.
  const [, url = sent, params = ""] = /^(?:GET )?(\S+)(?: (\{.*\}))?$/.exec(sent) ?? [];
  const u = new URL(url);
  for (const [, k = "", v = ""] of params.matchAll(/'([^']*)': '?([^',}]*)'?/g)) u.searchParams.set(k, v);
  return `${u.pathname}?${[...u.searchParams]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("&")}`;
};

/** What the API saw: every request (retries included), and a way to make it answer the next side as it answered the first. */
export interface Attempts {
  readonly log: URL[];
  reset(): void;
}

/**
 * Each resource against a generated API: the requests it makes and its record count, and whether the run fails; with
 * `attempts`, also every request the API saw from each side, in order (retries included).
 */
export async function compareRequests(
  config: Record<string, Json>,
  dir: string,
  attempts?: Attempts,
  described?: string[],
): Promise<string[]> {
  const configPath = join(dir, "config.json");
  writeFileSync(configPath, JSON.stringify(config));
  attempts?.reset();
  const dltRaw = await runOracle(configPath);
  // `described`: the requests as the API wrote them down (what they carried), instead of their URLs.
  const saw = (): string[] => (described ? described.splice(0) : (attempts?.log.splice(0) ?? []).map((u) => requestKey(u.href)));
  const dltSaw = attempts ? saw() : [];
  attempts?.reset();
  writeFileSync(join(dir, "dlt.json"), dltRaw);
  const dlt = parseJson(dltRaw, new WeakMap()) as unknown as DltOut;
  const v = validateText(JSON.stringify(config), "json");
  if (!v.source) {
    // An error that says dlt fails when it runs (a response action without `action`) agrees with a dlt that fails.
    const errors = v.diagnostics.filter((d) => d.severity === "error");
    if (dlt.error !== null && errors.every((d) => /dlt (?:\w+ )?fails|fails at its first response/.test(d.message))) return [];
    // …and with a dlt that never asked that endpoint (its parent gave no records): stricter by design, as documented.
    const resources = Array.isArray(config.resources) ? config.resources : [];
    const unasked = (d: (typeof errors)[number]): boolean => {
      const entry = resources[Number(/^\/resources\/(\d+)\//.exec(d.path)?.[1] ?? -1)];
      const name = typeof entry === "string" ? entry : entry && typeof entry === "object" && !Array.isArray(entry) ? entry.name : null;
      return typeof name === "string" && (dlt.resources?.[name]?.requests ?? []).length === 0;
    };
    if (errors.every((d) => /fails at its first response/.test(d.message) && unasked(d))) return [];
    return [`restplay rejects the config: ${JSON.stringify(errors)}`];
  }
  const requests = new Map<string, string[]>();
  const records = new Map<string, number>();
  const failures: string[] = [];
  const failed = new Set<string>();
  for await (const e of extract(
    { source: v.source, secrets: {} },
    { transport: fetchTransport((req: Request) => fetch(req)), ...createVirtualClock(), virtualClock: true },
  )) {
    if (e.type === "request" && e.page > 0 && e.attempt === 1 && e.redirect === undefined)
      requests.set(e.resource, [...(requests.get(e.resource) ?? []), requestKey(e.url)]);
    if (e.type === "page") records.set(e.resource, (records.get(e.resource) ?? 0) + e.count);
    if (e.type === "error") {
      failures.push(`${e.error.code}: ${e.error.message}`);
      if (e.resource !== undefined) failed.add(e.resource);
    }
  }
  const problems: string[] = [];
  if (attempts) {
    const ours = saw();
    writeFileSync(join(dir, "api-saw.json"), JSON.stringify({ dlt: dltSaw, restplay: ours }));
    if (JSON.stringify(dltSaw) !== JSON.stringify(ours))
      problems.push(`the API saw:\n    dlt      ${dltSaw.join("\n             ")}\n    restplay ${ours.join("\n             ")}`);
  }
  if (dlt.error !== null || failures.length > 0) {
    // After a resource fails restplay runs the others on (docs/user-guide.md; dlt's extract stops at the first
    // failure): both must fail, on the resource dlt names.
    const pipe = /In processing pipe `([^`]+)`/.exec(dlt.error ?? "")?.[1] ?? null;
    if (dlt.error === null) problems.push(`restplay fails (${failures.join("; ")}); dlt loads`);
    else if (failures.length === 0)
      problems.push(`dlt fails (${dlt.error.split("\n").slice(-3).join(" ")}); restplay loads ${[...records.values()].join(", ")} records`);
    else if (pipe !== null && !failed.has(pipe)) problems.push(`dlt fails in \`${pipe}\`, restplay in ${[...failed].join(", ")}`);
  }
  const failedBoth = dlt.error !== null && failures.length > 0;
  if (problems.length > 0) return problems;
  // Both failed: the failing resource's requests up to its failure are compared.
  const pipe = failedBoth ? (/In processing pipe `([^`]+)`/.exec(dlt.error ?? "")?.[1] ?? null) : null;
  for (const name of failedBoth ? (pipe === null ? [] : [pipe]) : new Set([...Object.keys(dlt.resources ?? {}), ...requests.keys()])) {
    const theirs = (dlt.resources?.[name]?.requests ?? []).map(requestKey);
    const mine = requests.get(name) ?? [];
    // The trace's URLs are masked (an api_key in the query): with the API's own account of them, that one counts.
    if (!described && JSON.stringify(theirs) !== JSON.stringify(mine))
      problems.push(`${name} requests:\n    dlt      ${theirs.join(" ")}\n    restplay ${mine.join(" ")}`);
    const dltRecords = dlt.resources?.[name]?.records ?? 0;
    if (!failedBoth && dltRecords !== (records.get(name) ?? 0))
      problems.push(`${name} records: dlt ${dltRecords}, restplay ${records.get(name) ?? 0}`);
  }
  return problems;
}
