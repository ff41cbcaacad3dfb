"""`partnergraph db start|stop|status` manage one embedded Neo4j per data folder."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import Settings
from graph.queries import named
from graph.store import Store

CLI = [sys.executable, "-c", "from api.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _java_processes_for(data_dir: Path) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().split(b"\0")
                state = (proc / "stat").read_text().split(") ", 1)[1][0]
            except (OSError, IndexError):
                continue
            if any(str(data_dir).encode() in arg for arg in cmdline) and state != "Z":
                pids.append(int(proc.name))
    return pids


@dataclasses.dataclass
class LocalDb:
    env: dict[str, str]
    settings: Settings

    def cli(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*CLI, *args], env=env or self.env, capture_output=True, text=True,
                              timeout=300, check=False)


@pytest.fixture(scope="module")
def localdb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalDb]:
    root = tmp_path_factory.mktemp("localdb")
    env = {**os.environ, "PARTNERGRAPH_LOCALDB_DIR": str(root),
           "PARTNERGRAPH_LOCALDB_PORT": str(_free_port()), "PARTNERGRAPH_LOCALDB_HEAP": "512m"}
    env.pop("NEO4J_URI", None)
    db = LocalDb(env, Settings.from_env(env))
    yield db
    db.cli("db", "stop")


def test_start_twice_keeps_one_server_and_stop_leaves_no_process(localdb: LocalDb) -> None:
    first = localdb.cli("db", "start")
    assert first.returncode == 0, first.stderr
    assert "Neo4j ready on bolt://127.0.0.1:" in first.stderr
    pids = _java_processes_for(localdb.settings.localdb_dir)
    assert len(pids) == 1

    second = localdb.cli("db", "start")
    assert second.returncode == 0
    assert f"already running (pid {pids[0]})" in second.stderr
    assert _java_processes_for(localdb.settings.localdb_dir) == pids

    status = localdb.cli("db", "status")
    assert status.returncode == 0 and f"pid {pids[0]}" in status.stderr

    assert localdb.cli("db", "stop").returncode == 0
    assert _java_processes_for(localdb.settings.localdb_dir) == []
    assert localdb.cli("db", "status").returncode == 3


def test_data_survives_a_stop_and_a_start(localdb: LocalDb) -> None:
    create = named("partners/create")
    by_id = named("admin/node_by_id")
    assert localdb.cli("db", "start").returncode == 0
    with Store(localdb.settings) as store:
        store.write(create, id="survivor", props={"name": "Survivor", "kind": "ngo"})
    assert localdb.cli("db", "stop").returncode == 0
    assert localdb.cli("db", "start").returncode == 0
    with Store(localdb.settings) as store:
        assert store.read_one(by_id, id="survivor")["props"]["name"] == "Survivor"
    assert localdb.cli("db", "stop").returncode == 0


def test_start_on_a_taken_port_fails_with_a_clear_message(localdb: LocalDb) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        result = localdb.cli("db", "start", env={**localdb.env, "PARTNERGRAPH_LOCALDB_PORT": str(port)})
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is taken by another process" in result.stderr


def test_start_without_java_says_what_is_missing(localdb: LocalDb) -> None:
    result = localdb.cli("db", "start", env={**localdb.env, "PATH": "/nonexistent"})
    assert result.returncode == 1
    assert "`java` was not found on PATH" in result.stderr
