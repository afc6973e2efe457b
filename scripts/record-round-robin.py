"""Records the order in which real dlt 1.26 makes its requests (the oracle, ../shared/tools/dlt-oracle).

    /opt/dlt-venv/bin/python scripts/record-round-robin.py PAGES PER_PAGE CHILD_PAGES [...]
    /opt/dlt-venv/bin/python scripts/record-round-robin.py --tree "p c:p q" [SELECTED]

For each triple: a loopback API whose `parents` have PAGES pages of PER_PAGE records (ids
`<page>0`, `<page>1`, ...), and a child resource `kids` with CHILD_PAGES pages per parent record, both
paged by json_link; `rest_api_source` is extracted and the requests are printed as `P<page>` and
`k<id>` (`k<id>.<page>` after the first page). The output is the JSON that
lib/testing/fixtures/round-robin-orders.json holds (lib/engine/round-robin.test.ts reads it).

`--tree`: resources `name` or `name:parent` in config order (top-level ones have 2 pages of one
record `<page>0`, children one page of one record `<parent id>1` per parent record), SELECTED a comma
list for `with_resources`; prints dlt's resource order and the requests (`<name><page>` for top-level
pages, `<name><parent id>` for child requests), as lib/engine/round-robin.test.ts lists them.
"""

import json
import os
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

WORK = tempfile.mkdtemp(prefix="restplay-rr-")
os.environ.update(
    {
        "DLT_DATA_DIR": os.path.join(WORK, "data"),
        "DLT_PROJECT_DIR": WORK,
        "RUNTIME__DLTHUB_TELEMETRY": "false",
        "RUNTIME__LOG_LEVEL": "ERROR",
        "DESTINATION__FILESYSTEM__BUCKET_URL": os.path.join(WORK, "bucket"),
    }
)

import dlt  # noqa: E402
from dlt.sources.rest_api import rest_api_source  # noqa: E402


def serve(answer):
    """A loopback JSON API: `answer(url, page, base)` gives each GET's body; returns the server and its base URL."""

    class Api(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urlparse(self.path)
            page = int(parse_qs(url.query).get("page", ["1"])[0])
            body = json.dumps(answer(url, page, base)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def record(pages: int, per_page: int, child_pages: int) -> str:
    seen = []

    def answer(url, page, base):
        if url.path == "/parents":
            seen.append(f"P{page}")
            data = [{"id": page * 10 + i} for i in range(per_page)]
            return {"data": data, "next": f"{base}/parents?page={page + 1}" if page < pages else None}
        kid = url.path.split("/")[2]
        seen.append(f"k{kid}" if page == 1 else f"k{kid}.{page}")
        return {"data": [{"kid": f"{kid}.{page}"}], "next": f"{base}{url.path}?page={page + 1}" if page < child_pages else None}

    server, base = serve(answer)
    paginator = {"type": "json_link", "next_url_path": "next"}
    source = rest_api_source(
        {
            "client": {"base_url": f"{base}/"},
            "resources": [
                {"name": "parents", "endpoint": {"path": "parents", "data_selector": "data", "paginator": paginator}},
                {
                    "name": "kids",
                    "endpoint": {"path": "kids/{resources.parents.id}", "data_selector": "data", "paginator": paginator},
                },
            ],
        }
    )
    pipeline = dlt.pipeline(
        pipeline_name=f"rr_{pages}_{per_page}_{child_pages}",
        destination="filesystem",
        dataset_name="rr",
        pipelines_dir=os.path.join(WORK, "pipelines"),
    )
    pipeline.extract(source)
    server.shutdown()
    return " ".join(seen)


def record_tree(tree: str, selected: str) -> str:
    seen = []

    def answer(url, page, base):
        name, *parent = url.path.strip("/").split("/")
        if parent:
            seen.append(f"{name}{parent[0]}")
            return {"data": [{"id": int(parent[0]) * 10 + 1}], "next": None}
        seen.append(f"{name}{page}")
        return {"data": [{"id": page * 10}], "next": f"{base}/{name}?page={page + 1}" if page < 2 else None}

    server, base = serve(answer)
    paginator = {"type": "json_link", "next_url_path": "next"}
    resources = []
    for spec in tree.split():
        name, _, parent = spec.partition(":")
        path = f"{name}/{{resources.{parent}.id}}" if parent else name
        resources.append({"name": name, "endpoint": {"path": path, "data_selector": "data", "paginator": paginator}})
    source = rest_api_source({"client": {"base_url": f"{base}/"}, "resources": resources})
    listed = list(source.resources.keys())
    if selected:
        source = source.with_resources(*selected.split(","))
    pipeline = dlt.pipeline(
        pipeline_name="rr_tree", destination="filesystem", dataset_name="rr", pipelines_dir=os.path.join(WORK, "pipelines")
    )
    pipeline.extract(source)
    server.shutdown()
    return f"dlt lists {' '.join(listed)}; requests: {' '.join(seen)}"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--tree"] and len(sys.argv) in (3, 4):
        print(record_tree(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else ""))
        sys.exit(0)
    numbers = [int(a) for a in sys.argv[1:]]
    if not numbers or len(numbers) % 3:
        sys.exit(__doc__)
    cases = [
        {"pages": p, "per_page": n, "child_pages": c, "order": record(p, n, c)}
        for p, n, c in zip(numbers[0::3], numbers[1::3], numbers[2::3])
    ]
    print(json.dumps({"dlt": dlt.__version__, "cases": cases}, indent=1))
