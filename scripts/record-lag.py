"""Records dlt 1.26's incremental `lag` (`_apply_lag_to_value` in dlt/extract/incremental/lag.py) with
pendulum 3 over cursor values of every format dlt detects and some it does not, written as
lib/testing/fixtures/lag.json for lib/engine/lag.test.ts (CI has no Python or dlt).

  PYTHONPATH=<pendulum 3 wheel, unzipped> /opt/dlt-venv/bin/python scripts/record-lag.py > lib/testing/fixtures/lag.json

Each entry: [value, lag, "max" | "min", result] where result is ["text", str] for a string, ["object",
str(value)] for the pendulum object dlt passes on when it detects no format, ["number", n], or null
where dlt raises.
"""
import importlib.metadata, json, sys

from dlt.extract.incremental.lag import _apply_lag_to_value

assert importlib.metadata.version("pendulum").startswith("3."), "run with pendulum 3 on PYTHONPATH"

values = [
    "2024-01-02T03:04:05Z", "2024-03-01T00:00:00Z", "2024-01-02T03:04:05.123Z", "2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.5Z",
    "2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05+0200", "2024-01-02T03:04:05.5-05:30", "2024-01-02T03:04:05.25-0530",
    "2024-01-02T03:04:05-08:00", "2024-01-02T03:04:05", "2024-01-02T03:04", "2024-01-02T03", "2024-01-02", "2024-03-01", "2024-01",
    "2024", "2024-W10", "2024-W10-3", "2024-W01-1", "2024-032", "2024-001", "20240102", "20240301", "202401", "2024-01-02 03:04:05",
    "2024-01-02 03:04:05+02:00", "2024-01-02T03:04:05.123+01:00", "2024/01/02", "2024/01/02 03:04", "0999-01-02T03:04:05Z",
    "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1700000000", "12", "abc", "10:30", "", "2024-13-01",
    1700000000, 1700000000.5, 10, 0, -5, 2.5, True, False, [1], {"a": 1},
]
lags = [3600, 1.5, 0.25, 90061.5, 86400 * 400, 1]

out = []
for v in values:
    for lag in lags:
        for name, func in (("max", max), ("min", min)):
            try:
                r = _apply_lag_to_value(lag, v, func)
                if isinstance(r, str):
                    res = ["text", r]
                elif isinstance(r, bool) or not isinstance(r, (int, float)):
                    res = ["object", str(r)]
                else:
                    res = ["number", r]
            except Exception:
                res = None
            out.append([v, lag, name, res])
json.dump({"pendulum": importlib.metadata.version("pendulum"), "cases": out}, sys.stdout, ensure_ascii=False, separators=(",", ":"))
print()
