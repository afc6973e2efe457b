"""Records what Python 3.11 with pendulum 3.2 (dlt 1.26's) answers for Python expressions, at a frozen clock
(2026-12-05T03:17:20.880000Z: pendulum's `now()` and datetime's, `date.today()`, `time.time()`), for the pendulum
cases of lib/formats/python-step-pendulum.test.ts (CI has no Python). One expression a line in, one JSON line out:
[expression, "ok", repr(value)] or [expression, "err", exception class].

  PYTHONPATH=<pendulum 3 wheel, unzipped> TZ=UTC /opt/dlt-venv/bin/python scripts/record-pendulum.py cases.txt
"""
import importlib.metadata
import sys, json, types, datetime as _dt
import pendulum
pdm = sys.modules["pendulum.datetime"]
assert importlib.metadata.version("pendulum").startswith("3."), "run with pendulum 3 on PYTHONPATH"
FIXED = _dt.datetime(2026, 12, 5, 3, 17, 20, 880000, tzinfo=_dt.timezone.utc)
class FakeDT(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        v = FIXED.astimezone(tz) if tz else FIXED.replace(tzinfo=None)
        return cls(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, tzinfo=v.tzinfo)
    @classmethod
    def utcnow(cls): return cls.now(None)
    @classmethod
    def today(cls): return cls.now(None)
# pendulum reads the clock through its module's `datetime.datetime.now`: a stand-in with the frozen time.
fake = types.SimpleNamespace(**{k: getattr(_dt, k) for k in dir(_dt) if not k.startswith("__")})
fake.datetime = FakeDT
pdm.datetime = fake
time = types.SimpleNamespace(time=lambda: FIXED.timestamp())
class FakeDate(_dt.date):
    @classmethod
    def today(cls): return cls(2026, 12, 5)
G = {"pendulum": pendulum, "time": time, "datetime": FakeDT, "date": FakeDate, "timedelta": _dt.timedelta, "timezone": _dt.timezone}
for line in open(sys.argv[1]):
    code = line.rstrip("\n")
    if not code: continue
    try:
        print(json.dumps([code, "ok", repr(eval(code, G))]))
    except Exception as e:
        print(json.dumps([code, "err", type(e).__name__]))
