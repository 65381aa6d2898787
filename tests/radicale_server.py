"""A real CalDAV server for tests: Radicale on 127.0.0.1, one process per test.

Radicale keeps the first VTIMEZONE it sees for the life of its process, so every test
gets a fresh server with its own storage folder. :func:`running` starts it on a free
loopback port, waits until it answers, makes a calendar home (as a real server has for
each user) and stops it afterwards.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

HOME = "actionplan"
"""The calendar home the server starts with; calendars are made inside it."""

_STARTUP_SECONDS = 30.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(url: str, method: str, body: bytes = b"", headers: dict[str, str] | None = None):
    """Send one request to the test server; return (status, body)."""
    req = urllib.request.Request(url, data=body or None, method=method, headers=headers or {})  # noqa: S310 - loopback test server
    try:
        with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310 - loopback test server
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


@contextmanager
def running(folder: Path) -> Iterator[str]:
    """Run Radicale with its storage in *folder*; yield the calendar home's URL."""
    pytest.importorskip("radicale")
    port = _free_port()
    log = (folder / "radicale.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
            "--rights-type",
            "authenticated",
            "--storage-filesystem-folder",
            str(folder / "storage"),
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"Radicale stopped: {(folder / 'radicale.log').read_text()}")
            try:
                status, _ = request(base, "OPTIONS")
            except OSError:
                status = 0
            if status:
                break
            if time.monotonic() > deadline:
                pytest.fail("Radicale did not answer")
            time.sleep(0.05)
        status, _ = request(f"{base}{HOME}/", "MKCOL")
        assert status == 201, status
        yield f"{base}{HOME}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
