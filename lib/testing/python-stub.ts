/**
 * Test helper: runs Python files with python3 against the stub dlt package (lib/testing/dlt-stub) and
 * returns the configs rest_api_source/rest_api_resources received, in restplay's value form. dlt's
 * paginator, auth and incremental classes are generated from python-classes.ts (one table) with dlt's
 * signatures, so Python itself binds the arguments (an unknown keyword is Python's TypeError).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DLT_CLASSES, type PlainValue } from "../formats";
import { CONFIG_FIELDS, REQUIRED, SECRET_FIELDS, type DltParam } from "../formats/python-classes";

const STUB = resolve(__dirname, "dlt-stub");
type Obj = { [k: string]: PlainValue };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const pyLiteral = (v: PlainValue): string => (v === null ? "None" : v === true ? "True" : v === false ? "False" : JSON.stringify(v));
const param = (p: DltParam) => (p.default === REQUIRED ? p.name : `${p.name}=${pyLiteral(p.default)}`);

function classSource(kind: "paginator" | "auth" | "incremental", base: string | null): string {
  const lines = ["from dlt.common.recorded import Recorded", "", ...(base ? [`class ${base}:`, "    pass", ""] : [])];
  for (const c of DLT_CLASSES.filter((x) => x.kind === kind)) {
    const positional = c.params.filter((p) => !p.keywordOnly).map(param);
    const keyword = c.params.filter((p) => p.keywordOnly).map(param);
    const sig = ["self", ...positional, ...(keyword.length ? ["*", ...keyword] : [])].join(", ");
    lines.push(
      `class ${c.name}(Recorded):`,
      `    _kind = "${kind}"`,
      `    _type = ${pyLiteral(c.type)}`,
      `    def __init__(${sig}):`,
      "        pass",
      "",
    );
  }
  return lines.join("\n");
}

/** A folder with the generated class modules (what DLT_STUB_GENERATED points at). */
export function generatedClasses(): string {
  const dir = mkdtempSync(join(tmpdir(), "dlt-stub-"));
  writeFileSync(join(dir, "paginators.py"), classSource("paginator", "BasePaginator"));
  writeFileSync(join(dir, "auth.py"), classSource("auth", "AuthConfigBase"));
  writeFileSync(join(dir, "incremental.py"), classSource("incremental", null));
  return dir;
}

/** Credentials an auth object leaves unset, as dlt reads them (`sources.<source>.credentials.<field>`). */
function unsetCredentials(type: string, given: Obj, source: string): Obj {
  const out: Obj = {};
  const fields = (t: Readonly<Record<string, readonly string[]>>) => (Object.hasOwn(t, type) ? (t[type] ?? []) : []);
  for (const f of fields(SECRET_FIELDS)) if (!(f in given)) out[f] = { $secret: `sources.${source}.credentials.${f}` };
  for (const f of fields(CONFIG_FIELDS)) if (!(f in given)) out[f] = { $config: `sources.${source}.credentials.${f}` };
  return out;
}

/** A recorded value in restplay's form: a class as its declarative dict, code as `{"$python": true}`. */
export function asValue(v: PlainValue, source = "rest_api", key: string | number = ""): PlainValue {
  if (Array.isArray(v)) return v.map((x, i) => asValue(x, source, i));
  if (!isObj(v)) return v;
  if (typeof v.$python === "string" || v.$python === true) return { $python: true };
  if (typeof v.$class === "string" && isObj(v.given)) {
    const given = asValue(v.given, source) as Obj;
    if (v.kind === "auth" && typeof v.type === "string") return { type: v.type, ...given, ...unsetCredentials(v.type, given, source) };
    if (v.kind !== "incremental") return { type: v.type ?? null, ...given };
    return key === "incremental" ? given : { type: "incremental", ...given };
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asValue(x, source, k)]));
}

/**
 * Whether dlt's config (`got`) is the one restplay validated (`want`). Code is compared by place only:
 * `{"$python": …}` on either side (a lambda, the user's own class, a stand-in restplay runs) matches anything.
 */
export function sameConfig(want: PlainValue, got: PlainValue): boolean {
  const code = (v: PlainValue) => isObj(v) && "$python" in v;
  if (code(want) || code(got)) return true;
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => sameConfig(w, got[i] ?? null));
  if (isObj(want)) {
    if (!isObj(got)) return false;
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    return [...keys].every((k) => k in want && k in got && sameConfig(want[k] ?? null, got[k] ?? null));
  }
  return Object.is(want, got);
}

export interface StubRun {
  readonly file: string;
  readonly configs?: readonly PlainValue[];
  readonly error?: string;
  readonly trace?: string;
}

/** Runs every file in one python3 process; each result in the order given. */
export function runWithStub(files: readonly string[]): StubRun[] {
  const generated = generatedClasses();
  let out: string;
  try {
    out = execFileSync("python3", [join(STUB, "run.py"), ...files], {
      env: { ...process.env, DLT_STUB_GENERATED: generated, PYTHONDONTWRITEBYTECODE: "1" },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(generated, { recursive: true, force: true });
  }
  const runs = JSON.parse(out) as StubRun[];
  const config = (c: PlainValue) => (isObj(c) ? asValue(c.config ?? null, typeof c.source === "string" ? c.source : "rest_api") : c);
  return runs.map((r) => (r.configs ? { ...r, configs: r.configs.map(config) } : r));
}
