/**
 * `node --import tsx scripts/dlt-diff.ts [cases] [seed] [--out DIR]`: the preview against real dlt
 * 1.26.0 on generated records — a differential test for the session that has the dlt oracle
 * (../shared/tools/dlt-oracle, installed in /opt/dlt-venv; CI cannot run it, so findings become
 * golden-style unit tests). Run it with `PYTHONPATH=/tmp/pyx`: pendulum 3.2.0, orjson 3.12.0 and duckdb 1.5.6 unpacked from
 * the oracle's wheels (`mkdir -p /tmp/pyx && cd /tmp/pyx && for w in /opt/pypi/files/{duckdb-1.5.6,orjson-3.12.0,pendulum-3.2.0}*.whl;
 * do unzip -qo $w; done`), and `DLT_DATA_DIR` a folder of its own.
 *
 * Each case is one resource whose single page holds 3–10 generated records: keys spelled as APIs spell
 * them (camelCase, spaces, dots, non-ASCII, leading digits), values whose types drift between
 * records (integers spelled `1.0`, big integers, ISO date-times and dates, numeric strings, booleans,
 * nulls, nested dicts, lists of scalars, dicts and lists), and now and then `max_table_nesting` and
 * `columns` hints (type, `nullable: false`, precision). dlt fetches the page from a loopback server
 * (`oracle.py run --full`, the filesystem destination: rows as dlt writes them to its load files);
 * restplay's engine and preview read the same bytes. Compared: which tables hold rows and their
 * parents, each table's columns in order (name, data type, nullability), row counts, and every row's
 * values (the `_dlt_*` ids by which row they point at); where dlt fails, restplay must warn that
 * that step of dlt's fails. `--matrix` runs the coercion matrix instead (./dlt-diff-cases.ts);
 * `--runs` two runs of a write disposition into one destination (dlt: sqlite, one pipeline
 * directory), compared after each run by row counts and values, nested rows by their root;
 * `--paging` paginators against generated APIs (./dlt-diff-paging.ts), compared by the requests each
 * side makes, the records it loads and whether it fails; `--actions` response actions (right and wrong) against
 * APIs that answer errors (./dlt-diff-actions.ts), compared alike (where a run fails, only that both fail on
 * the resource dlt names, and that resource's requests: restplay runs the other resources on); `--retries` pages
 * that fail a few times first (429, 5xx, 404, 408), compared also by every request the API saw, retries included;
 * `--incremental` two or three runs against an API whose records change (./dlt-diff-incremental.ts); `--defaults`
 * `resource_defaults` merged into resources, against an API that echoes what it was sent (./dlt-diff-defaults.ts);
 * `--auth` each auth type where dlt takes it, compared by what every request carried (./dlt-diff-auth.ts);
 * `--family` parent and child resources
 * (./dlt-diff-family.ts), compared as in the plain mode (rows in dlt's order: both extract in dlt's
 * round robin); `--strategies` the merge strategies upsert, insert-only and scd2
 * over two or three runs (./dlt-diff-strategies.ts; dlt on its DuckDB destination through
 * ./record-merge-strategies.py, compared as lib/preview/strategies.test.ts compares); `--selectors`
 * the plain cases with a `data_selector` of jsonpath-ng's ext dialect (`withSelector`); `--steps` a resource with 1–3
 * `processing_steps` (lambdas and `def`s of a whole Python file, ./dlt-diff-steps.ts) over generated records, dlt
 * importing the file (./record-steps.py), compared as the plain mode compares (a `timestamp` by its instant, as the
 * destination loads the `datetime` a step returns) — a step restplay refuses to run counts as a difference unless
 * ./dlt-diff-steps.ts lists it as refused by design (the note says so), and where dlt fails restplay must fail with
 * dlt's message (with `--family`, the parent paged under a child, or two or three top-level resources paged side by
 * side, ./dlt-diff-steps-shapes.ts `familyShapeOf`). A case
 * that differs is written to DIR (default /tmp/dlt-diff) with both sides, and the script exits 1.
 * Run it with `PYTHONPATH` naming a folder with the pendulum 3 and orjson wheels unzipped, so that dlt
 * behaves as `pip install dlt` makes it (decision 0027).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Json } from "../lib/engine";
import { createDestination } from "../lib/preview";
import { CANDIDATES, MATRIX, makeCase, withSelector, write, type Gen } from "./dlt-diff-cases";
import { makeRunsCase } from "./dlt-diff-runs";
import { makePagingCase, servePage } from "./dlt-diff-paging";
import { makeFamilyCase } from "./dlt-diff-family";
import { makeActionsCase, makeRetryCase } from "./dlt-diff-actions";
import { makeDefaultsCase } from "./dlt-diff-defaults";
import { makeStepsCase, stepsVerdict } from "./dlt-diff-steps";
import { makeAuthCase, type AuthCase } from "./dlt-diff-auth";
import { compareRequests } from "./dlt-diff-requests";
import { compare, compareRuns } from "./dlt-diff-compare";
import { compareIncremental, makeIncrementalCase } from "./dlt-diff-incremental";
import { makeStrategyCase } from "./dlt-diff-strategies";
import { PYTHON } from "./dlt-diff-sides";
import { readStrategyCases, strategyProblems, type StrategyCase } from "../lib/testing/strategies";
import { execFileSync } from "node:child_process";

async function main() {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const outDir = outAt >= 0 ? (args[outAt + 1] as string) : "/tmp/dlt-diff";
  const matrix = args.includes("--matrix");
  const twoRuns = args.includes("--runs");
  const paging = args.includes("--paging");
  const family = args.includes("--family");
  const strategies = args.includes("--strategies");
  const selectors = args.includes("--selectors");
  const retries = args.includes("--retries");
  const actions = args.includes("--actions") || retries;
  const incremental = args.includes("--incremental");
  const defaults = args.includes("--defaults");
  const steps = args.includes("--steps");
  /** `--auth`: the case whose API answers, and what it saw. */
  let auth: AuthCase | null = null;
  const authSeen: string[] = [];
  // dlt's retries of a 5xx without its backoff's sleeps (the attempts stay dlt's five; restplay's clock is virtual).
  if (actions) process.env.RUNTIME__REQUEST_BACKOFF_FACTOR = "0";
  const log: URL[] = [];
  /** What the server answers in `--paging`, `--family` and `--actions`; `null`: `body` for every request. */
  let route:
    | ((
        url: URL,
        headers: Record<string, string | string[] | undefined>,
      ) => { status?: number; body: string; headers: Record<string, string> })
    | null = null;
  const [casesText = "20", seedText = "1"] = args.filter((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
  let body = "";
  const server = createServer((req, res) => {
    if (auth !== null) {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", baseUrl);
        const a = (auth as AuthCase).serve({
          method: req.method ?? "GET",
          url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        authSeen.push(a.seen);
        res.writeHead(a.status ?? 200, { "content-type": "application/json", ...a.headers });
        res.end(a.body);
      });
      return;
    }
    if (route !== null) {
      const page = route(new URL(req.url ?? "/", baseUrl), req.headers);
      res.writeHead(page.status ?? 200, { "content-type": "application/json", ...page.headers });
      res.end(page.body);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  mkdirSync(outDir, { recursive: true });
  const cases: { name: string; config: Record<string, Json>; records: Gen[] }[] = matrix
    ? MATRIX.map((m) => ({
        name: `matrix-${m.type}`,
        config: {
          client: { base_url: baseUrl },
          resources: [
            {
              name: "items",
              endpoint: { path: "items", data_selector: "data", paginator: { type: "single_page" } },
              ...(m.hint ? { columns: { c: m.hint } } : {}),
            },
          ],
        },
        records: [{ id: 0, c: m.first }, ...CANDIDATES.map((c, i) => ({ id: i + 1, c }))],
      }))
    : Array.from({ length: Number(casesText) }, (_, i) => {
        const seed = Number(seedText) + i;
        const c = { name: String(seed), ...makeCase(seed, baseUrl) };
        return selectors ? withSelector(c, seed) : c;
      });
  /** One case: what differs (empty: the same), a note for a case that is the same, what to print with a difference. */
  type Check = () => Promise<{ problems: string[]; note?: string; what?: string }>;
  const seeds = Array.from({ length: Number(casesText) }, (_, i) => Number(seedText) + i);
  /** `--strategies`: every generated case recorded by dlt in one process (it imports dlt once). */
  const recordStrategies = (): { cases: StrategyCase[]; numberText: ReturnType<typeof readStrategyCases>["numberText"] } => {
    const file = join(outDir, "strategy-cases.json");
    writeFileSync(file, JSON.stringify(seeds.map(makeStrategyCase)));
    const out = execFileSync(PYTHON, [join(__dirname, "record-merge-strategies.py"), "--cases", file], {
      maxBuffer: 256 << 20,
      encoding: "utf8",
    });
    writeFileSync(join(outDir, "strategy-recorded.json"), out);
    return readStrategyCases(out);
  };
  const recorded = strategies ? recordStrategies() : null;
  const checks: [string, Check][] = recorded
    ? recorded.cases.map((c) => [
        c.id,
        async () => {
          const failed = c.runs.find((run) => run.error)?.error;
          return {
            problems: await strategyProblems(c, recorded.numberText),
            what: c.summary,
            ...(failed ? { note: `dlt's ${failed.step} step fails: ${failed.message.slice(0, 80)}; restplay warns` } : {}),
          };
        },
      ])
    : args.includes("--auth")
      ? seeds.map((seed) => [
          `auth-${seed}`,
          async () => {
            const c = makeAuthCase(seed, baseUrl);
            auth = c;
            const dir = join(outDir, `auth-${seed}`);
            mkdirSync(dir, { recursive: true });
            authSeen.length = 0;
            const attempts = { log: [] as URL[], reset: () => undefined };
            const problems = await compareRequests(c.config, dir, attempts, authSeen);
            return { problems, what: JSON.stringify(c.config) };
          },
        ])
      : steps
        ? seeds.map((seed) => [
            `steps-${seed}`,
            async () => {
              const c = makeStepsCase(seed, baseUrl, family);
              body = write({ data: c.records });
              route = (url) => c.serve(url);
              const r = await compare({ python: c.python }, body, join(outDir, `steps-${seed}.py`), (req) => fetch(req));
              const v = stepsVerdict(r);
              if (v.problems.length > 0)
                writeFileSync(join(outDir, `case-steps-${seed}.json`), JSON.stringify({ ...c, body, problems: v.problems }, null, 2));
              return { ...v, what: c.summary };
            },
          ])
        : defaults
          ? seeds.map((seed) => [
              `defaults-${seed}`,
              async () => {
                const c = makeDefaultsCase(seed, baseUrl);
                route = (url, headers) => c.serve(url, headers);
                const r = await compare(c.config, "", join(outDir, `config-defaults-${seed}.json`), (req) => fetch(req));
                return {
                  problems: r.problems,
                  what: JSON.stringify(c.config),
                  ...(r.error ? { note: `dlt fails: ${r.error.slice(0, 80)}; restplay warns` } : {}),
                };
              },
            ])
          : incremental
            ? seeds.map((seed) => [
                `incremental-${seed}`,
                async () => {
                  const c = makeIncrementalCase(seed, baseUrl);
                  const log: URL[] = [];
                  let records: readonly Record<string, Json>[] = [];
                  route = (url) => {
                    log.push(url);
                    return c.serve(url, records);
                  };
                  const dir = join(outDir, `incremental-${seed}`);
                  mkdirSync(dir, { recursive: true });
                  const problems = await compareIncremental(c, dir, createDestination(), log, (r) => (records = r));
                  return { problems, what: `${JSON.stringify(c.config.resources)} ${JSON.stringify(c.runs)}` };
                },
              ])
            : actions
              ? seeds.map((seed) => [
                  `actions-${seed}`,
                  async () => {
                    const c = retries ? makeRetryCase(seed, baseUrl) : makeActionsCase(seed, baseUrl);
                    route = (url) => {
                      log.push(url);
                      return c.serve(url);
                    };
                    const dir = join(outDir, `actions-${seed}`);
                    mkdirSync(dir, { recursive: true });
                    const reset = () => {
                      log.length = 0;
                      c.reset?.();
                    };
                    const attempts = retries ? { log, reset } : undefined;
                    return { problems: await compareRequests(c.config, dir, attempts), what: JSON.stringify(c.config.resources) };
                  },
                ])
              : paging
                ? seeds.map((seed) => [
                    `paging-${seed}`,
                    async () => {
                      const c = makePagingCase(seed, baseUrl);
                      route = (url) => servePage(c.api, url, baseUrl);
                      const dir = join(outDir, `paging-${seed}`);
                      mkdirSync(dir, { recursive: true });
                      return {
                        problems: await compareRequests(c.config, dir),
                        what: `${JSON.stringify(c.config.resources)} ${JSON.stringify(c.api)}`,
                      };
                    },
                  ])
                : family
                  ? seeds.map((seed) => [
                      `family-${seed}`,
                      async () => {
                        const c = makeFamilyCase(seed, baseUrl);
                        route = (url) => c.serve(url);
                        const r = await compare(c.config, "", join(outDir, `config-family-${seed}.json`), (req) => fetch(req));
                        return {
                          problems: r.problems,
                          what: JSON.stringify(c.config.resources),
                          ...(r.error ? { note: `dlt fails: ${r.error.slice(0, 80)}; restplay warns` } : {}),
                        };
                      },
                    ])
                  : twoRuns
                    ? seeds.map((seed) => [
                        `runs-${seed}`,
                        async () => {
                          const c = makeRunsCase(seed, baseUrl);
                          const dir = join(outDir, `runs-${seed}`);
                          mkdirSync(dir, { recursive: true });
                          const bodies = c.runs.map((records) => write({ data: records }));
                          const r = await compareRuns(c.second ? [c.config, c.second] : [c.config], bodies, (b) => (body = b), dir);
                          if (r.problems.length > 0)
                            writeFileSync(
                              join(outDir, `case-runs-${seed}.json`),
                              JSON.stringify({ config: c.config, second: c.second, bodies, problems: r.problems }, null, 2),
                            );
                          return {
                            problems: r.problems,
                            ...(r.error ? { note: `dlt's destination fails: ${r.error.slice(0, 60)}…` } : {}),
                          };
                        },
                      ])
                    : cases.map((c) => [
                        c.name,
                        async () => {
                          body = write({ data: c.records });
                          const r = await compare(c.config, body, join(outDir, `config-${c.name}.json`));
                          if (r.problems.length > 0)
                            writeFileSync(
                              join(outDir, `case-${c.name}.json`),
                              JSON.stringify({ config: c.config, body, dlt: JSON.parse(r.dltRaw) as Json, problems: r.problems }, null, 2),
                            );
                          return {
                            problems: r.problems,
                            ...(r.error ? { note: `dlt fails: ${r.error.slice(0, 80)}; restplay warns` } : {}),
                          };
                        },
                      ]);
  let differ = 0;
  for (const [name, check] of checks) {
    const { problems, note, what } = await check();
    if (problems.length > 0) {
      differ++;
      const more = problems.length > 12 ? `\n  … ${problems.length - 12} more` : "";
      console.log(`case ${name}: DIFFERS${what ? ` ${what}` : ""}\n  ${problems.slice(0, 12).join("\n  ")}${more}`);
    } else console.log(`case ${name}: same${note ? ` (${note})` : ""}`);
  }
  server.close();
  console.log(`${differ} of ${checks.length} cases differ`);
  process.exitCode = differ > 0 ? 1 : 0;
}

void main();
