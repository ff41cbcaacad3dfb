"""The test suite and the benchmarks never touch the database people use.

A user's local database is set up the way the README's first command leaves it
(`partnergraph up`: the demo, metrics, a dashboard token, the API serving), plus a token made
through the CLI. Then the suite's database fixtures run in a second pytest session started
with the user's environment, as `make test` would be in the same checkout; the user's graph,
tokens and dashboard must come out unchanged.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.admin import label_counts, relationship_counts, wipe
from graph.config import DEFAULT_PASSWORD, PROJECT_ROOT, Settings
from graph.disposable import NotDisposable
from graph.store import Store

CLI = [sys.executable, "-c", "from api.cli import main; main()"]
QUERY = {"query": "{ partners { totalCount } }"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class UsersSetup:
    env: dict[str, str]
    settings: Settings
    api: str
    tokens: list[str]

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        with Store(self.settings) as store:
            return label_counts(store), relationship_counts(store)

    def answers(self, token: str) -> int:
        r = httpx.post(f"{self.api}/graphql", json=QUERY, timeout=60,
                       headers={"Authorization": f"Bearer {token}"})
        return r.status_code


def _wait_until_serving(up: subprocess.Popen[str], url: str, token_file: Path) -> None:
    # No deadline of its own: the test's timeout bounds it, so a slow machine only waits.
    while not token_file.is_file() or not _answers(url):
        if up.poll() is not None:
            raise RuntimeError(f"`partnergraph up` exited:\n{up.stderr.read() if up.stderr else ''}")
        try:
            up.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            pass


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture(scope="module")
def users(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UsersSetup]:
    """`partnergraph up` on a local database of the user's own (default credentials, a
    folder and ports of its own), serving while the test runs."""
    root = tmp_path_factory.mktemp("users-localdb")
    db_port, api_port = _free_port(), _free_port()
    env = {**os.environ, "PARTNERGRAPH_LOCALDB_DIR": str(root),
           "PARTNERGRAPH_LOCALDB_PORT": str(db_port), "PARTNERGRAPH_PORT": str(api_port),
           "NEO4J_URI": f"bolt://127.0.0.1:{db_port}", "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": DEFAULT_PASSWORD, "NEO4J_DATABASE": "neo4j"}
    env.pop("PARTNERGRAPH_TEST_NEO4J_URI", None)
    settings = Settings.from_env(env)
    api = f"http://127.0.0.1:{api_port}"
    up = subprocess.Popen([*CLI, "up"], env=env, cwd=PROJECT_ROOT, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_serving(up, api, root / "dashboard-token")
        made = subprocess.run([*CLI, "token", "create", "Ada (partnerships)", "--role", "analyst",
                               "--clearance", "amber"], env=env, capture_output=True, text=True,
                              check=True)
        secret = made.stdout.strip()  # the secret alone; the rest goes to stderr
        yield UsersSetup(env, settings, api, [(root / "dashboard-token").read_text().strip(),
                                              secret])
    finally:
        up.terminate()
        up.wait(timeout=60)
        if up.stderr:
            up.stderr.close()
        subprocess.run([*CLI, "db", "stop"], env=env, capture_output=True, check=False)


def _suite(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The suite's database fixtures (a module that wipes per test), run as `make test`
    would run them in the user's shell."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/graph/test_writer.py"], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True,
        check=False)


def test_the_suite_beside_a_serving_make_up_leaves_the_users_graph_and_tokens_alone(
        users: UsersSetup) -> None:
    before = users.counts()
    assert before[0]["Partner"] > 0 and before[0]["ApiToken"] >= 2
    assert [users.answers(t) for t in users.tokens] == [200, 200]

    run = _suite(users.env)

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert users.counts() == before
    assert [users.answers(t) for t in users.tokens] == [200, 200]
    assert httpx.get(f"{users.api}/", timeout=60).status_code == 200


def test_pointing_the_suite_at_the_users_database_stops_it_before_any_test(
        users: UsersSetup) -> None:
    before = users.counts()
    env = {**users.env, "PARTNERGRAPH_TEST_NEO4J_URI": users.settings.neo4j_uri,
           "PARTNERGRAPH_TEST_NEO4J_PASSWORD": users.settings.neo4j_password}

    run = _suite(env)

    assert run.returncode == 4, run.stdout[-3000:]
    assert "is not marked as disposable" in run.stdout + run.stderr
    assert users.counts() == before


def test_a_wipe_refuses_the_users_database_and_names_it(users: UsersSetup) -> None:
    before = users.counts()
    with Store(users.settings) as store, pytest.raises(NotDisposable) as refused:
        wipe(store)
    assert "'neo4j'" in str(refused.value) and users.settings.neo4j_uri in str(refused.value)
    assert refused.value.held == sum(n for label, n in before[0].items()
                                     if label not in ("Country", "Region", "Migration"))
    assert users.counts() == before


def test_a_benchmark_pointed_at_the_users_database_refuses_it(
        users: UsersSetup, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.database import bench_database

    before = users.counts()
    monkeypatch.setenv("PARTNERGRAPH_BENCH_NEO4J_URI", users.settings.neo4j_uri)
    with pytest.raises(NotDisposable), bench_database():
        pytest.fail("the benchmark got the user's database")
    assert users.counts() == before
    assert os.environ["NEO4J_URI"] != users.settings.neo4j_uri


def test_the_suites_own_database_is_marked_and_is_not_the_users(
        store: Store, users: UsersSetup) -> None:
    from graph.disposable import is_disposable

    assert is_disposable(store)
    assert store.uri != users.settings.neo4j_uri
    assert store.settings.localdb_dir != users.settings.localdb_dir
