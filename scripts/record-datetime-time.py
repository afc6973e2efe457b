"""Records what Python 3.11 answers for expressions on `datetime.time` (lib/formats/python-step-time.test.ts; CI has
no Python). One expression a line in, one JSON line out: [expression, "ok", repr(value)] or [expression, "err",
"Class: message"]. The expressions see `from datetime import *` and `import datetime as dtmod`.

  /opt/dlt-venv/bin/python scripts/record-datetime-time.py cases.txt
"""
import json, sys
from datetime import *  # noqa: F403
import datetime as dtmod  # noqa: F401

for line in open(sys.argv[1]):
    code = line.rstrip("\n")
    if not code:
        continue
    try:
        print(json.dumps([code, "ok", repr(eval(code))]) + ",")
    except Exception as e:
        print(json.dumps([code, "err", f"{type(e).__name__}: {e}"]) + ",")
