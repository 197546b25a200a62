"""A real gunicorn serving Samordna on its own PostgreSQL database, for load and fault tests.

These tests need PostgreSQL (TEST_DATABASE_URL); on SQLite they skip. Each session
gets a fresh database ``<test db>_reliability`` with the demo förbund, and a
gunicorn that the tests may kill and start again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def reliability_db() -> Iterator[URL]:
    """A fresh PostgreSQL database with the schema and the demo förbund."""
    raw = os.environ.get("TEST_DATABASE_URL", "")
    if not raw.startswith("postgresql"):
        pytest.skip("load and fault tests need PostgreSQL (TEST_DATABASE_URL)")
    base = make_url(raw)
    url = base.set(database=f"{base.database}_reliability")
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    env = {**os.environ, "DATABASE_URL": url.render_as_string(hide_password=False)}
    env["SAMORDNA_INSTANCE"] = tempfile.mkdtemp(prefix="samordna-rel-")
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for command in (["db", "upgrade"], ["seed-demo"]):  # fixed command lines
        subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


class Server:
    """gunicorn in its own process group, started and killed on demand."""

    def __init__(self, url: URL) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": url.render_as_string(hide_password=False),
            "SECRET_KEY": "reliability-test-secret",
            "SAMORDNA_INSTANCE": tempfile.mkdtemp(prefix="samordna-rel-"),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(self.env["SAMORDNA_INSTANCE"]) / "gunicorn.log"
        self.log = self.log_path.open("ab")

    def errors(self) -> str:
        """gunicorn's log from its first traceback on (empty when there was none)."""
        self.log.flush()
        text_ = self.log_path.read_text(errors="replace")
        start = text_.find("Traceback")
        return text_[start:] if start >= 0 else ""

    def start(self, workers: int = 4) -> None:
        """Start gunicorn and wait until /healthz answers."""
        self.process = subprocess.Popen(  # noqa: S603 - fixed command line
            [
                str(GUNICORN),
                "-w",
                str(workers),
                "--threads",
                "2",
                "-b",
                f"127.0.0.1:{self.port}",
                "--graceful-timeout",
                "1",
                "app:create_app()",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def kill(self) -> None:
        """SIGKILL the master and every worker: no cleanup, like a crash or power loss."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def server(reliability_db: URL) -> Iterator[Server]:
    """A running gunicorn on the reliability database."""
    running = Server(reliability_db)
    running.start()
    yield running
    running.kill()
    running.log.close()


@pytest.fixture
def reliability_engine(reliability_db: URL) -> Iterator[object]:
    """A direct engine on the reliability database, for checking what was stored."""
    engine = create_engine(reliability_db)
    yield engine
    engine.dispose()
