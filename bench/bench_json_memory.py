"""Memory of hostile JSON imports (not a test): documents of empty objects against a valid
CSV file of about the same size, measured in the same run.

    python bench/bench_json_memory.py                # 100k and 1M empty items, a few minutes

Every case is a dry run (`import_files`: read, scan, validate; nothing written) in a child
process of its own, so its peak RSS is its own; printed: that peak, its growth over the
child's peak before the import (0: the import never went above what starting up took),
seconds, and growth and seconds as ratios to the CSV baseline (valid
partners, as many bytes as the document of a million empty objects). Cases: the document of
`{}` items aborting (it stops at the error cap) and skipping (every rejected item is
written to a rejects file), and a STIX bundle of `{}` objects aborting (at the smallest
size only: stix2 parses every object, which takes longer). Runs on a Neo4j of its own (bench/database.py).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.database import bench_database  # noqa: E402


def child(path: Path, mode: str, rejects: Path) -> None:
    from graph.config import Settings
    from graph.store import Store
    from ingest.importer import ImportOptions, ImportRejected, import_files

    with Store(Settings.from_env()) as store:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            report = import_files(store, [path], options=ImportOptions(
                on_error=mode, dry_run=True, rejects=rejects))
            errors, rejected = len(report.errors), report.rows_rejected
        except ImportRejected as exc:
            errors = len(exc.errors)
            rejected = exc.report.rows_rejected if exc.report else -1
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "grew_mb": (peak - before) / 1024,
                      "peak_mb": peak / 1024, "errors": errors, "rejected": rejected}))


def measure(path: Path, mode: str, rejects: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--child", str(path), mode, str(rejects)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], Path(args.child[2]))
        return
    with bench_database() as settings, tempfile.TemporaryDirectory(prefix="bench-json-") as tmp:
        from graph.schema import migrate
        from graph.store import Store

        with Store(settings) as store:
            migrate(store)
        root = Path(tmp)
        size = len('{"partners": [') + 3 * max(args.items)
        csv_path = root / "partners.csv"
        with csv_path.open("w", encoding="utf-8") as out:
            out.write("id,name,kind\n")
            i = 0
            while out.tell() < size:
                out.write(f"p-{i:07d},Partner number {i},ngo\n")
                i += 1
        cases = [("CSV, valid partners", csv_path, "abort", i)]
        for n in args.items:
            doc = root / f"empty-{n}.json"
            doc.write_text('{"partners": [' + ",".join(["{}"] * n) + "]}", encoding="utf-8")
            cases += [(f"JSON, {n:,} empty items, abort", doc, "abort", n),
                      (f"JSON, {n:,} empty items, skip", doc, "skip", n)]
        n = min(args.items)  # stix2 parses each object: slower, measured once
        bundle = root / f"empty-{n}.stix.json"
        bundle.write_text('{"type": "bundle", "objects": [' + ",".join(["{}"] * n) + "]}",
                          encoding="utf-8")
        cases.append((f"STIX, {n:,} empty objects, abort", bundle, "abort", n))
        base = measure(csv_path, "abort", root / "unused")
        print(f"{'case':38} {'rows':>10} {'MB':>6} {'peak MB':>8} {'+MB':>5} {'x CSV':>6} "
              f"{'s':>7} {'x CSV':>6} {'errors':>7} {'rejected':>9}")
        for name, path, mode, rows in cases:
            got = base if path == csv_path else measure(path, mode, root / f"{path.stem}.rejects.json")
            print(f"{name:38} {rows:>10,} {path.stat().st_size / 1e6:>6.1f} "
                  f"{got['peak_mb']:>8.0f} {got['grew_mb']:>5.0f} {got['grew_mb'] / base['grew_mb']:>6.2f} "
                  f"{got['seconds']:>7.1f} {got['seconds'] / base['seconds']:>6.2f} "
                  f"{got['errors']:>7,} {got['rejected']:>9,}")


if __name__ == "__main__":
    main()
