/**
 * `PYTHONPATH=/tmp/pyx node --import tsx scripts/dlt-diff-python.ts [--out DIR]`: restplay's verdict on
 * every whole Python file it knows (the Python table, lib/testing/python-cases, and the gallery's Python
 * examples) against real dlt 1.26.0's (./import-python-files.py: the file imported as a module, its
 * source functions called, no request made). A file restplay takes and dlt refuses is too lenient, one
 * restplay refuses and dlt takes too strict; both are listed. Warnings that announce a Python failure
 * (`missing_import`, `undefined_name`, the seed dialect's `json_literal`/`js_comment`) are by design: the
 * editor reads such a paste and says how to fix it, so those files are listed apart. Then every download
 * of every gallery example and seed (the Python pipeline; JSON and YAML with their loading snippet, read
 * by `json.load` and PyYAML's `yaml.safe_load`) must build its source in real dlt as it is. For the
 * session that has the dlt oracle (../shared/tools/dlt-oracle); CI cannot run it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportConfig, validateText } from "../lib/config";
import { dltDict, loadingSnippet } from "../lib/config/export-dict";
import { seedBlocks } from "../lib/testing/seeds";
import { EXAMPLES } from "../lib/examples";
import { PYTHON_CASES } from "../lib/testing/python-cases";
import { PYTHON } from "./dlt-diff-sides";

/** Warnings that say Python itself fails on the file (by design a warning: restplay reads the paste). */
const ANNOUNCED = new Set(["missing_import", "undefined_name", "json_literal", "js_comment"]);
/** Where a file stops building the source and starts running a pipeline. */
const RUNS = /\n(?:if __name__|\w+\s*=\s*dlt\.pipeline|load_info\s*=|\w+\.run\()/;

function main() {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const dir = outAt >= 0 ? (args[outAt + 1] as string) : "/tmp/dlt-diff-python";
  mkdirSync(dir, { recursive: true });
  const files = [
    ...PYTHON_CASES.map((c) => ({ title: c.title, text: c.text })),
    ...EXAMPLES.filter((e) => e.format === "python").map((e) => ({ title: `gallery ${e.id}`, text: e.text })),
  ].filter((f) => /\brest_api_(source|resources)\s*\(/.test(f.text));
  const paths = files.map((f, i) => {
    const path = join(dir, `file_${i}.py`);
    writeFileSync(path, f.text.split(RUNS)[0] as string);
    return path;
  });
  const out = execFileSync(PYTHON, [join(__dirname, "import-python-files.py")], { input: paths.join("\n"), encoding: "utf8" });
  const verdicts = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { valid: boolean; error: string | null });
  let lenient = 0;
  let strict = 0;
  files.forEach((f, i) => {
    const ours = validateText(f.text, "python");
    const dlt = verdicts[i] as { valid: boolean; error: string | null };
    if (ours.valid === dlt.valid) return;
    const announced = ours.diagnostics.some((d) => ANNOUNCED.has(d.code));
    if (!ours.valid) strict++;
    else if (!announced) lenient++;
    const codes = ours.diagnostics.map((d) => d.code).join(", ") || "none";
    const kind = !ours.valid ? "stricter" : announced ? "announced" : "LENIENT";
    console.log(`${kind}: ${f.title} (restplay: ${codes}; dlt: ${dlt.error ?? "takes it"}) ${paths[i]}`);
  });
  console.log(`${files.length} files: restplay too lenient on ${lenient}, stricter on ${strict}`);
  const refused = downloads(dir);
  process.exitCode = lenient > 0 || refused > 0 ? 1 : 0;
}

/** Every download of the gallery and the seeds, built by real dlt as it is (secrets stand in); how many it refuses. */
function downloads(dir: string): number {
  const inputs = [
    ...EXAMPLES.map((e) => ({ title: e.id, text: e.text, format: e.format })),
    ...seedBlocks().map((s) => ({ title: s.file, text: s.code, format: undefined })),
  ];
  const written: { title: string; path: string }[] = [];
  inputs.forEach((x, i) => {
    const r = validateText(x.text, x.format);
    if (!r.valid || r.value === null) return;
    for (const to of ["python", "json", "yaml"] as const) {
      const file = exportConfig(r, to);
      if (!file) continue;
      const folder = join(dir, `download_${i}_${to}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, file.filename), to === "python" ? (file.text.split(RUNS)[0] as string) : file.text);
      const loader = to === "python" ? file.filename : "load.py";
      if (to !== "python") writeFileSync(join(folder, loader), `${loadingSnippet(dltDict(r.value), to).join("\n")}\n`);
      written.push({ title: `${x.title} (${to})`, path: join(folder, loader) });
    }
  });
  const out = execFileSync(PYTHON, [join(__dirname, "import-python-files.py"), "--fake-secrets"], {
    input: written.map((w) => w.path).join("\n"),
    encoding: "utf8",
  });
  const verdicts = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { valid: boolean; error: string | null });
  const refused = written.filter((w, i) => {
    const v = verdicts[i];
    if (v?.valid) return false;
    console.log(`REFUSED download: ${w.title} (dlt: ${v?.error}) ${w.path}`);
    return true;
  });
  console.log(`${written.length} downloads: dlt refuses ${refused.length}`);
  return refused.length;
}

main();
