"""Records how dlt 1.26 reads text as a date, time or date-time with pendulum 3 (what `pip install dlt`
brings): `dlt.common.time.parse_iso_like_datetime` over generated strings, written as
lib/testing/fixtures/iso-like.json for lib/preview/datetime.test.ts (CI has no Python or dlt).

  PYTHONPATH=<pendulum 3 wheel, unzipped> /opt/dlt-venv/bin/python scripts/record-iso-like.py > lib/testing/fixtures/iso-like.json

Each entry: [text, null] where dlt raises, else [text, kind, y, m, d, H, M, S, us, offset seconds or null].
"""
import datetime, importlib.metadata, itertools, json, random, sys

import pendulum
from dlt.common.time import parse_iso_like_datetime

assert importlib.metadata.version("pendulum").startswith("3."), "run with pendulum 3 on PYTHONPATH"

rnd = random.Random(20261202)
years = ["2024", "1999", "0000", "0001", "9999", "2023", "2020", "12", "1", "123", "20241"]
dates = ["", "-01-15", "-02-29", "-02-30", "-13-01", "-01", "-1", "-001", "-032", "-366", "-367", "-W01", "-W01-1", "-W53-7", "-W52-0", "-W54", "-W01-8",
         "0115", "0229", "1301", "032", "366", "W011", "W53", "W01", "/01/15", "/0115", ":01:15", "01/15", "/1/15", "/01", "-01-15Z"]
seps = ["", "T", " ", "t", "  "]
times = ["", "10", "1", "10:30", "10:30:45", "103045", "1030", "10:30:45.5", "10:30:45,123456789", "103045.25", "10:30.5", "24:00:00", "23:59:60",
         "10:61", "1:2", "1:2:3", "10:", "10:30:45.", "10:30:45|5", "103", "10:3", "00:00:00.000001"]
zones = ["", "Z", "z", "+02:00", "-05:30", "+0530", "+05", "+24:00", "-24:00", "+23:59", "+2", "+02:", "UTC", " Z", "+02:00:00"]

texts = set()
for y, d, s, t, z in itertools.product(years, dates, seps, times, zones):
    if rnd.random() < 0.035:
        texts.add(y + d + s + t + z)
for s, t, z in itertools.product(["T", "", " "], times, zones):
    texts.add(s + t + z)
texts.update(["", "P1D", "PT1H", "2024-01-01/2024-01-05", "2024-01-01/P1D", "3.14", "42", "12", "123456", "2024", "1000", "2359", "235959",
              "1.5e3", "10:30", "T10", "T10:30", "T10:30:45", "T103045", "2024-01-02 03:04", "20240102T03:04", "20240102T03:04:05",
              "2024-01-02T0304", "2024-01-02T03", "2024-01-02T03Z", "2024-W01-1T10:00:00", "2024-032T10:00:00Z", "2024/01/15 10:30",
              "202410:30", "20241:2", "2024 1:2", "1:2", "99:99", "2024-02-29T12:00:00", "2023-02-29", "yesterday", "x", "2024-01-02T03:04:05ZZ"])

def fields(v):
    if isinstance(v, datetime.datetime):
        off = v.utcoffset()
        return ["datetime", v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, None if off is None else int(off.total_seconds())]
    if isinstance(v, datetime.date):
        return ["date", v.year, v.month, v.day, 0, 0, 0, 0, None]
    if isinstance(v, datetime.time):
        off = v.utcoffset()
        return ["time", 0, 1, 1, v.hour, v.minute, v.second, v.microsecond, None if off is None else int(off.total_seconds())]
    raise TypeError(type(v))

out, refused = [], []
for text in sorted(texts):
    try:
        out.append([text, *fields(parse_iso_like_datetime(text))])
    except Exception:
        refused.append([text, None])
# every reading, and as many refusals (the generator makes far more of those)
out += rnd.sample(refused, min(len(refused), len(out)))
out.sort(key=lambda r: r[0])
json.dump({"pendulum": importlib.metadata.version("pendulum"), "readings": out}, sys.stdout, ensure_ascii=False, separators=(",", ":"))
print()
