"""Servers in child processes for tests: a free port, and waiting until one is ready."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(
    base: str, proc: subprocess.Popen, output: Callable[[], str], timeout_s: float
) -> None:
    """Return once `base`/readyz answers 200; fail the test with the server's `output()`
    if the process exits first, or when `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            pytest.fail(f"server exited early:\n{output()}")
        time.sleep(0.2)
    pytest.fail(f"server not ready within {timeout_s:g} s")
