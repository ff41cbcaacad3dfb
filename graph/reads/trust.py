"""Direct trust between any two partners: the latest run's stored tie when it kept one,
otherwise computed on demand from the evidence, with the job's own functions.

The metrics job stores only each partner's top-k trusted partners (graph/metrics/job.py),
so most pairs have no TRUSTS tie. For those, one bounded query reads the agreements and
activities both partners are tied to (queries/analytics/pair_evidence.cypher) with every
member, and the pure functions of the job turn them into the same opinion: the projection's
`pair_evidence` (as of the run's date, with its half-life) and trust's `opinion`. Evidence
counts only up to the run's TLP ceiling, as in the run, and only what the caller may see,
so nothing hidden from the caller weighs in or shows among the components.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from graph.access import Access
from graph.filters import FilterError
from graph.metrics.job import explanation
from graph.metrics.trust import opinion
from graph.projection import Options, Weights, pair_evidence
from graph.queries import named
from graph.reads import analytics
from graph.store import Row, Store

_EVIDENCE = named("analytics/pair_evidence")

MAX_SHARED = 1_000  # agreements and activities of one pair read on demand
MAX_MEMBERSHIPS = 200_000  # members of those, all together


class UnknownPartner(FilterError):
    """A partner id in a trust question matches no partner."""


class TooMuchEvidence(FilterError):
    """Two partners share more than an on-demand computation reads."""


@dataclass(frozen=True)
class PairTrust:
    """Direct trust of one partner in another, and where it comes from."""

    score: float
    uncertainty: float | None
    run: str
    stored: bool  # the run's TRUSTS tie (True) or computed now from the evidence (False)
    components: list[dict[str, Any]]  # job.explanation: the largest shares, then the prior


def _params(run: Row) -> dict[str, Any]:
    raw = run.get("params")
    return json.loads(raw) if isinstance(raw, str) else dict(raw or {})


def computed(store: Store, source: str, target: str, *, run: Row,
             access: Access) -> PairTrust:
    """Direct trust from the evidence, as `run` would have computed it (its date, half-life
    and TLP ceiling), seen with `access`. Raises UnknownPartner or TooMuchEvidence."""
    params = _params(run)
    options = Options(as_of=dt.date.fromisoformat(params["as_of"]),
                      tlp_max=int(params["tlp_max"]))
    weights = Weights(half_life_days=float(params.get("half_life_days", 730.0)))
    row = store.read_one(_EVIDENCE, tlp_max=options.tlp_max, groups=MAX_SHARED + 1,
                         limit=MAX_MEMBERSHIPS + 1, **access.params(),
                         **{"from": source, "to": target})
    assert row is not None  # optional matches and aggregating subqueries: always one row
    for pid, found in ((source, row["source_found"]), (target, row["target_found"])):
        if not found:
            raise UnknownPartner(f"no partner has the id {pid!r} (ids are exact; "
                                 "search finds partners by name)")
    if row["shared"] > MAX_SHARED or len(row["rows"]) > MAX_MEMBERSHIPS:
        raise TooMuchEvidence(
            f"{source!r} and {target!r} share more than {MAX_SHARED:,} agreements and "
            f"activities (or {MAX_MEMBERSHIPS:,} memberships among them), more than trust "
            "on demand reads")
    evidence = pair_evidence(row["rows"], source, target, options, weights)
    t = opinion(evidence)
    return PairTrust(score=t.score, uncertainty=t.uncertainty, run=run["id"], stored=False,
                     components=explanation(t))


def trust(store: Store, source: str, target: str, *, run: Row, access: Access) -> PairTrust:
    """Direct trust of `source` in `target` for the latest run `run`: its stored tie when it
    kept one, else computed from the evidence (`computed`)."""
    if source == target:
        raise FilterError("trust is between two different partners")
    row = analytics.trust(store, source, target)
    if row is not None and row["run"] == run["id"]:
        return PairTrust(score=row["score"], uncertainty=row.get("uncertainty"),
                         run=row["run"], stored=True, components=row["components"])
    return computed(store, source, target, run=run, access=access)
