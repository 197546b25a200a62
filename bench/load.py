"""A small HTTP load driver: N concurrent connections for a fixed time, latency percentiles.

Used by the page benchmarks (bench/pages.py) and the load test (tests/load/).
Threads with ``http.client`` keep the driver free of extra dependencies; every
figure is also reported as a ratio to a trivial endpoint measured the same way
in the same run, so the client's own overhead cancels out.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Stats:
    """What one run against one path measured."""

    path: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        """Latency in milliseconds at percentile ``p`` (0–100)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000

    def add(self, other: Stats) -> None:
        """Take in another run's answers (a slice of the same measurement)."""
        self.latencies += other.latencies
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n
        self.errors += other.errors
        self.seconds += other.seconds

    @property
    def requests(self) -> int:
        """Requests answered."""
        return len(self.latencies)

    @property
    def rps(self) -> float:
        """Requests per second over the run."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_errors(self) -> int:
        """Answers with a 5xx status."""
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def row(self, baseline: Stats | None = None) -> dict[str, object]:
        """A table row; ratios to ``baseline`` when given."""
        row: dict[str, object] = {
            "path": self.path,
            "requests": self.requests,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "mean_ms": round(statistics.fmean(self.latencies) * 1000, 1) if self.latencies else 0,
            "5xx": self.server_errors,
            "errors": self.errors,
        }
        if baseline is not None and baseline.latencies:
            row["p95_ratio"] = round(self.percentile(95) / baseline.percentile(95), 2)
        return row


def _connection(base: str) -> http.client.HTTPConnection:
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=60)


def run(
    base: str,
    path: str | Callable[[int], str],
    *,
    concurrency: int = 16,
    seconds: float = 10.0,
    headers: dict[str, str] | None = None,
) -> Stats:
    """GET ``path`` from ``concurrency`` threads for ``seconds``; return the latencies.

    ``path`` may be a function of a running counter, to spread requests over many
    records (e.g. different application pages) instead of one cached row.
    """
    label = path if isinstance(path, str) else getattr(path, "__name__", "path")
    stats = Stats(path=label)
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**9))

    def worker() -> None:
        connection = _connection(base)
        while time.perf_counter() < deadline:
            with lock:
                n = next(counter)
            target = path if isinstance(path, str) else path(n)
            started = time.perf_counter()
            try:
                connection.request("GET", target, headers=headers or {})
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = _connection(base)
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = _connection(base)
                with lock:
                    stats.errors += 1
                continue
            elapsed = time.perf_counter() - started
            with lock:
                stats.latencies.append(elapsed)
                stats.statuses[status] = stats.statuses.get(status, 0) + 1
        connection.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats.seconds = time.perf_counter() - began
    return stats


def login_cookie(base: str, email: str, password: str) -> str:
    """Log in through the real form and return the Cookie header for later requests."""
    import re

    connection = _connection(base)
    try:
        connection.request("GET", "/auth/login")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        if token is None:
            token = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
        assert token, "no CSRF token on the log-in page"
        from urllib.parse import urlencode

        body = urlencode({"csrf_token": token.group(1), "email": email, "password": password})
        connection.request(
            "POST",
            "/auth/login",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )
        response = connection.getresponse()
        response.read()
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
    finally:
        connection.close()
    assert response.status in (302, 303), f"log-in failed with {response.status}"
    return "; ".join(cookies) or cookie
