"""The local Neo4j for development and CI: embedded Neo4j with Bolt, run by a small launcher.

`start` builds the launcher once with Maven (the jars land in `PARTNERGRAPH_LOCALDB_LIB`,
by default `<localdb>/lib`, so later starts need no network), starts it detached on
127.0.0.1, and waits until Bolt answers. A pid file plus an exclusive lock keep it to one
server per data folder. The disposable databases of tests and benchmarks
(`graph/disposable.py`) are local databases in folders of their own that share the jars.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.config import PROJECT_ROOT, Settings

LAUNCHER_DIR = PROJECT_ROOT / "graph" / "embedded_neo4j"
MAIN_CLASS = "partnergraph.EmbeddedNeo4j"


class LocalDbError(RuntimeError):
    """The local database could not be built, started or stopped; the message says why."""


@dataclass(frozen=True)
class Paths:
    root: Path
    lib: Path

    @classmethod
    def of(cls, settings: Settings) -> Paths:
        return cls(settings.localdb_dir, settings.localdb_lib)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def pid(self) -> Path:
        return self.root / "neo4j.pid"

    @property
    def log(self) -> Path:
        return self.root / "neo4j.log"

    @property
    def stamp(self) -> Path:
        return self.lib / ".built-from"

    @property
    def lock(self) -> Path:
        return self.root / ".lock"

    @property
    def build_lock(self) -> Path:
        return self.lib.parent / f".{self.lib.name}.lock"


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    port: int
    rss_mb: float | None
    data_dir: Path


def _source_digest() -> str:
    h = hashlib.sha256()
    for path in sorted([LAUNCHER_DIR / "pom.xml", *LAUNCHER_DIR.rglob("*.java")]):
        h.update(path.read_bytes())
    return h.hexdigest()


def _require(tool: str, hint: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise LocalDbError(f"`{tool}` was not found on PATH: {hint}")
    return found


def build(paths: Paths, echo: Callable[[str], object] = print) -> None:
    """Resolve Neo4j from Maven Central and build the launcher, unless already built."""
    digest = _source_digest()
    paths.lib.parent.mkdir(parents=True, exist_ok=True)
    with _locked(paths.build_lock):  # several data folders may share one set of jars
        if not (paths.stamp.exists() and paths.stamp.read_text() == digest):
            _build(paths, digest, echo)


def _build(paths: Paths, digest: str, echo: Callable[[str], object] = print) -> None:
    mvn = _require("mvn", "install Maven (Debian: apt-get install maven) to build the local Neo4j.")
    _require("java", "install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless).")
    echo("Resolving Neo4j from Maven Central (first start only)…")
    target = (paths.lib.parent / f"{paths.lib.name}-build").resolve()  # Maven resolves a relative path from the pom
    result = subprocess.run(
        [mvn, "-q", "-B", "-f", str(LAUNCHER_DIR / "pom.xml"), f"-Dlocaldb.build.dir={target}",
         "clean", "package"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise LocalDbError(f"Maven could not build the local Neo4j launcher:\n{tail}")
    if paths.lib.exists():
        shutil.rmtree(paths.lib)
    shutil.move(target / "lib", paths.lib)
    shutil.move(target / "partnergraph-localdb.jar", paths.lib)
    shutil.rmtree(target)
    paths.stamp.write_text(digest)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) is not a server.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def _read_pid(paths: Paths) -> int | None:
    try:
        pid = int(paths.pid.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _pid_alive(pid) else None


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@contextmanager
def _locked(lock: Path) -> Iterator[None]:
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def status(settings: Settings) -> Status:
    paths = Paths.of(settings)
    pid = _read_pid(paths)
    return Status(pid is not None, pid, settings.localdb_port,
                  _rss_mb(pid) if pid else None, paths.data)


def _log_tail(paths: Paths, lines: int = 20) -> str:
    try:
        return "\n".join(paths.log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start(settings: Settings, timeout: float = 300.0, echo: Callable[[str], object] = print) -> Status:
    """Start the local Neo4j unless it is already running; return once Bolt answers."""
    paths = Paths.of(settings)
    with _locked(paths.lock):
        pid = _read_pid(paths)
        if pid is not None:
            echo(f"Neo4j is already running (pid {pid}) on bolt://127.0.0.1:{settings.localdb_port}")
            return status(settings)
        if len(settings.neo4j_password) < 8:
            raise LocalDbError("NEO4J_PASSWORD must be at least 8 characters (Neo4j's rule).")
        if _port_open(settings.localdb_port):
            raise LocalDbError(
                f"Port {settings.localdb_port} on 127.0.0.1 is taken by another process. "
                "Stop it, or choose another port with PARTNERGRAPH_LOCALDB_PORT."
            )
        java = _require("java", "install a Java 17+ runtime to run the local Neo4j.")
        build(paths, echo)
        paths.data.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "NEO4J_PASSWORD": settings.neo4j_password}
        began = time.monotonic()
        pid = _spawn_detached(
            [java, f"-Xmx{settings.localdb_heap}", "-XX:+UseG1GC",
             "-cp", f"{paths.lib}/*", MAIN_CLASS, str(paths.data), str(settings.localdb_port)],
            paths.log, env)
        paths.pid.write_text(str(pid))
        while time.monotonic() - began < timeout:
            if not _pid_alive(pid):
                paths.pid.unlink(missing_ok=True)
                raise LocalDbError(f"Neo4j exited during start-up. "
                                   f"Last lines of {paths.log}:\n{_log_tail(paths)}")
            if _port_open(settings.localdb_port) and "ready, Bolt on" in _log_tail(paths, 5):
                echo(f"Neo4j ready on bolt://127.0.0.1:{settings.localdb_port} "
                     f"(pid {pid}, {time.monotonic() - began:.1f} s, data in {paths.data})")
                return status(settings)
            time.sleep(0.25)
        _terminate(pid)
        paths.pid.unlink(missing_ok=True)
        raise LocalDbError(f"Neo4j did not answer within {timeout:.0f} s. "
                           f"Last lines of {paths.log}:\n{_log_tail(paths)}")


def _spawn_detached(argv: list[str], log: Path, env: dict[str, str]) -> int:
    """Start `argv` as a daemon and return its pid.

    A shell starts it in the background and exits at once, so the server belongs to init,
    not to this process: it outlives the command that started it, is never left a zombie,
    and leaves no child for this process to wait for.
    """
    shell = subprocess.run(
        ["/bin/sh", "-c", 'exec "$@" >>"$PARTNERGRAPH_LOG" 2>&1 </dev/null & echo $!',
         "sh", *argv],
        env={**env, "PARTNERGRAPH_LOG": str(log)}, capture_output=True, text=True, check=True,
        start_new_session=True)
    return int(shell.stdout.strip())


def _terminate(pid: int, timeout: float = 60.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)


def stop(settings: Settings, echo: Callable[[str], object] = print) -> bool:
    """Stop the local Neo4j cleanly (SIGTERM, then wait). Returns False if it was not running."""
    paths = Paths.of(settings)
    with _locked(paths.lock):
        pid = _read_pid(paths)
        if pid is None:
            paths.pid.unlink(missing_ok=True)
            echo("Neo4j is not running")
            return False
        _terminate(pid)
        paths.pid.unlink(missing_ok=True)
        echo(f"Neo4j stopped (pid {pid})")
        return True
