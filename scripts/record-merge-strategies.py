"""Records dlt 1.26's merge strategies `upsert`, `insert-only` and `scd2` on its duckdb destination (the
destination restplay's Python download names), run after run, written as
lib/testing/fixtures/merge-strategies.json for lib/preview/strategies.test.ts (CI has no Python or dlt).

  PYTHONPATH=<pendulum 3, orjson and duckdb wheels, unzipped> /opt/dlt-venv/bin/python \
      scripts/record-merge-strategies.py [--cases CASES.json] > lib/testing/fixtures/merge-strategies.json

`--cases` records other cases instead of the fixture's (scripts/dlt-diff.ts `--strategies` generates
them): a JSON list of {"id", "summary", "resource", "bodies"}.

Each case is one resource (`items`, a single page served from loopback) and one pipeline run per body.
After every run: its load id, each table of dlt's schema that exists in duckdb, its columns in dlt's order (name,
data type, nullability, the hints below) and its rows (`SELECT *`, sorted by their JSON), with
date-times as ISO text in UTC and a validity column's load boundary as `@boundary:<run>`; or the
step that failed and dlt's message; after the last run, dlt's stored schema of the data tables.
"""
import importlib.metadata, json, os, shutil, sys, tempfile, threading
from datetime import date, datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

assert importlib.metadata.version("pendulum").startswith("3."), "run with pendulum 3 on PYTHONPATH"
import orjson  # noqa: F401  (dlt must use orjson, as `pip install dlt` makes it)
import duckdb  # noqa: F401

_TMP = tempfile.mkdtemp(prefix="dlt-strategies-")
os.environ.update({"DLT_DATA_DIR": os.path.join(_TMP, "data"), "DLT_PROJECT_DIR": _TMP, "RUNTIME__DLTHUB_TELEMETRY": "false"})
os.environ.setdefault("RUNTIME__LOG_LEVEL", "ERROR")
os.chdir(_TMP)

import dlt  # noqa: E402
from dlt.sources.rest_api import rest_api_source  # noqa: E402
from dlt.common.time import ensure_pendulum_datetime_utc  # noqa: E402

HINTS = ["variant", "primary_key", "merge_key", "row_key", "parent_key", "root_key", "unique", "hard_delete", "dedup_sort",
         "timezone", "precision", "x-valid-from", "x-valid-to", "x-row-version", "x-active-record-timestamp"]

BODY = {"current": "[]"}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = BODY["current"].encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


def resource(write_disposition, **extra):
    r = {"name": "items", "endpoint": {"path": "items", "paginator": "single_page"}, "write_disposition": write_disposition}
    r.update(extra)
    return r


UPSERT = {"disposition": "merge", "strategy": "upsert"}
INSERT_ONLY = {"disposition": "merge", "strategy": "insert-only"}
SCD2 = {"disposition": "merge", "strategy": "scd2"}

CASES = [
    ("upsert", "updates by primary key, inserts new keys; nested rows merged by their deterministic ids, "
     "list items no longer there deleted",
     resource(UPSERT, primary_key="id"), [
         '[{"id": 1, "name": "a", "tags": ["x", "y"], "meta": {"k": 1.0}}, {"id": 2, "name": "b", "tags": ["z"]}]',
         '[{"id": 1, "name": "a2", "tags": ["x"], "meta": {"k": 2.5}}, {"id": 3, "name": "c", "tags": []}]',
         '[{"id": 3, "name": "c", "tags": ["n1", "n2"], "extra": true}]',
         '[{"id": 1, "name": "a3", "tags": []}]',
     ]),
    ("upsert-hard-delete", "a matched row with its hard_delete flag set is deleted with its nested rows; "
     "an unmatched flagged row is inserted",
     resource(UPSERT, primary_key="id", columns={"deleted": {"hard_delete": True, "data_type": "bool"}}), [
         '[{"id": 1, "name": "a", "tags": ["x"]}, {"id": 2, "name": "b", "tags": ["y", "z"]}]',
         ('[{"id": 2, "deleted": true}, '
          '{"id": 1, "name": "a3", "deleted": false, "tags": ["q"]}, '
          '{"id": 4, "name": "d", "deleted": true, "tags": ["w"]}]'),
     ]),
    ("upsert-duplicates", "duplicate keys in one load: both inserted into an empty table; of two matching a stored row "
     "DuckDB applied the first here (its pick: in other loads a later one wins)",
     resource(UPSERT, primary_key="id"), [
         '[{"id": 1, "name": "first"}, {"id": 1, "name": "second"}, {"id": 2, "name": "b"}]',
         '[{"id": 2, "name": "b2"}]',
         '[{"id": 2, "name": "b3"}, {"id": 2, "name": "b4"}]',
     ]),
    ("upsert-compound-key", "key hashes of a compound key with floats, text and Unicode",
     resource(UPSERT, primary_key=["region", "n"]), [
         ('[{"region": "eu", "n": 1.5, "v": 1}, '
          '{"region": "\\u00e9t\\u00e9", "n": 2.0, "v": 2}, '
          '{"region": "us", "n": 1e-7, "v": 3}, '
          '{"region": "x\\"y", "n": 12345678901234567, "v": 4}]'),
         '[{"region": "eu", "n": 1.5, "v": 10}, {"region": "\\u00e9t\\u00e9", "n": 2.0, "v": 20}]',
     ]),
    ("upsert-no-key", "upsert without a primary key: dlt's load step fails",
     resource(UPSERT), ['[{"id": 1}]']),
    ("insert-only", "inserts only new keys; a known key's nested rows are inserted where their ids are new",
     resource(INSERT_ONLY, primary_key="id"), [
         '[{"id": 1, "name": "a", "tags": ["x"]}, {"id": 2, "name": "b", "tags": ["y"]}]',
         '[{"id": 1, "name": "a2", "tags": ["x2", "y2", "z2"]}, {"id": 3, "name": "c", "tags": ["w"]}]',
     ]),
    ("insert-only-hard-delete", "insert-only with a hard_delete column: flagged rows are not inserted, their nested rows are",
     resource(INSERT_ONLY, primary_key="id", columns={"deleted": {"hard_delete": True}}), [
         '[{"id": 1, "name": "a", "tags": ["x"]}, {"id": 2, "name": "b", "deleted": "yes", "tags": ["y"]}]',
         '[{"id": 1, "deleted": "yes", "tags": ["x", "x2"]}, {"id": 3, "name": "c"}]',
     ]),
    ("scd2", "versions by row hash: changed and absent records retired at the load's boundary, new versions inserted; "
     "a version retired earlier comes back as a new row",
     resource(SCD2), [
         ('[{"id": 1, "name": "a", "score": 1.0, "tags": ["x", "y"], "meta": {"k": "v"}}, '
          '{"id": 2, "name": "b", "score": 2.5, "tags": []}, '
          '{"id": 3, "name": "c", "flag": true, "note": null}]'),
         ('[{"id": 1, "name": "a2", "score": 1.0, "tags": ["x"], "meta": {"k": "v"}}, '
          '{"id": 2, "name": "b", "score": 2.5, "tags": []}, '
          '{"id": 4, "name": "d", "small": 1e-7, "big": 1e20, "tiny": 0.00001}]'),
         ('[{"id": 1, "name": "a", "score": 1.0, "tags": ["x", "y"], "meta": {"k": "v"}}, '
          '{"id": 2, "name": "b", "score": 2.5, "tags": []}]'),
     ]),
    ("scd2-primary-key", "a primary_key beside scd2 is a not-null key column only: versions still go by row hash",
     resource(SCD2, primary_key="id"), [
         '[{"id": 1, "v": "a", "tags": ["x"]}, {"id": 2, "v": "b"}]',
         '[{"id": 1, "v": "a2", "tags": ["x", "y"]}, {"id": 1, "v": "a3"}]',
     ]),
    ("scd2-merge-key", "with a merge_key only absent records whose key is in the load are retired",
     resource(SCD2, merge_key="region"), [
         '[{"region": "eu", "id": 1}, {"region": "eu", "id": 2}, {"region": "us", "id": 3}]',
         '[{"region": "eu", "id": 1}]',
     ]),
    ("scd2-options", "validity column names, an active record timestamp and a fixed boundary",
     resource({"disposition": "merge", "strategy": "scd2", "validity_column_names": ["valid_from", "valid_to"],
               "active_record_timestamp": "9999-12-31", "boundary_timestamp": "2024-06-01T12:00:00+02:00"}), [
         '[{"id": 1, "v": "a"}, {"id": 2, "v": "b"}]',
         '[{"id": 1, "v": "a2"}]',
     ]),
    ("scd2-row-version", "a row version column of the data instead of the row hash (root ids random)",
     resource({"disposition": "merge", "strategy": "scd2", "row_version_column_name": "version"}), [
         '[{"id": 1, "version": "v1", "name": "a"}, {"id": 2, "version": "v1", "name": "b"}]',
         '[{"id": 1, "version": "v1", "name": "a-changed"}, {"id": 2, "version": "v2", "name": "b2"}]',
     ]),
    ("scd2-duplicates", "the same record twice in one load: both inserted",
     resource(SCD2), [
         '[{"id": 1, "v": "a"}, {"id": 1, "v": "a"}]',
         '[{"id": 1, "v": "a"}]',
     ]),
    ("scd2-empty-load", "a load without rows for the table retires nothing",
     resource(SCD2), [
         '[{"id": 1, "v": "a"}]',
         '[]',
         '[{"id": 2, "v": "b"}]',
     ]),
]


def plain(v):
    if isinstance(v, datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=timezone.utc)
        return v.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


def record(case_id, summary, res, bodies, port):
    config = {"client": {"base_url": f"http://127.0.0.1:{port}/"}, "resources": [res]}
    pipe_dir = os.path.join(_TMP, case_id)
    pipeline = dlt.pipeline(pipeline_name=case_id.replace("-", "_"), pipelines_dir=os.path.join(pipe_dir, "pipelines"),
                            destination=dlt.destinations.duckdb(os.path.join(pipe_dir, "db.duckdb")), dataset_name="d")
    runs, boundaries = [], {}
    for n, body in enumerate(bodies, 1):
        BODY["current"] = body
        out = {"body": body}
        try:
            info = pipeline.run(rest_api_source(config))
            out["load_id"] = info.loads_ids[0] if info.loads_ids else None
        except Exception as e:  # noqa: BLE001
            step = getattr(e, "step", None)
            cause = getattr(e, "exception", None)
            out["error"] = {"step": step, "message": (str(cause) if cause is not None else str(e)).splitlines()[0][:300]}
            runs.append(out)
            break
        tables = []
        schema = pipeline.default_schema
        with pipeline.sql_client() as client:
            for t in schema.data_tables():
                try:
                    with client.execute_query(f"SELECT * FROM {client.make_qualified_table_name(t['name'])}") as cur:
                        names = [d[0] for d in cur.description]
                        rows = [dict(zip(names, r)) for r in cur.fetchall()]
                except Exception:  # noqa: BLE001  (not in the destination)
                    continue
                cols = []
                for c in t["columns"].values():
                    if c.get("data_type") is None:  # a hint no data completed: not in the table
                        continue
                    col = {"name": c["name"], "data_type": c.get("data_type"), "nullable": c.get("nullable", True)}
                    for h in HINTS:
                        if h in c and c[h] not in (None, False) and h != "nullable":
                            col[h] = plain(c[h])
                    cols.append(col)
                # the load's boundary, unless the config fixes it (`boundary_timestamp`): a validity value
                # first seen in run n (not the active record timestamp) is run n's boundary
                kinds = set() if "x-boundary-timestamp" in t else {
                    c["name"] for c in t["columns"].values() if c.get("x-valid-from") or c.get("x-valid-to")}
                active = {plain(ensure_pendulum_datetime_utc(c["x-active-record-timestamp"]))
                          for c in t["columns"].values() if c.get("x-active-record-timestamp") is not None}
                for r in rows:
                    for k in kinds:
                        v = plain(r.get(k))
                        if isinstance(v, str) and v not in active and v not in boundaries:
                            boundaries[v] = n
                shown = []
                for r in rows:
                    row = {}
                    for k, v in r.items():
                        v = plain(v)
                        if k in kinds and isinstance(v, str) and v in boundaries:
                            v = f"@boundary:{boundaries[v]}"
                        row[k] = v
                    shown.append(row)
                shown.sort(key=lambda r: json.dumps(r, sort_keys=True, default=str))
                entry = {"name": t["name"], "parent": t.get("parent"), "columns": cols, "rows": shown}
                for h in ("write_disposition", "x-merge-strategy", "x-boundary-timestamp"):
                    if h in t:
                        entry[h] = plain(t[h])
                tables.append(entry)
        out["tables"] = tables
        runs.append(out)
    # dlt's stored schema of the data tables after the last run (`_dlt_version.schema`, its processing hints kept)
    try:
        tables = {name: t for name, t in pipeline.default_schema.to_dict(remove_defaults=True)["tables"].items()
                  if not name.startswith("_dlt")}
    except Exception:  # noqa: BLE001  (the first run failed before dlt stored a schema)
        tables = None
    return {"id": case_id, "summary": summary, "config": {**config, "client": {"base_url": "http://strategies.test/"}},
            "runs": runs,
            "schema_tables": None if tables is None or any("error" in r for r in runs)
            else json.loads(json.dumps(tables, default=plain))}


def main():
    cases = CASES
    if len(sys.argv) > 2 and sys.argv[1] == "--cases":
        cases = [(c["id"], c["summary"], c["resource"], c["bodies"]) for c in json.load(open(sys.argv[2]))]
    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        cases = [record(*c, server.server_address[1]) for c in cases]
    finally:
        server.shutdown()
        shutil.rmtree(_TMP, ignore_errors=True)
    meta = {"dlt": importlib.metadata.version("dlt"), "duckdb": importlib.metadata.version("duckdb"),
            "pendulum": importlib.metadata.version("pendulum"), "destination": "duckdb"}
    json.dump({"recorded_with": meta, "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
