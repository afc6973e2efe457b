/**
 * The schema export against dlt's own (`schema.yaml` of every golden case, dlt 1.26.0's
 * `to_pretty_yaml()` after the case's last run): the same tables, columns, hints, settings and
 * normalizers, compared as parsed YAML. dlt's `_dlt_pipeline_state` table and its version hashes are
 * dlt's own bookkeeping and left out.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createDestination, dltSchemaYaml, dltStoredSchema } from "./index";
import { GOLDEN_DIR, goldenCase, goldenCaseIds } from "../testing/golden";
import { runGoldenOnce } from "../testing/golden-run";

const ids = goldenCaseIds();

type Dict = Record<string, unknown>;

/**
 * dlt adds a parent's root table when its first page passes the fork to the parent's own table, after
 * its selected children's first records (`members` after `commits`); restplay when the resource starts.
 */
const ROOT_ORDER_DIFFERS = new Set(["parent-child-include"]);

describe.skipIf(ids.length === 0)("the dlt schema export", () => {
  for (const id of ids) {
    it(`${id}: equals dlt's schema.yaml`, async () => {
      const c = goldenCase(id);
      const destination = createDestination();
      for (const run of c.runs) await runGoldenOnce(c, run, destination);
      const dlt = parse(readFileSync(resolve(GOLDEN_DIR, id, "schema.yaml"), "utf8")) as Dict;
      const ours = dltStoredSchema(destination.state().schema, { processingHints: true }) as Dict;
      const tables = { ...(dlt.tables as Dict) };
      delete tables._dlt_pipeline_state;
      expect(ours.tables).toEqual(tables);
      // Root tables in the order dlt's extract step met their first records; the nested ones after them
      // (dlt's normalize step, in its file system's order of the load files: not compared).
      const roots = (t: Dict) => Object.keys(t).filter((n) => !(t[n] as Dict).parent);
      if (!ROOT_ORDER_DIFFERS.has(id)) expect(roots(ours.tables as Dict), "root tables in dlt's order").toEqual(roots(tables));
      else expect(new Set(roots(ours.tables as Dict))).toEqual(new Set(roots(tables)));
      if (c.runs.length === 1) {
        const names = Object.keys(ours.tables as Dict);
        expect(names.slice(0, roots(tables).length), "nested tables after the roots").toEqual(roots(ours.tables as Dict));
      }
      expect(ours.settings).toEqual(dlt.settings);
      expect(ours.normalizers).toEqual(dlt.normalizers);
      expect([ours.name, ours.engine_version]).toEqual([dlt.name, dlt.engine_version]);
    });
  }

  it("writes YAML for import_schema_path: no processing hints, no version hash", async () => {
    const c = goldenCase("merge-primary-key");
    const destination = createDestination();
    for (const run of c.runs) await runGoldenOnce(c, run, destination);
    const yaml = dltSchemaYaml(destination.state().schema);
    const doc = parse(yaml) as Dict;
    expect(doc.version_hash).toBeUndefined();
    expect(yaml).not.toContain("x-normalizer");
    expect((doc.tables as Dict).customers__phones).toMatchObject({ parent: "customers" });
  });
});
