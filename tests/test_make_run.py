"""The debugger (issue 22 §10): ``make run`` serves without debug mode, so no Werkzeug
debugger and no /console; ``make run FLASK_DEBUG=1`` turns it on for a developer."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _run_command(*make_args: str) -> tuple[dict[str, str], list[str]]:
    """The environment and command ``make run`` would start the server with (dry run)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FLASK_DEBUG", "MAKEFLAGS", "PORT")}
    make = shutil.which("make") or "make"
    printed = subprocess.run(  # noqa: S603 - fixed command line
        [make, "-n", "run", *make_args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    line = next(line for line in printed.splitlines() if " run " in line and "flask" in line)
    words = shlex.split(line)
    assignments = {}
    while "=" in words[0] and not words[0].startswith("-"):
        name, _, value = words.pop(0).partition("=")
        assignments[name] = value
    return assignments, words


def test_make_run_starts_without_debug_mode() -> None:
    assignments, command = _run_command()
    assert "--debug" not in command
    assert assignments["FLASK_DEBUG"] == "0"


def test_make_run_flask_debug_1_turns_it_on() -> None:
    assignments, command = _run_command("FLASK_DEBUG=1")
    assert assignments["FLASK_DEBUG"] == "1"
    assert command[-6:] == ["run", "--no-reload", "--host", "127.0.0.1", "--port", "5000"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local server
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _serve_and_probe(*make_args: str) -> dict[str, tuple[int, str]]:
    """Start the server as ``make run`` would and ask for the debugger's pages."""
    assignments, command = _run_command(*make_args)
    port = _free_port()
    flask_at = next(i for i, word in enumerate(command) if word.endswith("flask"))
    command = [sys.executable, "-m", "flask", *command[flask_at + 1 :]]
    command[command.index("--port") + 1] = str(port)
    instance = tempfile.mkdtemp(prefix="samordna-run-")
    env = (
        {k: v for k, v in os.environ.items() if k not in ("FLASK_DEBUG", "DATABASE_URL")}
        | assignments
        | {"SAMORDNA_INSTANCE": instance}
    )
    server = subprocess.Popen(  # noqa: S603 - the command make run prints
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60  # a loaded machine takes seconds to import the app
        while time.monotonic() < deadline and server.poll() is None:
            try:
                _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        return {
            "console": _get(base + "/console"),
            "resource": _get(base + "/?__debugger__=yes&cmd=resource&f=debugger.js"),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(instance, ignore_errors=True)


def test_the_server_make_run_starts_has_no_debugger() -> None:
    probes = _serve_and_probe()
    status, body = probes["console"]
    assert status != 200 and "Werkzeug" not in body and "__debugger__" not in body
    status, body = probes["resource"]
    assert "CONSOLE_MODE" not in body and "Werkzeug" not in body


def test_with_flask_debug_1_the_debugger_is_there() -> None:
    """The probe above can see a debugger: with debug mode asked for, it finds one."""
    probes = _serve_and_probe("FLASK_DEBUG=1")
    status, body = probes["console"]
    assert status == 200 and "Console" in body
