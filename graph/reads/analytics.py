"""Reads of what graph/metrics stores: latest values, history, runs, trust, communities,
gaps, counts by facet, totals of reported figures, the network for drawing, and trusted
paths.

Trusted paths follow the direct trust ties of the latest complete run, (a)-[:TRUSTS]->(b),
with cost(a→b) = −ln(trust(a, b)), so the cheapest path is the one whose product of trust
scores is largest: a chain is as trustworthy as the product of its links (a probabilistic
reading of trust as "the chance each handover holds"). A score of 0 is never a path.
"""

from __future__ import annotations

import json
import math
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.access import Access
from graph.figures import Total, from_properties, totals
from graph.filters import Compiled, FilterError, Node, compile_filter
from graph.queries import NamedQuery, named
from graph.reads import known, lists
from graph.reads.paths import Chain, attach_hops
from graph.store import Row, Store

_HISTORY = named("analytics/metric_history")
_RUNS = named("analytics/runs")
_RUNS_BY_IDS = named("analytics/runs_by_ids")
_RUN_VALUES = named("analytics/run_values")
_PREVIOUS_RUN = named("analytics/previous_run")
_LATEST = named("analytics/latest_run")
_GATE = named("analytics/metric_gate")
_TRUST = named("analytics/trust_tie")
_TRUST_TIES = named("analytics/trust_ties")
_COMMUNITIES = named("analytics/communities")
_GAPS = named("analytics/gap_findings")
_EDGES = named("analytics/network_edges")
_FIGURES = named("activities/figures")
_COUNTS = {"partner": named("partners/counts"), "agreement": named("agreements/counts"),
           "activity": named("activities/counts")}

# Facets: fixed list expressions over n (scalars wrapped in a list, so UNWIND counts each).
FACETS: dict[str, dict[str, str]] = {
    "partner": {"kind": "[n.kind]", "country": "[n.country]", "sector": "[n.sector]",
                "region": "[[(n)-[:BASED_IN]->(c:Country) | c.region][0]]",
                "community": "[toString(n.m_community)]"},
    "agreement": {"kind": "[n.kind]", "status": "[n.status]", "tlp": "[n.tlp]",
                  "scope": "coalesce(n.scope, [])", "binding": "[toString(n.binding)]",
                  "year": "[left(n.signed_on, 4)]"},
    "activity": {"kind": "[n.kind]", "status": "[n.status]", "tlp": "[n.tlp]",
                 "focus": "coalesce(n.focus, [])", "year": "[left(n.start, 4)]"},
}


def history(store: Store, ids: list[str]) -> list[list[Row]]:
    rows = {r["id"]: [p for p in r["points"] if p] for r in store.read(_HISTORY, ids=ids)}
    return [rows.get(i, []) for i in ids]


def runs(store: Store, limit: int) -> list[Row]:
    return [r["node"] for r in store.read(_RUNS, limit=limit)]


def runs_by_ids(store: Store, ids: list[str]) -> list[Row | None]:
    found = {r["id"]: r["node"] for r in store.read(_RUNS_BY_IDS, ids=ids)}
    return [found.get(i) for i in ids]


def latest_run(store: Store) -> Row | None:
    row = store.read_one(_LATEST)
    return row["node"] if row else None


def served_runs(store: Store) -> tuple[Row | None, list[Row]]:
    """The latest run and the runs marked promoting: every run whose values may be on
    partners now (graph/metrics/job.py keeps it so)."""
    row = store.read_one(_GATE)
    return (row["latest"], row["promoting"]) if row else (None, [])


def trust(store: Store, source: str, target: str) -> Row | None:
    row = store.read_one(_TRUST, **{"from": source, "to": target})
    if row is not None:
        row["components"] = json.loads(row["components"]) if row.get("components") else []
    return row


def communities(store: Store, limit: int, members: int) -> list[Row]:
    rows = store.read(_COMMUNITIES, limit=limit, members=members)
    for r in rows:
        r["regions"] = sorted(Counter(r["regions"]).items(), key=lambda kv: (-kv[1], kv[0]))
    return rows


def gap_findings(store: Store) -> list[Row]:
    rows = store.read(_GAPS)
    for r in rows:
        r["detail"] = json.loads(r["detail"]) if r.get("detail") else {}
    return rows


def counts(store: Store, kind: str, facet: str, tree: Node | None,
           access: Access) -> list[Row]:
    if facet not in FACETS[kind]:
        raise FilterError(f"unknown facet {facet!r}")
    where: Compiled = compile_filter(tree, lists.KINDS[kind].fields)
    known.check_filter(store, tree, lists.KINDS[kind].fields, access)
    base = _COUNTS[kind]
    text = base.text.replace("{{filter}}", where.text).replace("{{facet}}", FACETS[kind][facet])
    query = NamedQuery(base.name, text, base.parameters | frozenset(where.params))
    return store.read(query, **access.params(), **where.params)


class TooManyToTotal(FilterError):
    """More activities match than a total reads: the filter must narrow them."""


MAX_TOTALLED = 100_000  # activities whose figures one total reads


def outcome_totals(store: Store, tree: Node | None, access: Access,
                   limit: int = MAX_TOTALLED) -> list[Total]:
    """The figures of matching activities added up per name and currency (graph/figures.py,
    `totals`: approximations, bounds and ranges stay what they are). Raises TooManyToTotal
    rather than add up part of them."""
    where: Compiled = compile_filter(tree, lists.ACTIVITY_FIELDS)
    known.check_filter(store, tree, lists.ACTIVITY_FIELDS, access)
    text = _FIGURES.text.replace("{{filter}}", where.text)
    query = NamedQuery(_FIGURES.name, text, _FIGURES.parameters | frozenset(where.params))
    rows = store.read(query, limit=limit + 1, **access.params(), **where.params)
    if len(rows) > limit:
        raise TooManyToTotal(f"more than {limit:,} activities report figures under this "
                             "filter: narrow it to add them up")
    return totals(f for r in rows for f in from_properties(r["figures"]))


def network_edges(store: Store, ids: list[str], access: Access) -> list[Row]:
    return store.read(_EDGES, ids=ids, **access.params()) if ids else []


# --- trusted paths -----------------------------------------------------------------------


@dataclass(frozen=True)
class TrustGraph:
    run: str
    graph: nx.DiGraph[str]


_cache: dict[str, TrustGraph] = {}
_lock = threading.Lock()


def trust_graph(store: Store, run: str) -> TrustGraph:
    """The run's trust ties as a weighted digraph, cached per run (runs never change)."""
    with _lock:
        if run in _cache:
            return _cache[run]
    G: nx.DiGraph[str] = nx.DiGraph()
    for r in store.read(_TRUST_TIES, run=run):
        if r["score"] and r["score"] > 0:
            G.add_edge(r["source"], r["target"], score=r["score"], cost=-math.log(r["score"]))
    built = TrustGraph(run, G)
    with _lock:
        _cache.clear()  # only the latest run is ever asked for
        _cache[run] = built
    return built


def trusted_path(store: Store, source: str, target: str, *, access: Access,
                 run: str | None = None) -> tuple[Chain, float, list[float]] | None:
    """The most trusted chain from `source` to `target` in `run` (default: the latest run),
    its total cost (Σ −ln trust) and the trust of each hop; None without a run or a path."""
    if run is None:
        latest = latest_run(store)
        if latest is None:
            return None
        run = latest["id"]
    G = trust_graph(store, run).graph
    if source not in G or target not in G:
        return None
    try:
        ids = nx.dijkstra_path(G, source, target, weight="cost")
    except nx.NetworkXNoPath:
        return None
    scores = [G[a][b]["score"] for a, b in zip(ids, ids[1:])]
    chain = attach_hops(store, [ids], via=["agreement", "activity"], access=access)[0]
    return chain, sum(-math.log(s) for s in scores), scores


def run_values(store: Store, run: str, metric: str) -> dict[str, dict[str, Any]]:
    """One run's values per partner still in the graph, keyed as `MEASURED` holds them
    (`metric`, m_community, m_degree, m_articulation), for graph/metrics/run_diff.py.
    `metric` is a value of lists.METRIC_PROPERTIES."""
    if metric not in lists.METRIC_PROPERTIES.values():
        raise FilterError(f"unknown metric {metric!r}")
    return {r["id"]: {metric: r["value"], "m_community": r["community"],
                      "m_degree": r["degree"], "m_articulation": r["articulation"]}
            for r in store.stream(_RUN_VALUES, run=run, metric=metric)}


def previous_run(store: Store, run: str) -> Row | None:
    """The complete, whole-graph run before `run` (None if there is none)."""
    row = store.read_one(_PREVIOUS_RUN, run=run)
    return row["node"] if row else None
