"""Records what CPython 3.11 (zoneinfo; pendulum 3.2, dlt 1.26's) answers for expressions on named time zones, at a
frozen clock (2026-12-05T03:17:20.880000Z: datetime's and pendulum's `now()`), into
lib/formats/python-step-zones.cases.json (CI has no Python): [expression, "ok", repr(value)] or [expression, "err",
"Class: message"]. The expressions see `datetime`, `timedelta`, `timezone`, `ZoneInfo`, `zoneinfo` and `pendulum`.

  PYTHONPATH=<pendulum 3 wheel, unzipped> TZ=UTC python3 scripts/record-zones.py
"""
import datetime as _dt, json, re, sys, types
import zoneinfo
from zoneinfo import ZoneInfo
import pendulum

PATH = "lib/formats/python-step-zones.cases.json"
FIXED = _dt.datetime(2026, 12, 5, 3, 17, 20, 880000, tzinfo=_dt.timezone.utc)


class datetime(_dt.datetime):  # noqa: N801 (its repr names it as Python's own)
    @classmethod
    def now(cls, tz=None):
        v = FIXED.astimezone(tz) if tz else FIXED.replace(tzinfo=None)
        return cls(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, tzinfo=v.tzinfo, fold=v.fold)


# pendulum reads the clock through its module's `datetime.datetime.now`: a stand-in with the frozen time.
fake = types.SimpleNamespace(**{k: getattr(_dt, k) for k in dir(_dt) if not k.startswith("__")})
fake.datetime = datetime
sys.modules["pendulum.datetime"].datetime = fake
G = {"datetime": datetime, "timedelta": _dt.timedelta, "timezone": _dt.timezone, "ZoneInfo": ZoneInfo, "zoneinfo": zoneinfo}
G["pendulum"] = pendulum


def answer(code):
    try:
        # The stand-in's repr names its class `datetime(`; Python's own is `datetime.datetime(`.
        return [code, "ok", re.sub(r"(?<![.\w])datetime\(", "datetime.datetime(", repr(eval(code, G)))]
    except Exception as e:
        return [code, "err", f"{type(e).__name__}: {e}"]


cases = json.load(open(PATH))
for k in ("zoneinfo", "pendulum"):
    cases[k] = [answer(c[0]) for c in cases[k]]
json.dump(cases, open(PATH, "w"), ensure_ascii=False, indent=0)
