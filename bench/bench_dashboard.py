"""Dashboard benchmark (not a test): the network view's first render, how long the page is
unresponsive while it loads and lays out, and a filter change, in headless Chromium
(Debian's).

    .venv/bin/python bench/bench_dashboard.py [--repeat 3] [--region EUROPE]

Runs on a Neo4j of its own (bench/database.py: a disposable local one by default, deleted at
the end), loaded with the synthetic graph `partnergraph generate --partners 5000 --agreements
6000 --activities 6000 --seed 7` would write (257,796 ties among the 5,000 partners) and its
metrics; --partners, --agreements and --activities change the size (5000/1200/1200 gives
65,751 ties), --no-load reuses a kept bench database (PARTNERGRAPH_BENCH_NEO4J_URI).

Reported per page load, from navigation start:
  first frame     the first frame sigma draws with the partners placed (their ties follow)
  all ties drawn  the first frame with every tie the picture draws
  long tasks      main-thread tasks over 50 ms (PerformanceObserver 'longtask') from
                  navigation until ForceAtlas2 has stopped: how many, how many over 200 ms,
                  and the longest (input waits at most that long)
  filter change   choosing a region → the first frame drawn after it (layout stopped first)
The first visit is cold (the API's response cache is empty); the rest are warm.

WebGL runs on SwiftShader (no GPU on the machines we measure on) with the compositor in the
GPU process, as in a browser with a GPU. `--software-compositing` measures the tests'
setting instead (`--disable-gpu`): there the compositor reads every WebGL frame back on the
main thread, which then waits as long as SwiftShader takes to draw it (seconds for tens of
thousands of ties), so the longest task measures the software rasteriser, not the page.

The page signs in with a bearer token made for the run (admin by default, `--role` and
`--clearance` to time another caller) and revoked at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from bench.database import bench_database, load_synthetic  # noqa: E402
from graph import tokens  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.model import TLP, Role  # noqa: E402
from graph.store import Store  # noqa: E402
from tests.dashboard.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

# GPU compositing on SwiftShader instead of --disable-gpu (see the docstring).
GPU_ARGS = [a for a in CHROMIUM_ARGS if a != "--disable-gpu"] + [
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
# Registered before the page's own scripts: every long task from navigation on.
LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });"""
WAIT_MS = 600_000  # generous: a busy machine is slow, never wrong
HOOK = "window.__dashboard.network"


def one(browser: Browser, server: Server, region: str, token: str) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(WAIT_MS)
    page.add_init_script(LONG_TASKS)
    page.goto(f"{server.url}/#token={token}&/network")
    page.wait_for_function(f"() => window.__dashboard && {HOOK}.lastLoad?.complete"
                           f" && {HOOK}.completeAt !== null")
    first = page.evaluate(f"() => ({HOOK}.lastLoad)")
    first_frame = page.evaluate(f"() => {HOOK}.firstRenderAt")
    complete = page.evaluate(f"() => {HOOK}.completeAt")
    # The layout starts after the last tie is drawn and stops by itself (4 s).
    page.wait_for_function(f"() => {HOOK}.layoutsDone > 0")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    tasks = page.evaluate("() => window.__longTasks")
    t0 = page.evaluate("() => performance.now()")
    page.select_option("#filters select[name=region]", region)
    page.wait_for_function(f"() => {HOOK}.lastLoad.at > {t0} && {HOOK}.drawnAt !== null")
    after = page.evaluate(f"() => {HOOK}.lastLoad")
    drawn = page.evaluate(f"() => {HOOK}.drawnAt")  # the first frame after the filter
    page.close()
    durations = [d for _, d in tasks]
    return {"first_frame_ms": first_frame, "all_ties_ms": complete,
            "longest_task_ms": max(durations, default=0.0),
            "long_tasks": len(durations), "over_200ms": sum(d > 200 for d in durations),
            "first_fetch_ms": first["fetchMs"],
            "nodes": first["nodes"], "edges": first["edges"], "drawn": first["drawnEdges"],
            "filter_ms": max(after["at"], drawn) - t0, "filter_nodes": after["nodes"],
            "filter_edges": after["edges"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--region", default="EUROPE")
    ap.add_argument("--role", default="admin", choices=[r.value for r in Role])
    ap.add_argument("--clearance", default="red", choices=[t.value for t in TLP])
    ap.add_argument("--partners", type=int, default=5000)
    ap.add_argument("--agreements", type=int, default=6000)
    ap.add_argument("--activities", type=int, default=6000)
    ap.add_argument("--software-compositing", action="store_true",
                    help="Chromium as the tests run it (--disable-gpu)")
    ap.add_argument("--no-load", action="store_true", help="reuse a kept bench database")
    args = ap.parse_args()
    with bench_database() as settings:
        run(settings, args)


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(settings: Settings, args: argparse.Namespace) -> None:
    with Store(settings) as store:
        if not args.no_load:
            load_synthetic(store, args.partners, args.agreements, args.activities)
        token, info = tokens.create(store, "bench_dashboard", Role(args.role),
                                    clearance=TLP(args.clearance), days=1, actor="bench")
    before = _loadavg()
    try:
        with Server(settings) as server, sync_playwright() as p:
            flags = CHROMIUM_ARGS if args.software_compositing else GPU_ARGS
            browser = p.chromium.launch(executable_path=CHROMIUM, args=flags)
            version = browser.version
            runs = [one(browser, server, args.region, token) for _ in range(args.repeat)]
            browser.close()
    finally:
        with Store(settings) as store:
            tokens.revoke(store, info.id, actor="bench")
    r0 = runs[0]
    mode = "software compositing" if args.software_compositing else "GPU compositing"
    print(f"Chromium {version}, SwiftShader WebGL, {mode}; load average before "
          f"{before}, after {_loadavg()} (1, 5, 15 min)")
    print(f"graph: {r0['nodes']} partners, {r0['edges']} ties ({r0['drawn']} drawn); after "
          f"region {args.region}: {r0['filter_nodes']} partners, {r0['filter_edges']} ties")
    # The first visit finds the API's response cache empty (api/response_cache.py); later
    # visits to the unchanged graph are answered from it.
    for key in ("first_frame_ms", "all_ties_ms", "first_fetch_ms", "longest_task_ms",
                "long_tasks", "over_200ms", "filter_ms"):
        values = [r[key] for r in runs]
        warm = f"warm median {statistics.median(values[1:]):8.0f}" if len(values) > 1 else ""
        print(f"{key:>16}: cold {values[0]:8.0f}   {warm}   "
              f"(all: {', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
