"""Outage benchmark (not a test): how long the API takes to answer 503 when Neo4j is away.

    .venv/bin/python bench/bench_outage.py [--requests 5]

Two kinds of outage, each on a loopback port of its own (no database is touched):
"refused" (nothing listens: connections are refused at once) and "silent" (a socket that
accepts connections and never answers, like a hung server or a dropped route). For each,
the app (api.app.create_app, in process) answers `--requests` GraphQL requests carrying a
token, and the time to each 503 is printed with the median and the maximum.
"""

from __future__ import annotations

import argparse
import dataclasses
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from starlette.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from graph.config import Settings  # noqa: E402

QUERY = {"query": "{ partners { totalCount } }"}
TOKEN = {"Authorization": "Bearer pg_0123456789ab_" + "x" * 43}


def timings(port: int, requests: int) -> list[tuple[int, float]]:
    settings = dataclasses.replace(Settings.from_env(), neo4j_uri=f"bolt://127.0.0.1:{port}")
    out = []
    with TestClient(create_app(settings)) as client:
        for _ in range(requests):
            began = time.monotonic()
            status = client.post("/graphql", json=QUERY, headers=TOKEN).status_code
            out.append((status, time.monotonic() - began))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=5)
    args = ap.parse_args()
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        refused_port = closed.getsockname()[1]
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1000)
        for name, port in (("refused", refused_port), ("silent", silent.getsockname()[1])):
            got = timings(port, args.requests)
            seconds = [t for _, t in got]
            print(f"{name:>8}: statuses {sorted({s for s, _ in got})}, seconds "
                  f"{', '.join(f'{t:.2f}' for t in seconds)} (median "
                  f"{statistics.median(seconds):.2f}, max {max(seconds):.2f})", flush=True)


if __name__ == "__main__":
    main()
