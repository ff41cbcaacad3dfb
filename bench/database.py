"""The benchmarks' own Neo4j: never the database people use.

By default a benchmark starts a disposable local Neo4j (graph/disposable.py: a folder under
`.localdb-bench/`, a free port), loads what it measures, and deletes it at the end.
`PARTNERGRAPH_BENCH_NEO4J_URI` (with `_USER`, `_PASSWORD`, `_DATABASE`) names another Neo4j
instead, for example one kept between runs with `--no-load`: it must be empty the first
time (it is then marked disposable) or marked already, or the benchmark stops.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph import disposable
from graph.config import Settings
from graph.store import Store


def _say(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


@contextmanager
def bench_database() -> Iterator[Settings]:
    """Yield the settings of the benchmark's database, with this process's environment
    pointed at it (so child processes, servers and `Settings.from_env()` reach it too)."""
    base = Settings.from_env()
    chosen = disposable.external("BENCH", base)
    if chosen is not None:
        with Store(chosen) as store:
            disposable.mark_disposable(store, "bench")
        os.environ.update(disposable.environment(chosen, local=False))
        yield chosen
        return
    scratch = disposable.Scratch.plan("bench", base)
    os.environ.update(scratch.env())
    try:
        yield scratch.start(echo=_say)
    finally:
        scratch.drop(echo=_say)


def load_synthetic(store: Store, partners: int, agreements: int | None = None,
                   activities: int | None = None, seed: int = 7) -> None:
    """Wipe the (disposable) database, then generate, import and compute metrics on the
    synthetic graph (ingest/synthetic.py): by default twice as many agreements and
    activities as partners."""
    from graph.admin import wipe
    from graph.metrics.job import RunParams, run_metrics
    from graph.schema import migrate
    from ingest.importer import import_files
    from ingest.synthetic import generate

    migrate(store)
    wipe(store)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        t0 = time.perf_counter()
        generate(tmp, partners=partners, agreements=agreements or 2 * partners,
                 activities=activities or 2 * partners, seed=seed)
        import_files(store, sorted(Path(tmp).glob("*.csv")), actor="bench")
        t1 = time.perf_counter()
        run_metrics(store, RunParams(as_of=dt.date.today()))
        t2 = time.perf_counter()
    _say(f"loaded {partners} partners in {t1 - t0:.1f} s; metrics in {t2 - t1:.1f} s")


def load_demo_with_metrics(store: Store) -> None:
    """Wipe the (disposable) database, then load the demo data set and compute metrics."""
    from graph.admin import wipe
    from graph.metrics.job import RunParams, run_metrics
    from graph.schema import migrate
    from ingest.demo import load_demo

    migrate(store)
    wipe(store)
    load_demo(store)
    run_metrics(store, RunParams(as_of=dt.date.today()))
