"""The metrics job: read the projection, compute every metric, write the results back.

Write order is what makes a half-finished run harmless: the `MetricRun` is created with
status 'running'; history (`MEASURED`), `TRUSTS` ties and gap findings are written in
batches tagged with the run id; then the values are promoted onto the partners in batches
(the run marked `promoting`), and only then, in one small transaction, the run is marked
'complete'. "The latest run" is the newest complete one, so a run that fails half-way is
never it. If promotion fails, the partners it reached get back the values of the newest
complete run that measured them (`restore_partners`; retried at the next run's start if the
restore itself failed), so partners do not keep a failed run's values. (One transaction
for the promotion would be atomic, but at 100,000 partners it exceeds Neo4j's transaction
memory: docs/METRICS.md §9.)

What readers may see stays known at every moment, for api/metric_gate.py: a run is marked
`promoting` before its first value reaches a partner and the mark goes only in the
transaction that makes it complete (or once a failed run's partners are restored), so the
values on partners always come from the latest run or from a run marked promoting. After
promoting, the job clears the values of partners that hold another run's, so once a run is
complete every value on a partner is its own. A partial run (`region` or `partner_kinds`)
measures a subgraph: it is recorded with its history, trust ties and findings, but never
promotes and is never the latest run, so partners never mix runs of different reach.

A run over the whole graph also measures the country-level graph
(graph/metrics/country_level.py; `RunParams.country_level`, on by default) and writes the
countries' values as `(MetricRun)-[:MEASURED]->(Country)`; they stay on the run (no
promotion) and are read through the latest run.

Partner properties (latest values; the same names on `MEASURED` for history):

    m_degree, m_strength, m_betweenness, m_harmonic, m_eigenvector, m_pagerank,
    m_constraint, m_effective_size, m_core, m_community, m_articulation,
    m_region_articulation, m_regions_spanned, m_cross_region_share, m_trust, m_run
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graph import audit
from graph.metrics import (
    brokerage,
    centrality,
    communities,
    country_level,
    resilience,
    summary,
    trust,
)
from graph.metrics.backend import check
from graph.metrics.gaps import Finding, GapWindow, find_gaps
from graph.model import TLP
from graph.projection import Options, PartnerGraph, Weights, project
from graph.queries import NamedQuery, named
from graph.reads import analytics
from graph.store import Row, Store, Tx
from graph.writer import batches

_START = named("metrics/run_start")
_FAILED = named("metrics/run_failed")
_MEASURED = named("metrics/write_measured")
_TRUSTS = named("metrics/write_trusts")
_FINDINGS = named("metrics/write_findings")
_PROMOTE = named("metrics/promote_latest")
_PROMOTING = named("metrics/run_promoting")
_RESTORE = named("metrics/restore_partners")
_UNFINISHED = named("metrics/unfinished_promotions")
_COUNTRIES = named("metrics/write_country_measured")
_PREVIOUS_COMMUNITIES = named("metrics/previous_communities")
_COMPLETE = named("metrics/run_complete")
_CLEAR_STALE = named("metrics/clear_stale")
_RELEASE = named("metrics/release_promotions")
_PRUNE = named("metrics/prune_trusts")

METRIC_PROPERTIES = (
    "m_degree", "m_strength", "m_betweenness", "m_harmonic", "m_eigenvector", "m_pagerank",
    "m_constraint", "m_effective_size", "m_core", "m_community", "m_articulation",
    "m_region_articulation", "m_regions_spanned", "m_cross_region_share", "m_trust",
)
BATCH_SIZE = 2000
MAX_COMPONENTS = 10  # trust components kept per TRUSTS tie (the largest shares)

Progress = Callable[[str, int, int], None]
# Called after each promotion batch with the partners promoted so far (tests hold a
# promotion half-way with it).
PromotionHook = Callable[[int], None]


@dataclass(frozen=True)
class RunParams:
    """Everything that decides a run's results (recorded on the MetricRun as JSON)."""

    as_of: dt.date
    half_life_days: float = 730.0
    seeds: tuple[str, ...] = ()
    backend: str = "auto"
    region: str | None = None
    partner_kinds: tuple[str, ...] | None = None
    tlp_max: int = TLP.AMBER.rank
    trust_top_k: int = 10
    window_days: int = 365  # coverage gaps: recent activity within this many days before as_of
    expiring_days: int = 90  # expiries, consents, entries into force due within these days
    country_level: bool = True  # also measure the country-level graph (never on partial runs)
    seed: int = 42

    @property
    def partial(self) -> bool:
        """Whether the run measures a subgraph (a region or partner kinds only)."""
        return bool(self.region or self.partner_kinds)

    def to_json(self) -> str:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return json.dumps(data, sort_keys=True)


@dataclass
class Results:
    """What `compute` produces: plain values, ready to write."""

    values: dict[str, dict[str, Any]]
    trusts: list[dict[str, Any]]
    summary: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    countries: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → values


@dataclass(frozen=True)
class RunReport:
    run_id: str
    graph_hash: str
    summary: dict[str, Any]
    counts: dict[str, int]
    timings: dict[str, float]


def graph_hash(G: PartnerGraph) -> str:
    """A digest of the projected graph: nodes with attributes, edges with weights."""
    digest = hashlib.sha256()
    for v, data in sorted(G.nodes.items(), key=lambda nd: str(nd[0])):
        digest.update(json.dumps([v, sorted(data.items())], default=str).encode())
    ties: list[tuple[str, str, float | None]] = []
    for a, b, data in G.edges(data=True):
        lo, hi = sorted((str(a), str(b)))
        ties.append((lo, hi, data.get("weight")))
    for u, v, w in sorted(ties):
        digest.update(f"{u}\x00{v}\x00{w!r}\n".encode())
    return digest.hexdigest()


def _timed(timings: dict[str, float], name: str, progress: Progress | None,
           step: int, total: int, fn: Callable[[], Any]) -> Any:
    if progress:
        progress(name, step, total)
    started = time.perf_counter()
    value = fn()
    timings[name] = round(time.perf_counter() - started, 4)
    return value


def compute(G: PartnerGraph, params: RunParams, progress: Progress | None = None) -> Results:
    """Every metric on the projected graph `G`. Pure: the same graph and params give the same
    results. Algorithms run on an integer relabelling of `G` (in `G`'s node order), so that
    set iteration order, and with it every floating-point sum, does not depend on string
    hashing (PYTHONHASHSEED)."""
    check(params.backend)
    timings: dict[str, float] = {}
    H = _timed(timings, "relabel", None, 0, 0,
               lambda: nx.convert_node_labels_to_integers(
                   G, label_attribute="partner"))  # type: ignore[arg-type]  # types-networkx: any node type goes
    ids = [H.nodes[i]["partner"] for i in H]
    b, seed = params.backend, params.seed
    index = {pid: i for i, pid in enumerate(ids)}
    H.graph["negative_only"] = {(index[u], index[v]): ev
                                for (u, v), ev in G.graph.get("negative_only", {}).items()}
    missing = sorted(set(params.seeds) - index.keys())
    if missing:
        raise nx.NodeNotFound(f"seed partner(s) not in the projection: {', '.join(missing)}")
    seeds = [index[s] for s in params.seeds]
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("degree", lambda: centrality.degree(H)),
        ("strength", lambda: centrality.strength(H)),
        ("betweenness", lambda: centrality.betweenness(H, backend=b, seed=seed)),
        ("harmonic", lambda: centrality.harmonic(H, backend=b, seed=seed)),
        ("eigenvector", lambda: centrality.eigenvector(H, backend=b, seed=seed)),
        ("pagerank", lambda: centrality.pagerank(H, backend=b)),
        ("constraint", lambda: brokerage.constraint(H, backend=b)),
        ("effective_size", lambda: brokerage.effective_size(H, backend=b)),
        ("cross_region", lambda: brokerage.cross_region(H)),
        ("core", lambda: resilience.core_number(H, backend=b)),
        ("articulation", lambda: resilience.articulation_points(H, backend=b)),
        ("region_articulation", lambda: resilience.per_region(H, backend=b)),
        ("communities", lambda: communities.louvain(H, seed=seed, backend=b)),
        ("direct_trust", lambda: trust.direct_trust(H)),
    ]
    total = len(steps) + 3
    out = {name: _timed(timings, name, progress, i, total, fn)
           for i, (name, fn) in enumerate(steps)}
    propagated = _timed(timings, "propagated_trust", progress, len(steps), total,
                        lambda: trust.propagated_trust(H, out["direct_trust"], seeds))
    stats = _timed(timings, "summary", progress, len(steps) + 1, total,
                   lambda: summary.summary(H, seed=seed, backend=b))
    # Nothing reads a partial run's country values (country rankings read the latest run).
    countries = (_timed(timings, "country_level", progress, len(steps) + 2, total,
                        lambda: country_level.country_values(G, backend=b, seed=seed))
                 if params.country_level and not params.partial else {})
    # Undefined (None) on a graph without ties, e.g. a one-partner region.
    stats["modularity"] = (communities.modularity(H, out["communities"], backend=b)
                           if H.number_of_edges() else None)
    stats["communities"] = len(set(out["communities"].values()))
    region_aps = {v for r in out["region_articulation"].values()
                  for v in r["articulation_points"]}
    values = {}
    for i, pid in enumerate(ids):
        spans = out["cross_region"].get(i, {})
        values[pid] = {
            "m_degree": out["degree"][i], "m_strength": out["strength"][i],
            "m_betweenness": out["betweenness"][i], "m_harmonic": out["harmonic"][i],
            "m_eigenvector": out["eigenvector"][i], "m_pagerank": out["pagerank"][i],
            "m_constraint": out["constraint"].get(i), "m_effective_size":
                out["effective_size"].get(i), "m_core": out["core"][i],
            "m_community": out["communities"][i], "m_articulation": i in out["articulation"],
            "m_region_articulation": i in region_aps,
            "m_regions_spanned": spans.get("regions_spanned", 0),
            "m_cross_region_share": spans.get("cross_share", 0.0),
            "m_trust": propagated[i],
        }
    trusts = _timed(timings, "trust_rows", None, 0, 0, lambda: [
        _trust_row(ids[u], ids[v], t)
        for u, v, t in trust.top_trusted(out["direct_trust"], params.trust_top_k)])
    return Results(values=values, trusts=trusts, summary=stats, timings=timings,
                   countries=countries)


def explanation(t: trust.DirectTrust) -> list[dict[str, object]]:
    """The components a trust tie keeps: its largest MAX_COMPONENTS shares, then the prior."""
    explained = t.explain()
    return explained[:-1][:MAX_COMPONENTS] + explained[-1:]


def _trust_row(truster: str, trustee: str, t: trust.DirectTrust) -> dict[str, Any]:
    return {"truster": truster, "trustee": trustee, "score": t.score,
            "uncertainty": t.uncertainty, "components": json.dumps(explanation(t))}


def _finding_rows(run_id: str, findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [{"id": f"{run_id}:{f.kind}:{f.subject}", "kind": f.kind, "subject": f.subject,
             "detail": json.dumps(f.detail, sort_keys=True, default=str)} for f in findings]


def _number_communities(store: Store, results: Results) -> None:
    """Give each community the number of the latest values' community it overlaps most
    (`communities.stable_ids`), so a bloc keeps its number from run to run."""
    previous = {r["id"]: r["community"] for r in store.stream(_PREVIOUS_COMMUNITIES)}
    current = {pid: v["m_community"] for pid, v in results.values.items()}
    for pid, number in communities.stable_ids(current, previous).items():
        results.values[pid]["m_community"] = number


def _write(store: Store, query: NamedQuery, rows: list[dict[str, Any]],
           after_batch: PromotionHook | None = None, **params: Any) -> int:
    written = 0
    for chunk in batches(rows, BATCH_SIZE):
        def work(tx: Tx, c: list[dict[str, Any]] = chunk) -> list[Row]:
            return tx.run(query, rows=c, **params)
        result = store.transaction(work, name=query.name)
        written += result[0]["written"] if result else 0
        if after_batch is not None:
            after_batch(written)
    return written


def _promote(store: Store, run_id: str, rows: list[dict[str, Any]],
             hook: PromotionHook | None = None) -> int:
    """Copy the run's values onto the partners, in batches (the run is not yet latest, but
    marked promoting first, so the metric gate counts it from the first batch), then clear
    the values partners still hold of other runs."""
    cleared = dict.fromkeys(METRIC_PROPERTIES)
    store.write(_PROMOTING, id=run_id, promoting=True)
    promoted = _write(store, _PROMOTE, rows, hook, run=run_id, cleared=cleared)
    while store.write(_CLEAR_STALE, run=run_id, limit=BATCH_SIZE,
                      cleared=cleared)[0]["cleared"]:
        pass
    return promoted


def _restore(store: Store, run_id: str) -> int:
    """Give the partners a failed run was promoted onto their previous values back."""
    cleared = dict.fromkeys(METRIC_PROPERTIES)
    restored = 0
    while done := store.write(_RESTORE, run=run_id, limit=BATCH_SIZE,
                              cleared=cleared)[0]["restored"]:
        restored += done
    store.write(_PROMOTING, id=run_id, promoting=False)
    return restored


def run_metrics(store: Store, params: RunParams, progress: Progress | None = None,
                weights: Weights | None = None, actor: str = "system",
                promotion_hook: PromotionHook | None = None) -> RunReport:
    """Compute and store one metric run; returns its report. Raises whatever stopped it,
    after marking the run 'failed' (best effort: a run left 'running' is not latest either)."""
    check(params.backend)
    for row in store.read(_UNFINISHED):
        _restore(store, row["id"])
    run_id = f"run-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    store.write(_START, id=run_id, computed_at=dt.datetime.now(dt.UTC), params=params.to_json(),
                partial=params.partial)
    try:
        report = _run(store, run_id, params, progress, weights, promotion_hook)
    except BaseException as exc:
        try:
            store.write(_FAILED, id=run_id, error=f"{type(exc).__name__}: {exc}"[:2000])
            _restore(store, run_id)
        except Exception:  # noqa: BLE001 - the original failure is the one to report
            pass
        raise
    audit.record(store, actor, "metrics.run", run_id, params=json.loads(params.to_json()),
                 graph_hash=report.graph_hash)
    return report


def _run(store: Store, run_id: str, params: RunParams, progress: Progress | None,
         weights: Weights | None, promotion_hook: PromotionHook | None) -> RunReport:
    timings: dict[str, float] = {}
    w = weights or Weights(half_life_days=params.half_life_days)
    options = Options(as_of=params.as_of, region=params.region,
                      partner_kinds=frozenset(params.partner_kinds) if params.partner_kinds
                      else None, tlp_max=params.tlp_max)
    started = time.perf_counter()
    if progress:
        progress("projection", 0, 1)
    G = project(store, options, w)
    timings["projection"] = round(time.perf_counter() - started, 4)
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("no partners to measure: the projection is empty")
    digest = _timed(timings, "graph_hash", None, 0, 0, lambda: graph_hash(G))
    results = compute(G, params, progress)
    timings.update(results.timings)
    _timed(timings, "community_ids", None, 0, 0, lambda: _number_communities(store, results))
    window = GapWindow(params.as_of, params.window_days, params.expiring_days, params.tlp_max)
    findings = _timed(timings, "gaps", progress, 0, 1, lambda: find_gaps(store, window))
    rows = [{"id": pid, "values": v} for pid, v in results.values.items()]
    country_rows = [{"code": code, "values": v} for code, v in results.countries.items()]
    counts = {
        "measured": _timed(timings, "write_measured", progress, 0, 4,
                           lambda: _write(store, _MEASURED, rows, run=run_id)),
        "trusts": _timed(timings, "write_trusts", progress, 1, 4,
                         lambda: _write(store, _TRUSTS, results.trusts, run=run_id)),
        "findings": _timed(timings, "write_findings", progress, 2, 4,
                           lambda: _write(store, _FINDINGS, _finding_rows(run_id, findings),
                                          run=run_id)),
        "countries": _timed(timings, "write_countries", progress, 3, 4,
                            lambda: _write(store, _COUNTRIES, country_rows, run=run_id)),
    }
    if not params.partial:
        counts["promoted"] = _timed(timings, "promote", progress, 0, 1,
                                    lambda: _promote(store, run_id, rows, promotion_hook))
    timings["total"] = round(sum(timings.values()), 4)
    store.write(_COMPLETE, id=run_id, graph_hash=digest, timings=json.dumps(timings),
                summary=json.dumps(results.summary), counts=json.dumps(counts))
    if not params.partial:
        store.write(_RELEASE, run=run_id)
        while store.write(_PRUNE, run=run_id, limit=10_000)[0]["deleted"]:
            pass
    return RunReport(run_id, digest, results.summary, counts, timings)


def latest_run(store: Store) -> dict[str, Any] | None:
    """The latest run: the newest complete run over the whole graph (None if there is
    none), JSON fields decoded."""
    row = analytics.latest_run(store)
    if row is None:
        return None
    for key in ("params", "timings", "summary", "counts"):
        row[key] = json.loads(row[key]) if row.get(key) else None
    return row

