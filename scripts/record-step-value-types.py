"""Records how dlt 1.26.0 loads each Python type a processing step can return, into a fresh column and into a column an
earlier record made with another type (lib/preview/step-value-types.test.ts; CI has no dlt). Every pair of `VALS` is one
column `c_<first>_<then>`: record 1 holds the first value, records 2 and 3 the other. The records are the ones
lib/testing/steps.ts `THREE` serves, mapped by one `add_map` lambda (dlt's normaliser is what is recorded).

  PYTHONPATH=/tmp/pyx DLT_DATA_DIR=/tmp/x/data /opt/dlt-venv/bin/python scripts/record-step-value-types.py \
      > lib/testing/fixtures/step-value-types.json
"""
import datetime as dtm
import json
import tempfile
from datetime import date, datetime, time, timezone  # noqa: F401 (the lambda's names)

import dlt
import duckdb

VALS = [
    ("text", '"abc"'), ("int", "5"), ("float", "1.5"), ("bool", "True"),
    ("naive", "datetime(2024, 1, 2, 3, 4, 5)"), ("aware", "datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)"),
    ("date", "date(2024, 1, 2)"), ("time", "time(3, 4, 5)"), ("bytes", 'b"\\x01\\xff"'), ("isotext", '"2024-01-02T03:04:05Z"'),
    ("zero", "0"), ("b64", '"AQI="'),
]
exprs = {f"c_{a}_{b}": (ea, eb) for a, ea in VALS for b, eb in VALS}
fields = ", ".join(f"'{k}': ({ea} if x['id'] == 1 else {eb})" for k, (ea, eb) in exprs.items())
fn = eval("lambda x: {'id': x['id'], " + fields + "}")


@dlt.resource(name="items")
def items():
    yield [{"id": 1, "a": "x"}, {"id": 2, "a": "y"}, {"id": 3}]


path = tempfile.mkdtemp() + "/types.duckdb"
p = dlt.pipeline("step_value_types", destination=dlt.destinations.duckdb(path), dataset_name="m", dev_mode=True)
p.run(items().add_map(fn))
cols = p.default_schema.get_table_columns("items")
con = duckdb.connect(path)
rows = con.execute(f"select * from {p.dataset_name}.items order by id").fetchall()
names = [d[0] for d in con.description]


def show(v):
    """A cell as the preview shows it: bytes as `0x` hex, dates and times as ISO text."""
    if isinstance(v, (bytes, bytearray)):
        return "0x" + bytes(v).hex()
    if isinstance(v, (dtm.datetime, dtm.date, dtm.time)):
        return v.isoformat()
    return v


columns, cells = {}, {}
for k in exprs:
    mine = [n for n in cols if n == k or n.startswith(k + "__v_")]
    columns[k] = [f"{n}:{cols[n]['data_type']}" for n in mine]
    cells[k] = [[show(r[names.index(n)]) for n in mine] for r in rows]
source = "dlt 1.26.0 on DuckDB, scripts/record-step-value-types.py (twenty-ninth session)"
print(json.dumps({"source": source, "values": VALS, "columns": columns, "rows": cells}, separators=(",", ":")))
