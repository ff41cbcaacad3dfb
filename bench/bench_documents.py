"""Document benchmark (not a test): what parsing, the limits and validation cost a request,
with graphql-core's validation remembered per document text (api/limits.py ValidDocuments)
against validating every time, on the request shapes of bench/bench_api.py.

    .venv/bin/python bench/bench_documents.py --repeat 2000

No database: it measures `parse_within` + `validate_within` as the API calls them, for each
shape, both ways interleaved in rounds (so load moves both alike), and prints microseconds
per request and the ratio every-time ÷ remembered.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import api.limits as limits  # noqa: E402
from api.schema import build_schema  # noqa: E402
from bench.bench_api import SHAPES  # noqa: E402
from graph.config import Settings  # noqa: E402

VARIABLES = {"a": {"id": "p1"}, "b": {"after": None}, "c": {}, "d": {"t": "europl"},
             "e": {"a": "p1", "b": "p2"}}


def per_request(schema, rules, lim, query, variables, repeat: int, remembered: bool) -> float:
    limits.VALID_DOCUMENTS = limits.ValidDocuments(size=512 if remembered else 0)
    start = time.perf_counter()
    for _ in range(repeat):
        doc = limits.parse_within(query, variables, lim)
        errors = limits.validate_within(schema, doc, variables, rules, lim)
        assert not errors, errors
    return (time.perf_counter() - start) / repeat * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=2000, help="requests per shape per round")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    settings = Settings.from_env({})
    schema = build_schema(settings)._schema
    lim = limits.Limits(max_tokens=settings.api_max_tokens, max_depth=settings.api_max_depth,
                        max_aliases=settings.api_max_aliases, max_cost=settings.api_max_cost,
                        default_page=settings.api_default_page_size)
    from graphql import specified_rules
    rules = tuple(specified_rules)
    print(f"load average {os.getloadavg()[0]:.1f}; {args.rounds} rounds × {args.repeat}")
    print("shape  every time µs  remembered µs  ratio")
    for shape, query in SHAPES.items():
        every, kept = [], []
        for _ in range(args.rounds):
            every.append(per_request(schema, rules, lim, query, VARIABLES[shape], args.repeat,
                                     remembered=False))
            kept.append(per_request(schema, rules, lim, query, VARIABLES[shape], args.repeat,
                                    remembered=True))
        e, k = statistics.median(every), statistics.median(kept)
        print(f"{shape:5}  {e:13.1f}  {k:13.1f}  {e / k:5.1f}×")


if __name__ == "__main__":
    main()
