"""The page benchmark's load driver: slices of one measurement add up, and a page spread
over records goes on where its last slice stopped (bench/load.py, bench/pages.py)."""

from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import load, pages


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str] = []

    def do_GET(self) -> None:
        self.paths.append(self.path)
        status = 503 if self.path == "/fail" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.paths = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_stats_of_slices_add_up(server: str) -> None:
    first = load.run(server, "/fail", concurrency=2, seconds=0.2)
    second = load.run(server, "/healthz", concurrency=2, seconds=0.2)
    total = load.Stats(path="both")
    total.add(first)
    total.add(second)
    assert total.requests == first.requests + second.requests > 0
    assert total.statuses == {503: first.requests, 200: second.requests}
    assert total.server_errors == first.requests
    assert total.seconds == pytest.approx(first.seconds + second.seconds)
    assert total.percentile(100) == max(first.percentile(100), second.percentile(100))


def test_alternating_slices_never_revisit_a_record(server: str) -> None:
    def page(n: int) -> str:
        return f"/page/{n}"

    args = argparse.Namespace(seconds=0.6, concurrency=3)
    original, pages.SLICE_SECONDS = pages.SLICE_SECONDS, 0.2
    try:
        stats, baseline = pages.alternating(server, page, args, {})
    finally:
        pages.SLICE_SECONDS = original
    asked = [p for p in _Recorder.paths if p.startswith("/page/")]
    assert len(asked) == stats.requests == len(set(asked))  # three slices, no record twice
    assert sorted(int(p.rsplit("/", 1)[1]) for p in asked) == list(range(len(asked)))
    assert baseline.requests == _Recorder.paths.count("/healthz") > 0
    assert stats.path == "page" and baseline.path == "/healthz"
