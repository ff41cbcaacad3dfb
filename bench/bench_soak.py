"""Soak (not a test): many clients on loopback for minutes, mixed reads and imports.

    .venv/bin/python bench/bench_soak.py --clients 50 --seconds 300 [--partners 2000]

Runs on a Neo4j of its own (bench/database.py: a disposable local one by default, deleted at
the end), loaded with the synthetic graph (seed 7, --partners) or the demo (--demo) and
its metrics, unless --no-load reuses a kept bench database (PARTNERGRAPH_BENCH_NEO4J_URI). Serves the API with one uvicorn worker,
gives every client its own token (as
real users have), and has each client loop over the five request shapes of
bench/bench_api.py while one steward imports a small CSV through `importFile` every
`--import-every` seconds. It samples the server's resident memory every 5 s and prints
requests served, p50/p99 latency, errors by kind, and memory at the start, the end and the
peak. Bounded: it stops after `--seconds`, and every request has a 30 s timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import SHAPES, inputs, pct, served_api, variables  # noqa: E402

from bench.database import bench_database, load_demo_with_metrics, load_synthetic  # noqa: E402
from graph import tokens  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.model import TLP, Role  # noqa: E402
from graph.store import Store  # noqa: E402

IMPORT = """mutation($file: Upload!) { importFile(file: $file) { __typename
  ... on Import { status } ... on InvalidInput { message } } }"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def reader(url: str, token: str, samples: list, deadline: float, seed: int,
                 latencies: list[float], errors: Counter[str]) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(timeout=30, headers={"Authorization": f"Bearer {token}"}) as c:
        while time.perf_counter() < deadline:
            shape = rng.choice("abcde")
            body = {"query": SHAPES[shape], "variables": variables(shape, rng.choice(samples))}
            t = time.perf_counter()
            try:
                r = await c.post(url, json=body)
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] += 1
                continue
            latencies.append(time.perf_counter() - t)
            if r.status_code != 200:
                errors[f"HTTP {r.status_code}"] += 1
            elif r.json().get("errors"):
                errors[r.json()["errors"][0]["extensions"].get("code", "?")] += 1


async def importer(url: str, token: str, deadline: float, every: float,
                   outcomes: Counter[str]) -> None:
    n = 0
    async with httpx.AsyncClient(timeout=120, headers={"Authorization": f"Bearer {token}"}) as c:
        while time.perf_counter() < deadline:
            rows = "\n".join(f"soak-{n}-{i},Soak partner {n}-{i},ngo,FR" for i in range(50))
            files = {"0": ("partners.csv", f"id,name,kind,country\n{rows}\n", "text/csv")}
            data = {"operations": json.dumps({"query": IMPORT, "variables": {"file": None}}),
                    "map": json.dumps({"0": ["variables.file"]})}
            r = await c.post(url, data=data, files=files)
            ok = r.status_code == 200 and r.json()["data"]["importFile"].get("status") == "complete"
            outcomes["complete" if ok else f"failed: {r.text[:120]}"] += 1
            n += 1
            await asyncio.sleep(every)


async def soak(url: str, clients: list[str], steward: str, samples: list, seconds: float,
               every: float, pid: int) -> dict:
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    imports: Counter[str] = Counter()
    memory: list[float] = [rss_mb(pid)]
    deadline = time.perf_counter() + seconds

    async def sample_memory() -> None:
        while time.perf_counter() < deadline:
            await asyncio.sleep(5)
            memory.append(rss_mb(pid))

    start = time.perf_counter()
    await asyncio.gather(
        sample_memory(), importer(url, steward, deadline, every, imports),
        *(reader(url, t, samples, deadline, i, latencies, errors) for i, t in enumerate(clients)))
    elapsed = time.perf_counter() - start
    return {"clients": len(clients), "seconds": round(elapsed, 1), "requests": len(latencies),
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(pct(latencies, .5), 1), "p99_ms": round(pct(latencies, .99), 1),
            "errors": dict(errors), "imports": dict(imports),
            "rss_mb": {"start": round(memory[0]), "end": round(memory[-1]),
                       "peak": round(max(memory))}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--import-every", type=float, default=30)
    ap.add_argument("--partners", type=int, default=2000, help="synthetic graph size")
    ap.add_argument("--demo", action="store_true", help="load the demo, not a synthetic graph")
    ap.add_argument("--no-load", action="store_true", help="reuse a kept bench database")
    args = ap.parse_args()
    with bench_database() as settings:
        run(settings, args)


def run(settings: Settings, args: argparse.Namespace) -> None:
    with Store(settings) as store:
        if args.demo:
            load_demo_with_metrics(store)
        elif not args.no_load:
            load_synthetic(store, args.partners)
        samples = inputs(store, 200)
        clients = [tokens.create(store, f"soak reader {i}", Role.ANALYST, clearance=TLP.AMBER,
                                 days=1, actor="bench")[0] for i in range(args.clients)]
        steward = tokens.create(store, "soak steward", Role.STEWARD, clearance=TLP.AMBER,
                                days=1, actor="bench")[0]
    with served_api() as (url, pid):
        result = asyncio.run(soak(url, clients, steward, samples, args.seconds,
                                  args.import_every, pid))
    print(json.dumps(result, indent=2))

if __name__ == "__main__":
    main()
