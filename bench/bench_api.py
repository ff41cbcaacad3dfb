"""API benchmark (not a test): five request shapes through GraphQL over HTTP vs the same
named Cypher through the driver, at 1, 10 and 50 concurrent clients on loopback.

    .venv/bin/python bench/bench_api.py --partners 2000

Runs on a Neo4j of its own (bench/database.py: a disposable local one by default, deleted at
the end): it generates a synthetic graph (ingest/synthetic.py, seed 7), imports it, computes
metrics, serves the API with one uvicorn worker, and drives it with a closed-loop load
generator on asyncio streams on the same machine. With PARTNERGRAPH_BENCH_NEO4J_URI naming a
kept bench database, --no-load reuses the graph already there.

The API runs twice side by side (--cache both): with the response cache off, every request
reaches Neo4j (the cold path); with it on, a request repeated while the graph is unchanged
is answered from memory after one version check (api/response_cache.py). Each cell sends
the same 200 sampled inputs in turn (100 partners: 50 hubs, 50 ordinary), so with the cache
on, the first pass over the inputs misses and later ones hit.

Shapes:
  a  a partner with its agreements, activities and 2-hop partners
  b  a filtered, paginated list (law enforcement in Europe, 20 per page)
  c  rankings (top 10 by PageRank)
  d  text search with a typo
  e  a shortest path (k = 1, at most 4 hops)

"raw" runs the named queries the API resolvers run, through graph/ (the sync Store) from a
thread pool of the same concurrency, so API/raw is the cost of HTTP + GraphQL + the thread
hop on top of the database time. Latencies in ms; each cell is bounded by --requests and
--seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvloop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.database import bench_database, load_synthetic  # noqa: E402
from graph import tokens  # noqa: E402
from graph.access import FULL_ACCESS  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.model import Role  # noqa: E402
from graph.reads import lists, nodes, paths, search  # noqa: E402
from graph.store import Store  # noqa: E402

SHAPES: dict[str, str] = {
    "a": """query($id: ID!) { partner(id: $id) { id name
            agreements { role agreement { id title } } activities { role activity { id name } }
            partners { weight partner { id partners { partner { id } } } } } }""",
    "b": """query($after: String) { partners(first: 20, after: $after, filter: {
            kind: {eq: LAW_ENFORCEMENT}, region: {eq: EUROPE}}) {
            totalCount edges { node { id name countryCode } } } }""",
    "c": """{ rankings(metric: PAGERANK, top: 10) { rank value partner { id name } } }""",
    "d": """query($t: String!) { searchPartners(text: $t, first: 10) { score partner { id } } }""",
    "e": """query($a: ID!, $b: ID!) { shortestPaths(from: $a, to: $b, maxHops: 4, k: 1) {
            length partners { id } } }""",
}
ALL = ["agreement", "activity"]



def raw_a(store: Store, v: dict[str, Any]) -> Any:
    pid = v["id"]
    nodes.by_ids(store, "partner", [pid], FULL_ACCESS)
    nodes.neighbours(store, "partner_agreements", [pid], FULL_ACCESS)
    nodes.neighbours(store, "partner_activities", [pid], FULL_ACCESS)
    ties = nodes.partner_ties(store, [pid], access=FULL_ACCESS, via=ALL, since=None, min_weight=1,
                              limit=20)[0]
    ids = [t["node"]["id"] for t in ties]
    return nodes.partner_ties(store, ids, access=FULL_ACCESS, via=ALL, since=None, min_weight=1,
                              limit=20)


def raw_b(store: Store, v: dict[str, Any]) -> Any:
    from graph.filters import And, Pred

    tree = And((Pred("kind", "eq", "law_enforcement"), Pred("region", "eq", "EUR")))
    return lists.page(store, "partner", tree, first=20, after=None, sort="name",
                      descending=False, access=FULL_ACCESS)


def raw_c(store: Store, v: dict[str, Any]) -> Any:
    return lists.page(store, "partner", None, first=10, after=None, sort="pagerank",
                      descending=True, access=FULL_ACCESS)


def raw_d(store: Store, v: dict[str, Any]) -> Any:
    return search.search_partners(store, v["t"], 10)


def raw_e(store: Store, v: dict[str, Any]) -> Any:
    return paths.shortest_chains(store, v["a"], v["b"], via=ALL, max_hops=4, k=1, access=FULL_ACCESS)


RAW: dict[str, Callable[[Store, dict[str, Any]], Any]] = {
    "a": raw_a, "b": raw_b, "c": raw_c, "d": raw_d, "e": raw_e}


def inputs(store: Store, n: int, seed: int = 7) -> list[dict[str, Any]]:
    # Half hubs (top PageRank), half ordinary partners (first by name: names are random).
    hubs = lists.page(store, "partner", None, first=50, after=None, sort="pagerank",
                      descending=True, access=FULL_ACCESS)
    usual = lists.page(store, "partner", None, first=50, after=None, sort="name",
                       descending=False, access=FULL_ACCESS)
    rows = [r for r, _ in hubs.rows] + [r for r, _ in usual.rows]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        p, q = rng.choice(rows), rng.choice(rows)
        name = p["name"]
        cut = rng.randrange(len(name)) if len(name) > 4 else len(name)
        out.append({"id": p["id"], "a": p["id"], "b": q["id"], "after": None,
                    "t": name[:cut] + name[cut + 1:]})
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def variables(shape: str, v: dict[str, Any]) -> dict[str, Any]:
    return {"a": {"id": v["id"]}, "b": {"after": None}, "c": {}, "d": {"t": v["t"]},
            "e": {"a": v["a"], "b": v["b"]}}[shape]


async def _connection(url: str, headers: dict[str, str]) -> tuple[
        asyncio.StreamReader, asyncio.StreamWriter, bytes]:
    target = httpx.URL(url)
    reader, writer = await asyncio.open_connection(target.host, target.port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    prefix = (f"POST {target.raw_path.decode()} HTTP/1.1\r\nHost: {target.host}\r\n{head}"
              "Content-Type: application/json\r\n").encode()
    return reader, writer, prefix


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, prefix: bytes,
                body: bytes) -> tuple[int, bytes]:
    writer.write(prefix + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
    length = next(int(v) for k, _, v in (x.partition(b":") for x in lines)
                  if k.lower() == b"content-length")
    return int(lines[0].split()[1]), await reader.readexactly(length)


async def api_cell(url: str, shape: str, concurrency: int, samples: list[dict[str, Any]],
                   requests: int, seconds: float,
                   headers: dict[str, str]) -> tuple[list[float], float, int]:
    """`concurrency` keep-alive HTTP/1.1 connections, each sending its next request when the
    last answer is in (a closed loop, like wrk). Written on asyncio streams because httpx's
    client, not the server, capped a 50-connection run at about 110 requests/s."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    counter = iter(range(requests))

    async def worker() -> None:
        nonlocal errors
        reader, writer, prefix = await _connection(url, headers)
        try:
            for i in counter:
                if time.perf_counter() > deadline:
                    return
                body = json.dumps({"query": SHAPES[shape],
                                   "variables": variables(shape, samples[i % len(samples)])})
                t = time.perf_counter()
                status, answer = await _post(reader, writer, prefix, body.encode())
                latencies.append(time.perf_counter() - t)
                if status != 200 or (b'"errors"' in answer and json.loads(answer).get("errors")):
                    errors += 1
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, time.perf_counter() - start, errors


def raw_cell(store: Store, shape: str, concurrency: int, samples: list[dict[str, Any]],
             requests: int, seconds: float) -> tuple[list[float], float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    def one(i: int) -> None:
        if time.perf_counter() > deadline:
            return
        t = time.perf_counter()
        RAW[shape](store, samples[i % len(samples)])
        latencies.append(time.perf_counter() - t)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(requests)))
    return latencies, time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served_api(env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """The API under uvicorn (one worker) on a free loopback port: yields (url, pid)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={**os.environ, **(env or {})})
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/graphql", server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--partners", type=int, default=2000)
    ap.add_argument("--no-load", action="store_true")
    ap.add_argument("--levels", default="1,10,50")
    ap.add_argument("--shapes", default="abcde")
    ap.add_argument("--requests", type=int, default=300, help="per cell, at most")
    ap.add_argument("--seconds", type=float, default=6.0, help="per cell, at most")
    ap.add_argument("--cache", choices=["both", "on", "off"], default="both",
                    help="serve with the response cache on, off, or both side by side")
    args = ap.parse_args()
    with bench_database() as settings:
        run(settings, args)


def run(settings: Settings, args: argparse.Namespace) -> None:
    store = Store(settings)
    if not args.no_load:
        load_synthetic(store, args.partners)
    samples = inputs(store, 200)
    token, _ = tokens.create(store, "bench_api", Role.ADMIN, days=1, actor="bench")
    headers = {"Authorization": f"Bearer {token}"}
    # One caller drives every client here: lift the per-caller rate limit for the run.
    lifted = {"PARTNERGRAPH_API_RATE_PER_MINUTE": "100000000", "PARTNERGRAPH_API_RATE_BURST": "100000"}
    modes = ["off", "on"] if args.cache == "both" else [args.cache]
    try:
        with ExitStack() as servers:
            urls = {m: servers.enter_context(served_api(
                {**lifted, **({"PARTNERGRAPH_API_CACHE_BYTES": "0"} if m == "off" else {})}))[0]
                for m in modes}
            print("| shape | clients | cache | API req/s | API p50 | API p99 | raw p50 | raw p99 "
                  "| p50 ratio | p99 ratio | errors |")
            print("|---|---|---|---|---|---|---|---|---|---|---|")
            for shape in args.shapes:
                for url in urls.values():  # warm-up (connections, plans), not the cache
                    uvloop.run(api_cell(url, shape, 1, samples[-10:], 10, 5, headers))
                for c in (int(x) for x in args.levels.split(",")):
                    # The light cells first ("on", then "off", then raw), so that a heavy
                    # cell's aftermath in Neo4j (GC, caches) does not land on a light one.
                    cells = {mode: uvloop.run(api_cell(url, shape, c, samples, args.requests,
                                                       args.seconds, headers))
                             for mode, url in sorted(urls.items(), reverse=True)}
                    raw, _ = raw_cell(store, shape, c, samples, args.requests, args.seconds)
                    rp50, rp99 = pct(raw, .5), pct(raw, .99)
                    for mode in modes:
                        api, elapsed, errors = cells[mode]
                        ap50, ap99 = pct(api, .5), pct(api, .99)
                        print(f"| {shape} | {c} | {mode} | {len(api) / elapsed:.0f} | {ap50:.1f} "
                              f"| {ap99:.1f} | {rp50:.1f} | {rp99:.1f} | {ap50 / rp50:.2f} "
                              f"| {ap99 / rp99:.2f} | {errors} |", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
