"""Disposable databases: the only ones a wipe may empty.

Tests and benchmarks delete whole graphs, so they never run against the database people
use. Each starts a local Neo4j of its own (`Scratch`: a folder under `.localdb-<purpose>/`,
a free port, the jars of the local database) and marks it disposable with a
`DisposableDatabase` node as it is created. `graph.admin.wipe` refuses any database that
does not carry the mark, and the mark is only ever written into a database that holds no
data, so no mistake in configuration can turn a wipe on real records.

Pointing tests or benchmarks at another Neo4j is an explicit choice, made with variables
only they read (`PARTNERGRAPH_TEST_NEO4J_URI`, `PARTNERGRAPH_BENCH_NEO4J_URI`, with
`_USER`, `_PASSWORD`, `_DATABASE`); that database too must be empty or already marked.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from graph import localdb
from graph.config import DEFAULT_PASSWORD, PROJECT_ROOT, Settings
from graph.queries import named
from graph.store import Store, StoreError

_MARKER = named("admin/disposable_marker")
_MARK = named("admin/mark_disposable")
_DATA_NODES = named("admin/count_data_nodes")


class NotDisposable(StoreError):
    """The database is not marked disposable, so nothing may wipe it."""

    def __init__(self, store: Store, held: int) -> None:
        super().__init__(
            f"Refusing to wipe database {store.database!r} at {store.uri}: it is not marked "
            f"as disposable and holds {held} node(s) of data. Tests and benchmarks start a "
            "database of their own; to use another Neo4j, point PARTNERGRAPH_TEST_NEO4J_URI "
            "(or PARTNERGRAPH_BENCH_NEO4J_URI) at an empty one.")
        self.database = store.database
        self.uri = store.uri
        self.held = held


def is_disposable(store: Store) -> bool:
    return store.read_one(_MARKER) is not None


def data_nodes(store: Store) -> int:
    """Nodes beyond the reference frame: what a wipe would delete."""
    row = store.read_one(_DATA_NODES)
    return int(row["n"]) if row else 0


def require_disposable(store: Store) -> None:
    """Raise NotDisposable unless the database carries the disposable mark."""
    if not is_disposable(store):
        raise NotDisposable(store, data_nodes(store))


def mark_disposable(store: Store, purpose: str) -> None:
    """Mark an empty database (the reference frame at most) disposable; a database that is
    marked already stays so. Raises NotDisposable if it holds data and no mark."""
    if is_disposable(store):
        return
    row = store.write(_MARK, purpose=purpose, at=dt.datetime.now(dt.UTC).isoformat())[0]
    if row["held"]:
        raise NotDisposable(store, int(row["held"]))


def external(prefix: str, base: Settings, env: Mapping[str, str] | None = None) -> Settings | None:
    """The Neo4j named by `PARTNERGRAPH_<prefix>_NEO4J_URI` (and `_USER`, `_PASSWORD`,
    `_DATABASE`), or None when that variable is unset."""
    e = os.environ if env is None else env
    key = f"PARTNERGRAPH_{prefix}_NEO4J"
    uri = e.get(f"{key}_URI")
    if not uri:
        return None
    return replace(base, neo4j_uri=uri, neo4j_user=e.get(f"{key}_USER", "neo4j"),
                   neo4j_password=e.get(f"{key}_PASSWORD", DEFAULT_PASSWORD),
                   neo4j_database=e.get(f"{key}_DATABASE", "neo4j"))


def environment(settings: Settings, *, local: bool) -> dict[str, str]:
    """The variables that point a process (a CLI call, a server) at `settings`' database.
    `local` says it is a local database these settings start and stop; otherwise the local
    database's folder is set to one that holds none, so `db stop` cannot reach the user's."""
    s = settings
    env = {"NEO4J_URI": s.neo4j_uri, "NEO4J_USER": s.neo4j_user,
           "NEO4J_PASSWORD": s.neo4j_password, "NEO4J_DATABASE": s.neo4j_database,
           "PARTNERGRAPH_LOCALDB_LIB": str(s.localdb_lib),
           "PARTNERGRAPH_LOCALDB_HEAP": s.localdb_heap}
    if local:
        env |= {"PARTNERGRAPH_LOCALDB_DIR": str(s.localdb_dir),
                "PARTNERGRAPH_LOCALDB_PORT": str(s.localdb_port)}
    else:
        env["PARTNERGRAPH_LOCALDB_DIR"] = str(PROJECT_ROOT / ".localdb-none")
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Scratch:
    """A local Neo4j of its own for one test session or benchmark run: planned (folder and
    port chosen, so its environment can be handed to child processes before it starts),
    started and marked, then stopped and deleted."""

    settings: Settings
    purpose: str

    @classmethod
    def plan(cls, purpose: str, base: Settings) -> Scratch:
        root = PROJECT_ROOT / f".localdb-{purpose}"
        root.mkdir(exist_ok=True)
        _reap_abandoned(root, base)
        run = Path(tempfile.mkdtemp(prefix="run-", dir=root))
        (run / "owner.pid").write_text(str(os.getpid()))
        port = _free_port()
        settings = replace(base, neo4j_uri=f"bolt://127.0.0.1:{port}", neo4j_user="neo4j",
                           neo4j_password=DEFAULT_PASSWORD, neo4j_database="neo4j",
                           localdb_dir=run, localdb_port=port)
        return cls(settings, purpose)

    def env(self) -> dict[str, str]:
        """The variables that point a process (a CLI call, a server) at this database."""
        return environment(self.settings, local=True)

    def start(self, echo: Callable[..., object] = print) -> Settings:
        localdb.start(self.settings, echo=echo)
        with Store(self.settings) as store:
            mark_disposable(store, self.purpose)
        return self.settings

    def drop(self, echo: Callable[..., object] = print) -> None:
        localdb.stop(self.settings, echo=echo)
        shutil.rmtree(self.settings.localdb_dir, ignore_errors=True)


def _reap_abandoned(root: Path, base: Settings) -> None:
    """Stop and delete the scratch databases of processes that died without dropping them
    (a test session killed by a signal leaves its Neo4j running)."""
    for run in root.glob("run-*"):
        try:
            if _alive(int((run / "owner.pid").read_text())):
                continue
        except (OSError, ValueError):
            # No owner yet: another process may have made the folder a moment ago.
            if time.time() - run.stat().st_mtime < 600:
                continue
        localdb.stop(replace(base, localdb_dir=run), echo=lambda *_: None)
        shutil.rmtree(run, ignore_errors=True)
