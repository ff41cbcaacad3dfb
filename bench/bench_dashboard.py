"""Dashboard benchmark (not a test): time to first render and to a filter change, in headless
Chromium (Debian's).

    .venv/bin/python bench/bench_dashboard.py [--repeat 3] [--region EUROPE]

Runs on a Neo4j of its own (bench/database.py: a disposable local one by default, deleted at
the end), loaded with the synthetic graph `partnergraph generate --partners 5000 --agreements
6000 --activities 6000 --seed 7` would write (about 50k ties) and its metrics; --partners,
--agreements and --activities change the size, --no-load reuses a kept bench database
(PARTNERGRAPH_BENCH_NEO4J_URI).

First render: navigation start → the network's data fetched, the graph built and sigma's
first frame drawn (the ForceAtlas2 layout then refines in a worker; not counted).
Filter change: choosing a region → the partners outside it hidden and the picture redrawn.
The first run is cold (the API's response cache is empty); the rest are warm.

The page signs in with a bearer token made for the run (admin by default, `--role` and
`--clearance` to time another caller) and revoked at the end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.database import bench_database, load_synthetic  # noqa: E402
from graph import tokens  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.model import TLP, Role  # noqa: E402
from graph.store import Store  # noqa: E402
from tests.dashboard.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402


def one(browser, server: Server, region: str, token: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server.url}/#token={token}&/network")
    page.wait_for_function("() => window.__dashboard && window.__dashboard.network.lastLoad",
                           timeout=300000)
    page.wait_for_function("() => window.__dashboard.network.firstRenderAt !== null")
    first = page.evaluate("() => window.__dashboard.network.lastLoad")
    # ms since navigation start: the first frame sigma drew (after the data was built).
    first_paint = max(first["at"], page.evaluate("() => window.__dashboard.network.firstRenderAt"))
    page.evaluate("() => window.__dashboard.network.stopLayout()")
    t0 = page.evaluate("() => performance.now()")
    page.select_option("#filters select[name=region]", region)
    page.wait_for_function(f"() => window.__dashboard.network.lastLoad.at > {t0} && "
                           "window.__dashboard.network.drawnAt !== null", timeout=300000)
    after = page.evaluate("() => window.__dashboard.network.lastLoad")
    # the first frame sigma drew after the filtered picture was ready
    drawn = page.evaluate("() => window.__dashboard.network.drawnAt")
    page.close()
    return {"first_render_ms": first_paint, "first_fetch_ms": first["fetchMs"],
            "first_build_ms": first["buildMs"], "nodes": first["nodes"], "edges": first["edges"],
            "filter_ms": max(after["at"], drawn) - t0, "filter_fetch_ms": after["fetchMs"],
            "filter_nodes": after["nodes"], "filter_edges": after["edges"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--region", default="EUROPE")
    ap.add_argument("--role", default="admin", choices=[r.value for r in Role])
    ap.add_argument("--clearance", default="red", choices=[t.value for t in TLP])
    ap.add_argument("--partners", type=int, default=5000)
    ap.add_argument("--agreements", type=int, default=6000)
    ap.add_argument("--activities", type=int, default=6000)
    ap.add_argument("--no-load", action="store_true", help="reuse a kept bench database")
    args = ap.parse_args()
    with bench_database() as settings:
        run(settings, args)


def run(settings: Settings, args: argparse.Namespace) -> None:
    with Store(settings) as store:
        if not args.no_load:
            load_synthetic(store, args.partners, args.agreements, args.activities)
        token, info = tokens.create(store, "bench_dashboard", Role(args.role),
                                    clearance=TLP(args.clearance), days=1, actor="bench")
    try:
        with Server(settings) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            runs = [one(browser, server, args.region, token) for _ in range(args.repeat)]
            browser.close()
    finally:
        with Store(settings) as store:
            tokens.revoke(store, info.id, actor="bench")
    r0 = runs[0]
    print(f"graph drawn: {r0['nodes']} partners, {r0['edges']} ties; after region "
          f"{args.region}: {r0['filter_nodes']} partners, {r0['filter_edges']} ties")
    # The first visit finds the API's response cache empty (api/response_cache.py); later
    # visits to the unchanged graph are answered from it.
    for key in ("first_render_ms", "first_fetch_ms", "first_build_ms", "filter_ms",
                "filter_fetch_ms"):
        values = [r[key] for r in runs]
        warm = f"warm median {statistics.median(values[1:]):8.0f} ms" if len(values) > 1 else ""
        print(f"{key:>16}: cold {values[0]:8.0f} ms   {warm}   "
              f"(all: {', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
