"""Import benchmark (not a test): our importer end to end vs two baselines on the same data.

    python bench/bench_import.py --partners 10000          # ~225k rows, a few minutes

1. ours: `import_files` on the synthetic CSV files — reading, full validation, resolution,
   spooling and batched writes on `--workers` concurrent transactions — in a child process,
   so its peak RSS is its own (and its validation workers' is reported beside it);
2. LOAD CSV: Neo4j's loader, `LOAD CSV … CALL {} IN TRANSACTIONS` per file, no
   validation, writing the same graph as ours less its provenance: the same nodes,
   relationships and properties (the objectives each agreement supports and each activity
   advances, every figure as graph/figures.py stores it, tlp_rank). The first round checks
   it: how many nodes of each label and relationships of each type carry each property,
   after ours and after LOAD CSV, must agree (`same_graph` in the output);
3. naive: one MERGE per row in its own transaction, on a sample of partners and of
   agreement parties (the rate is what matters; the full run would take hours).

Ours and LOAD CSV run `--rounds` times each on a wiped database, taking turns at going
first (the first import after a start meets a cold database), and the medians are compared;
every round's time is printed too. Runs on a Neo4j of its own (bench/database.py: a
disposable local one by default, deleted at the end), which it wipes between rounds.

Besides wall time it reports CPU seconds: the importer's own (its child process) and, when
the database is the local one, Neo4j's (from /proc), for ours and for LOAD CSV. On a shared
machine wall time follows the load of other jobs; CPU seconds hardly do, so the CPU ratio
says what the work costs and the wall ratio what a steward waits. The load average is
printed before and after.

Validation runs in forked worker processes on a multi-core machine (ingest/forked.py): the
importer's CPU seconds include theirs, and the peak RSS of the largest worker is reported
beside the importer's own (each worker starts as a copy-on-write image of the importer, so
the two peaks overlap and do not simply add up).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.database import bench_database  # noqa: E402
from graph import localdb  # noqa: E402
from graph.admin import wipe  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.queries import named  # noqa: E402
from graph.schema import migrate  # noqa: E402
from graph.store import Store  # noqa: E402

LOAD_ORDER = ("objectives", "partners", "platforms", "agreements", "agreement_parties", "activities",
              "activity_participants", "platform_use")


def rows_in(data: Path) -> int:
    return sum(sum(1 for _ in open(p, encoding="utf-8")) - 1 for p in data.glob("*.csv"))


def neo4j_cpu() -> float | None:
    """CPU seconds the local Neo4j has used so far (None for a server elsewhere)."""
    pid = localdb.status(Settings.from_env()).pid
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _spent(before: float | None) -> float | None:
    after = neo4j_cpu()
    return None if before is None or after is None else round(after - before, 1)


def run_ours(data: Path, batch: int, workers: int) -> dict[str, float]:
    from ingest.importer import ImportOptions, import_files

    files = sorted(data.glob("*.csv"))
    with Store(Settings.from_env()) as store:
        start, cpu = time.perf_counter(), time.process_time()
        report = import_files(store, files, actor="bench", options=ImportOptions(batch_size=batch,
                                                                       workers=workers))
        seconds = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # validation workers, if any
    return {"seconds": seconds, "rows": report.rows_read,
            "cpu": time.process_time() - cpu + children.ru_utime + children.ru_stime,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_rss_mb": children.ru_maxrss / 1024}


def run_load_csv(store: Store, data: Path, batch: int, files: tuple[str, ...] = LOAD_ORDER) -> float:
    start = time.perf_counter()
    with store._driver.session(database=store.database) as session:  # auto-commit is required
        for kind in files:
            q = named(f"bench/load_csv_{kind}")
            session.run(q.text, url=(data / f"{kind}.csv").resolve().as_uri(), batch=batch).consume()
    return time.perf_counter() - start


def _sample(path: Path, n: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        out = []
        for row in csv.DictReader(fh):
            out.append({k: v for k, v in row.items() if v})
            if len(out) == n:
                return out
    return out


def run_naive(store: Store, data: Path, n: int, batch: int) -> tuple[float, int]:
    partners = _sample(data / "partners.csv", n)
    start = time.perf_counter()
    for row in partners:
        store.write(named("bench/naive_partner"), id=row.pop("id"), props=row)
    t_nodes = time.perf_counter() - start
    wipe(store)
    run_load_csv(store, data, batch, ("partners", "agreements"))
    parties = _sample(data / "agreement_parties.csv", n)
    start = time.perf_counter()
    for row in parties:
        store.write(named("bench/naive_party"), agreement_id=row.pop("agreement_id"),
                    partner_id=row.pop("partner_id"), props=row)
    return t_nodes + time.perf_counter() - start, len(partners) + len(parties)


def graph_shape(store: Store) -> dict[str, int]:
    """How many nodes of each label and relationships of each type carry each property,
    provenance left out: two loads of the same files must give the same shape."""
    return {row["what"]: row["n"] for q in ("bench/shape_nodes", "bench/shape_relationships")
            for row in store.read(named(q))}


def shape_differences(ours: dict[str, int], theirs: dict[str, int]) -> list[str]:
    return [f"{key}: ours {ours.get(key)}, LOAD CSV {theirs.get(key)}"
            for key in sorted(ours.keys() | theirs.keys()) if ours.get(key) != theirs.get(key)]


def _ours(store: Store, data: Path, args: argparse.Namespace) -> dict[str, Any]:
    wipe(store)
    before = neo4j_cpu()
    child = subprocess.run([sys.executable, __file__, "--child", str(data),
                            "--batch-size", str(args.batch_size), "--workers", str(args.workers)],
                           capture_output=True, text=True, check=True)
    ours = json.loads(child.stdout.strip().splitlines()[-1])
    ours["neo4j_cpu"] = _spent(before)
    return ours


def _load(store: Store, data: Path, args: argparse.Namespace) -> dict[str, Any]:
    wipe(store)
    before = neo4j_cpu()
    seconds = run_load_csv(store, data, args.batch_size)
    return {"seconds": seconds, "neo4j_cpu": _spent(before)}


def _median(runs: list[dict[str, Any]], key: str) -> Any:
    values = [r[key] for r in runs if r[key] is not None]
    return statistics.median(values) if values else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--partners", type=int, default=10_000)
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--naive-sample", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2, help="our concurrent write transactions")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of ours and LOAD CSV, in alternating order; medians reported")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_ours(args.child, args.batch_size, args.workers)))
        return

    from ingest.synthetic import generate

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        data = Path(tmp)
        counts = generate(data, partners=args.partners, agreements=2 * args.partners,
                          activities=2 * args.partners, seed=7)
        total = rows_in(data)
        load_before = os.getloadavg()
        ours_runs: list[dict[str, Any]] = []
        load_runs: list[dict[str, Any]] = []
        shapes: dict[bool, dict[str, int]] = {}  # after ours (True) and LOAD CSV (False)
        with bench_database() as settings, Store(settings, retry_seconds=120) as store:
            migrate(store)
            for i in range(args.rounds):
                # Alternate who goes first, so neither always meets a cold database.
                order = (_ours, _load) if i % 2 == 0 else (_load, _ours)
                for run in order:
                    (ours_runs if run is _ours else load_runs).append(run(store, data, args))
                    if i == 0:
                        shapes[run is _ours] = graph_shape(store)
                print(f"round {i + 1}: ours {ours_runs[-1]['seconds']:.1f} s, "
                      f"LOAD CSV {load_runs[-1]['seconds']:.1f} s", file=sys.stderr)
            wipe(store)
            t_naive, naive_rows = run_naive(store, data, args.naive_sample, args.batch_size)
            wipe(store)
    ours = {k: _median(ours_runs, k) for k in ("seconds", "cpu", "neo4j_cpu")}
    load = {k: _median(load_runs, k) for k in ("seconds", "neo4j_cpu")}
    differences = shape_differences(shapes[True], shapes[False])
    ours_rate = ours_runs[0]["rows"] / ours["seconds"]
    load_rate = total / load["seconds"]
    naive_rate = naive_rows / t_naive
    result = {
        "rows": counts, "total_rows": total, "batch_size": args.batch_size,
        "workers": args.workers, "rounds": args.rounds,
        "load_average": {"before": [round(x, 1) for x in load_before],
                         "after": [round(x, 1) for x in os.getloadavg()]},
        "ours": {"seconds": round(ours["seconds"], 1), "rows_per_s": round(ours_rate),
                 "each_s": [round(r["seconds"], 1) for r in ours_runs],
                 "peak_rss_mb": round(max(r["rss_mb"] for r in ours_runs)),
                 "validation_worker_peak_rss_mb": round(max(r["workers_rss_mb"] for r in ours_runs)),
                 "python_cpu_s": round(ours["cpu"], 1), "neo4j_cpu_s": ours["neo4j_cpu"]},
        "load_csv": {"seconds": round(load["seconds"], 1), "rows_per_s": round(load_rate),
                     "each_s": [round(r["seconds"], 1) for r in load_runs],
                     "neo4j_cpu_s": load["neo4j_cpu"]},
        "naive": {"sample_rows": naive_rows, "seconds": round(t_naive, 1),
                  "rows_per_s": round(naive_rate)},
        "same_graph": not differences, "graph_differences": differences,
        "ours_vs_naive": round(ours_rate / naive_rate, 1),
        "ours_vs_load_csv": round(ours_rate / load_rate, 2),
    }
    if ours["neo4j_cpu"] is not None and load["neo4j_cpu"]:
        # Rows per CPU second (ours: Python and Neo4j; LOAD CSV: Neo4j), as a ratio.
        result["ours_vs_load_csv_cpu"] = round(
            (load["neo4j_cpu"] / total)
            / ((ours["cpu"] + ours["neo4j_cpu"]) / ours_runs[0]["rows"]), 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
