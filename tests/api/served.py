"""The app served by uvicorn on 127.0.0.1 in a process of its own, and a probe that keeps
asking /healthz while a request is in flight: what a caller sees and what everyone else
waits meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.api.test_end_to_end_http import free_port

ROOT = Path(__file__).resolve().parents[2]
READY_SECONDS = 120  # generous: the machine may be busy


@contextmanager
def serve(env: dict[str, str] | None = None, *, cli: bool = False) -> Iterator[str]:
    """The base URL of a uvicorn serving the app with `env` over this process's own; with
    `cli`, started the way `partnergraph serve` starts it."""
    port = free_port()
    command = ([sys.executable, "-c", "from api.cli import main; main()", "serve",
                "--host", "127.0.0.1", "--port", str(port)] if cli else
               [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"])
    proc = subprocess.Popen(
        command,
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_SECONDS
        while not _ready(url):
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "exited")
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not become ready")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a server whose event loop is stuck
            proc.kill()
            proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


@dataclass
class Probed:
    response: httpx.Response | None  # None: no answer within the deadline
    seconds: float  # until the answer (or the deadline)
    health_worst: float  # the slowest /healthz answer meanwhile (or the deadline)
    health_probes: int


def while_probing(url: str, send: Callable[[httpx.Client], httpx.Response], *,
                  deadline: float = 60.0) -> Probed:
    """Run `send` in a thread and ask /healthz over and over until it returns (at most
    `deadline` seconds); report the answer and the slowest health check."""
    outcome: dict[str, Any] = {}
    finished = threading.Event()

    def run() -> None:
        try:
            with httpx.Client(timeout=deadline) as client:
                outcome["response"] = send(client)
        except httpx.TransportError as exc:
            outcome["error"] = exc
        finally:
            outcome["seconds"] = time.perf_counter() - started
            finished.set()

    started = time.perf_counter()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    worst, probes = 0.0, 0
    with httpx.Client(timeout=deadline) as health:
        while not finished.is_set() and time.perf_counter() - started < deadline:
            t = time.perf_counter()
            try:
                health.get(f"{url}/healthz").raise_for_status()
                worst = max(worst, time.perf_counter() - t)
            except httpx.TransportError:
                worst = deadline
            probes += 1
    finished.wait(timeout=1)
    return Probed(outcome.get("response"), outcome.get("seconds", deadline), worst, probes)
