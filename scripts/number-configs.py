"""dlt 1.26's verdict and requests on configs written as text, for scripts/dlt-diff-numbers.ts: reads one JSON line
per config on stdin, {"format": "json" | "yaml" | "python", "text": ...}, reads the text as dlt's user would
(`json.loads`, PyYAML's `yaml.safe_load`, a Python dict literal evaluated), calls `rest_api_source(config)` and, when
it builds, runs each resource against a loopback server that answers every request with `[]`. Writes one JSON line
per config: {"valid": bool, "error": "<type>: <first line>" | null, "requests": ["GET /path?query body", ...]}.

  PYTHONPATH=<pendulum 3 wheel, unzipped> /opt/dlt-venv/bin/python scripts/number-configs.py < configs.jsonl
"""
import http.server, json, os, sys, tempfile, threading

os.environ.setdefault("RUNTIME__LOG_LEVEL", "CRITICAL")
os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "1")
os.chdir(tempfile.mkdtemp())  # dlt reads ./.dlt/*.toml: none here
import yaml
import dlt
from dlt.sources.rest_api import rest_api_source

seen = []


class Api(http.server.BaseHTTPRequestHandler):
    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode() if n else ""
        seen.append(f"{self.command} {self.path}" + (f" {body}" if body else ""))
        out = b"[]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("NUMBERS_PORT", "8765"))), Api)
threading.Thread(target=server.serve_forever, daemon=True).start()


def read(fmt, text):
    if fmt == "json":
        return json.loads(text)
    if fmt == "yaml":
        return yaml.safe_load(text)
    scope = {"dlt": dlt}
    exec(text, scope)
    return scope["config"]


def first_line(e):
    return f"{type(e).__name__}: {str(e).splitlines()[0][:300] if str(e) else ''}"


for line in sys.stdin:
    case = json.loads(line)
    seen.clear()
    out = {"valid": True, "error": None, "requests": []}
    try:
        source = rest_api_source(read(case["format"], case["text"]))
    except Exception as e:  # dlt's own verdict, whatever it raises
        out = {"valid": False, "error": first_line(e), "requests": []}
    else:
        for resource in source.resources.values():
            try:
                list(resource)
            except Exception as e:
                cause = e.__cause__ or e
                out["error"] = out["error"] or first_line(cause)
        out["requests"] = list(seen)
    print(json.dumps(out), flush=True)
