"""Benchmark the metrics (not a test): our path against plain NetworkX and igraph.

    .venv/bin/python bench/bench_metrics.py --partners 10000 --agreements 20000 \
        --activities 20000 --nx-budget 60

Builds a synthetic ecosystem with ingest/synthetic.py, turns its CSV files into the rows the
projection query returns, and times: the projection (pure part), every metric on our path
(`backend=auto`), the same metric in plain NetworkX (in a child process killed after
--nx-budget seconds; betweenness and harmonic are extrapolated from sampled sources), and
the bare igraph call (the compiled limit). The three run back to back per metric, ours and
igraph `--repeat` times (the fastest counts), so each ratio compares runs made under the
same load on a shared machine; the load average is printed before and after. Prints a
table with the ratios.

With --db, also times the whole job on Neo4j: the same synthetic graph imported into the
benchmark's own database (bench/database.py: a disposable local one by default).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import multiprocessing as mp
import os
import random
import resource
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402

from graph.metrics import (  # noqa: E402
    _igraph,
    brokerage,
    centrality,
    communities,
    country_level,
    resilience,
    trust,  # noqa: E402
)
from graph.metrics import summary as summary_mod  # noqa: E402
from graph.model import TLP  # noqa: E402
from graph.projection import Options, build_graph  # noqa: E402
from graph.regions import REGION_OF  # noqa: E402
from ingest.synthetic import generate  # noqa: E402

AS_OF = dt.date(2026, 6, 30)
SAMPLES = 32  # sampled sources for extrapolating NetworkX's O(nm) algorithms


def rows_from_csv(folder: Path) -> list[dict[str, Any]]:
    """The rows queries/metrics/memberships.cypher would return for these CSV files."""
    def read(name: str) -> list[dict[str, str]]:
        with open(folder / f"{name}.csv", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    partners = {p["id"]: p for p in read("partners")}
    agreements = {a["id"]: a for a in read("agreements")}
    activities = {x["id"]: x for x in read("activities")}

    def base(pid: str) -> dict[str, Any]:
        p = partners[pid]
        return {"partner": pid, "name": p["name"], "partner_kind": p["kind"],
                "country": p["country"] or None, "region": REGION_OF.get(p["country"]),
                "sector": p["sector"] or None, "group": None}

    rows = [base(pid) for pid in partners]
    for m in read("agreement_parties"):
        a = agreements[m["agreement_id"]]
        rows.append({**base(m["partner_id"]), "group": a["id"], "group_type": "agreement",
                     "kind": a["kind"], "status": a["status"], "binding": a["binding"] == "true",
                     "tlp_rank": TLP(a["tlp"]).rank,
                     "start": a["effective_from"] or a["signed_on"] or None,
                     "end": a["expires_on"] or None, "role": m["role"] or "party"})
    for m in read("activity_participants"):
        x = activities[m["activity_id"]]
        rows.append({**base(m["partner_id"]), "group": x["id"], "group_type": "activity",
                     "kind": x["kind"], "status": x["status"], "binding": None,
                     "tlp_rank": TLP(x["tlp"]).rank, "start": x["start"] or None,
                     "end": x["end"] or None, "role": m["role"] or "participant"})
    return rows


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def _child(fn: Callable[[], Any], queue: mp.Queue) -> None:
    queue.put(timed(fn)[0])


def bounded(fn: Callable[[], Any], budget: float) -> float | None:
    """Seconds `fn` took in a forked child, or None if it ran past `budget`."""
    ctx = mp.get_context("fork")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, queue))
    proc.start()
    proc.join(budget)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def plain_networkx(G: nx.Graph, budget: float, seed: int
                   ) -> dict[str, Callable[[], tuple[float | None, str]]]:
    """Plain NetworkX per metric: a thunk giving (seconds or None, how it was obtained)."""
    n = G.number_of_nodes()
    sources = random.Random(seed).sample(list(G), min(SAMPLES, n))
    ours_k = len(centrality.sampled_sources(G, seed) or G)

    def extrapolated(fn: Callable[[], Any]) -> Callable[[], tuple[float | None, str]]:
        def run() -> tuple[float | None, str]:
            t = bounded(fn, budget)
            if t is None:
                return None, ""
            per_source = t / len(sources)
            return per_source * ours_k, (f"same {ours_k} sources, est. from {SAMPLES}; "
                                         f"exact {per_source * n:.0f} s")
        return run

    def full(fn: Callable[[], Any]) -> Callable[[], tuple[float | None, str]]:
        return lambda: (bounded(fn, budget), "full")

    return {
        "betweenness": extrapolated(lambda: nx.betweenness_centrality_subset(
            G, sources, list(G), weight="distance")),
        "harmonic": extrapolated(lambda: nx.harmonic_centrality(
            G, distance="distance", sources=sources)),
        "eigenvector": full(lambda: nx.eigenvector_centrality(G, weight="weight",
                                                              max_iter=1000)),
        "pagerank": full(lambda: nx.pagerank(G, weight="weight")),
        "constraint": full(lambda: nx.constraint(G, weight="weight")),
        "core": full(lambda: nx.core_number(G)),
        "articulation": full(lambda: list(nx.articulation_points(G))),
        "bridges": full(lambda: list(nx.bridges(G))),
        "louvain": full(lambda: nx.community.louvain_communities(G, weight="weight",
                                                                 seed=seed)),
    }


def bare_igraph(G: nx.Graph, seed: int) -> dict[str, Callable[[], Any]]:
    """The compiled limit: one igraph call on a prebuilt igraph graph (conversion excluded).
    Betweenness and harmonic use the same sampled sources as our path when it samples."""
    g, nodes = _igraph.convert(G, "weight", "distance")
    sources = centrality.sampled_sources(G, seed)
    index = {v: i for i, v in enumerate(nodes)}
    kw = {"sources": [index[s] for s in sources]} if sources else {}

    def eigenvector() -> Any:
        with warnings.catch_warnings():  # whole graph: igraph warns it is disconnected
            warnings.simplefilter("ignore", RuntimeWarning)
            return g.eigenvector_centrality(weights="weight")

    def summary_paths() -> Any:
        """The path lengths our summary computes: exact, or from the same sampled sources."""
        if G.number_of_nodes() * G.number_of_edges() <= resilience.EXACT_PATH_WORK:
            return g.average_path_length(directed=False, unconn=True)
        path_sources = random.Random(seed).sample(list(G), resilience.PATH_LENGTH_SAMPLES)
        return [g.distances(source=[index[s] for s in path_sources[i:i + 16]])
                for i in range(0, len(path_sources), 16)]

    return {
        "betweenness": lambda: g.betweenness(directed=False, weights="distance", **kw),
        "harmonic": lambda: (g.distances(source=kw["sources"], weights="distance") if kw
                             else g.harmonic_centrality(weights="distance")),
        "eigenvector": eigenvector,
        "pagerank": lambda: g.pagerank(weights="weight"),
        "constraint": lambda: g.constraint(weights="weight"),
        "core": lambda: g.coreness(),
        "articulation": lambda: g.articulation_points(),
        "bridges": lambda: g.bridges(),
        "louvain": lambda: g.community_multilevel(weights="weight"),
        "summary": summary_paths,
    }


def sampling_error(G: nx.Graph, seed: int) -> None:
    """How far the sampled betweenness and harmonic are from the exact ones (igraph)."""
    import numpy as np

    if centrality.sampled_sources(G, seed) is None:
        print("no sampling at this size")
        return
    for name, fn in [("betweenness", centrality.betweenness), ("harmonic", centrality.harmonic)]:
        sampled = fn(G, backend="igraph", seed=seed)
        work = centrality.EXACT_WORK
        centrality.EXACT_WORK = G.number_of_nodes() * G.number_of_edges()
        try:
            t, exact = timed(lambda f=fn: f(G, backend="igraph"))
        finally:
            centrality.EXACT_WORK = work
        a = np.array([sampled[v] for v in G])
        b = np.array([exact[v] for v in G])
        top = 100
        overlap = len(set(np.argsort(-a)[:top]) & set(np.argsort(-b)[:top])) / top
        ranks = lambda x: np.argsort(np.argsort(x))  # noqa: E731
        spearman = np.corrcoef(ranks(a), ranks(b))[0, 1]
        print(f"{name}: exact {t:.1f} s; max abs error {np.max(np.abs(a - b)):.2e} "
              f"(largest exact value {b.max():.2e}); Spearman {spearman:.4f}; "
              f"top-{top} overlap {overlap:.0%}")


def ours(G: nx.Graph, H: nx.Graph, seed: int) -> dict[str, Callable[[], Any]]:
    """Our path (backend auto) per metric, on the integer-labelled graph H the job uses
    (the country level merges and relabels the partner graph G itself, as the job does)."""
    direct: dict[str, Any] = {}

    def direct_trust() -> Any:
        direct["value"] = trust.direct_trust(H)
        return direct["value"]

    return {
        "degree": lambda: centrality.strength(H),
        "betweenness": lambda: centrality.betweenness(H, seed=seed),
        "harmonic": lambda: centrality.harmonic(H, seed=seed),
        "eigenvector": lambda: centrality.eigenvector(H, seed=seed),
        "pagerank": lambda: centrality.pagerank(H),
        "constraint": lambda: brokerage.constraint(H),
        "effective_size": lambda: brokerage.effective_size(H),
        "cross_region": lambda: brokerage.cross_region(H),
        "core": lambda: resilience.core_number(H),
        "articulation": lambda: resilience.articulation_points(H),
        "bridges": lambda: resilience.bridges(H),
        "region_resilience": lambda: resilience.per_region(H),
        "louvain": lambda: communities.louvain(H, seed=seed),
        "summary": lambda: summary_mod.summary(H, seed=seed),
        "direct_trust": direct_trust,
        "propagated_trust": lambda: trust.propagated_trust(H, direct["value"], [0, 1, 2]),
        "top_trusted": lambda: trust.top_trusted(direct["value"], 10),
        "country_level": lambda: country_level.country_values(G, seed=seed),
    }


def best(fn: Callable[[], Any], repeat: int) -> float:
    """The fastest of `repeat` runs: on a shared machine, the run least slowed by others."""
    return min(timed(fn)[0] for _ in range(repeat))


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def scaling(sizes: list[int], seed: int, node_rule: bool) -> None:
    """The job's compute time (graph/metrics/job.py `compute`: every metric, no I/O) on the
    synthetic graph at each size, one agreement and one activity per partner. With
    `node_rule`, also under the rule that chose exact kernels up to 5,000 nodes and 500
    sources above, in the same run."""
    from graph.metrics.job import RunParams, compute

    def node_count_rule(n: int, m: int) -> int | None:
        return None if n <= 5_000 else 500

    print(f"\n{'partners':>9}{'nodes':>8}{'ties':>9}{'sources':>9}{'job s':>9}"
          + (f"{'5k-node rule s':>16}{'rule/ours':>11}" if node_rule else ""), flush=True)
    for p in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(tmp, partners=p, agreements=p, activities=p, seed=seed)
            rows = rows_from_csv(Path(tmp))
        G = build_graph(rows, Options(AS_OF, tlp_max=TLP.RED.rank))
        params = RunParams(as_of=AS_OF, tlp_max=TLP.RED.rank, seed=seed)
        n, m = G.number_of_nodes(), G.number_of_edges()
        k = centrality.source_count(n, m)
        t, _ = timed(lambda G=G, params=params: compute(G.copy(), params))
        line = f"{p:>9}{n:>8}{m:>9}{(k or 'all'):>9}{t:>9.1f}"
        if node_rule:
            budget_rule = centrality.source_count
            centrality.source_count = node_count_rule
            try:
                t_old, _ = timed(lambda G=G, params=params: compute(G.copy(), params))
            finally:
                centrality.source_count = budget_rule
            line += f"{t_old:>16.1f}{t_old / t:>11.2f}"
        print(line, flush=True)
    print(load())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--partners", type=int, default=10_000)
    ap.add_argument("--agreements", type=int, default=20_000)
    ap.add_argument("--activities", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--nx-budget", type=float, default=60.0,
                    help="seconds each plain-NetworkX call may run before it is killed")
    ap.add_argument("--skip-nx", action="store_true")
    ap.add_argument("--metrics", default="",
                    help="comma-separated metric names to run (default: all); propagated "
                         "and top-k trust need direct_trust")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of ours and of igraph per metric; the fastest counts")
    ap.add_argument("--db", action="store_true", help="also time the whole job on Neo4j")
    ap.add_argument("--error", action="store_true",
                    help="also measure the sampling error against exact igraph (slow)")
    ap.add_argument("--scaling", default="",
                    help="comma-separated partner counts: the job's compute time at each "
                         "size (e.g. 1000,2000,5000,10000,20000), then stop")
    ap.add_argument("--node-rule", action="store_true",
                    help="with --scaling, also time the old 5,000-node exact/sampled rule")
    args = ap.parse_args()
    if args.scaling:
        print(load())
        scaling([int(x) for x in args.scaling.split(",")], args.seed, args.node_rule)
        return

    with tempfile.TemporaryDirectory() as tmp:
        t_gen, _ = timed(lambda: generate(tmp, partners=args.partners, seed=args.seed,
                                          agreements=args.agreements,
                                          activities=args.activities))
        t_rows, rows = timed(lambda: rows_from_csv(Path(tmp)))
    t_proj, G = timed(lambda: build_graph(rows, Options(AS_OF, tlp_max=TLP.RED.rank)))
    print(f"synthetic: {args.partners} partners, {len(rows)} membership rows "
          f"(generate {t_gen:.1f} s, read {t_rows:.1f} s)")
    print(f"projection: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties, "
          f"{t_proj:.2f} s", flush=True)

    print(load(), flush=True)
    H = nx.convert_node_labels_to_integers(G)
    H.graph["negative_only"] = {}
    t_conv, _ = timed(lambda: _igraph.convert(H, "weight", "distance"))
    print(f"igraph conversion (once per run, cached on the graph): {t_conv:.2f} s", flush=True)
    our, ig_calls = ours(G, H, args.seed), bare_igraph(H, args.seed)
    nx_calls = {} if args.skip_nx else plain_networkx(H, args.nx_budget, args.seed)
    # Each metric: ours, the bare igraph call and plain NetworkX back to back, so that the
    # ratios compare runs made under the same load (best of --repeat for ours and igraph).
    print(f"\n{'metric':<18}{'ours s':>9}{'igraph s':>10}{'networkx s':>12}"
          f"{'ours/igraph':>13}{'nx/ours':>10}  note")
    total = 0.0
    only = set(args.metrics.split(",")) if args.metrics else None
    for name, fn in our.items():
        if only is not None and name not in only:
            continue
        t = best(fn, args.repeat)
        total += t
        ig_t = best(ig_calls[name], args.repeat) if name in ig_calls else None
        nx_t, how = nx_calls[name]() if name in nx_calls else (None, "")
        ratio_ig = f"{t / ig_t:.1f}" if ig_t else "—"
        if name in nx_calls:
            nx_s = f"{nx_t:.2f}" if nx_t is not None else f">{args.nx_budget:.0f}"
            ratio_nx = f"{nx_t / t:.0f}×" if nx_t is not None else f">{args.nx_budget / t:.0f}×"
        else:
            nx_s = ratio_nx = "—"
        print(f"{name:<18}{t:>9.3f}{(f'{ig_t:.3f}' if ig_t else '—'):>10}{nx_s:>12}"
              f"{ratio_ig:>13}{ratio_nx:>10}  {how}", flush=True)
    print(f"{'all metrics':<18}{total:>9.2f}")
    print(load())
    if args.error:
        sampling_error(G, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")

    if args.db:
        from bench.database import bench_database
        from graph.admin import wipe
        from graph.metrics.job import RunParams, run_metrics
        from graph.schema import migrate
        from graph.store import Store
        from ingest.importer import import_files

        with (bench_database() as settings, Store(settings) as store,
              tempfile.TemporaryDirectory() as tmp):
            generate(tmp, partners=args.partners, seed=args.seed, agreements=args.agreements,
                     activities=args.activities)
            migrate(store)
            wipe(store)
            import_files(store, sorted(Path(tmp).glob("*.csv")), actor="bench")
            t_run, report = timed(lambda: run_metrics(store, RunParams(
                as_of=AS_OF, tlp_max=TLP.RED.rank)))
        print(f"\nwhole job on Neo4j: {t_run:.1f} s "
              f"({report.summary['nodes']} nodes, {report.summary['edges']} ties)")
        for step, seconds in sorted(report.timings.items(), key=lambda kv: -kv[1]):
            print(f"  {step:<22}{seconds:>8.2f} s")


if __name__ == "__main__":
    main()
