"""dlt 1.26's verdict on REST API configs, for scripts/dlt-diff-validate.ts: reads one JSON config per line
on stdin, writes one JSON line per config: {"valid": bool, "error": "<type>: <first line>" | null}.
`rest_api_source(config)` is what dlt runs first (config validation, resources built); no request is made.

  PYTHONPATH=<pendulum 3 wheel, unzipped> /opt/dlt-venv/bin/python scripts/validate-configs.py < configs.jsonl
"""
import json, os, sys, tempfile

os.environ.setdefault("RUNTIME__LOG_LEVEL", "CRITICAL")
os.chdir(tempfile.mkdtemp())  # dlt reads ./.dlt/*.toml: none here
from dlt.sources.rest_api import rest_api_source

for line in sys.stdin:
    try:
        rest_api_source(json.loads(line))
        out = {"valid": True, "error": None}
    except Exception as e:  # dlt's own verdict, whatever it raises
        out = {"valid": False, "error": f"{type(e).__name__}: {str(e).splitlines()[0][:300] if str(e) else ''}"}
    print(json.dumps(out), flush=True)
