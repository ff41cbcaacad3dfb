"""What entity resolution (ingest/resolution.py) costs an import, on a database of its own.

    python bench/bench_resolution.py --partners 10000

On the synthetic partners file (ingest/synthetic.py), times `Resolver.resolve_partners`
(the reads and matching added before validation) against the dry run of the same file
(scan, resolution, validation, preview: the baseline, measured in the same run), in three
states of the graph:

- `new`: the graph holds no partner (the count store says so: nothing is read);
- `same`: the graph holds the file's partners (one batched id look-up, no stream);
- `renamed`: the graph holds them, and the file gives each another id, so every partner
  resolves by name (the stream of the graph's partners, matching, the stored records).

Prints JSON: seconds per state for resolution and for the whole dry run, and their ratio.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.database import bench_database  # noqa: E402
from graph.admin import wipe  # noqa: E402
from graph.schema import migrate  # noqa: E402
from graph.store import Store  # noqa: E402
from ingest.importer import ImportOptions, import_files  # noqa: E402
from ingest.resolve import Resolver  # noqa: E402
from ingest.source import SourceOptions, open_source  # noqa: E402
from ingest.validation import scan_all  # noqa: E402


def _renamed(src: Path, out: Path) -> Path:
    """The same partners under other ids (`x-<id>`), as another system would give them."""
    out.mkdir()
    with src.open(newline="") as fh, (out / "partners.csv").open("w", newline="") as dst:
        rows = csv.reader(fh)
        writer = csv.writer(dst)
        writer.writerow(next(rows))
        for row in rows:
            writer.writerow([f"x-{row[0]}", *row[1:]])
    return out / "partners.csv"


def _resolution_seconds(store: Store, path: Path, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        defs, _ = scan_all([open_source(path, SourceOptions())], None, 1)
        resolver = Resolver(store, defs)
        start = time.perf_counter()
        resolver.resolve_partners()
        best = min(best, time.perf_counter() - start)
    return best


def _dry_run_seconds(store: Store, path: Path, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        import_files(store, [path], options=ImportOptions(dry_run=True, validate_workers=1))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--partners", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3, help="best of this many")
    args = ap.parse_args()

    from ingest.synthetic import generate

    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-resolution-") as tmp:
        data = Path(tmp) / "data"
        generate(data, partners=args.partners, agreements=1, activities=1, seed=7)
        partners = data / "partners.csv"
        renamed = _renamed(partners, Path(tmp) / "renamed")
        with bench_database() as settings, Store(settings, retry_seconds=120) as store:
            migrate(store)
            wipe(store)
            states = [("new", partners)]
            for name, path in states:
                out[name] = {"resolution_s": _resolution_seconds(store, path, args.rounds),
                             "dry_run_s": _dry_run_seconds(store, path, args.rounds)}
            import_files(store, [partners], options=ImportOptions(validate_workers=1))
            for name, path in [("same", partners), ("renamed", renamed)]:
                out[name] = {"resolution_s": _resolution_seconds(store, path, args.rounds),
                             "dry_run_s": _dry_run_seconds(store, path, args.rounds)}
            wipe(store)
    for figures in out.values():
        figures["ratio"] = figures["resolution_s"] / figures["dry_run_s"]
        for k in figures:
            figures[k] = round(figures[k], 3)
    print(json.dumps({"partners": args.partners, "rounds": args.rounds, **out}, indent=2))


if __name__ == "__main__":
    main()
