"""Rankings: partners in the order of one metric, either way, with each one's percentile.

The percentile of a value v is the share of the ranked population — the partners matching
the filter that have a value of this metric — whose value is at most v, in percent
(`scipy.stats.percentileofscore(values, v, kind="weak")`): 100 for the highest value, and
for the lowest (n_lowest / n)·100. It belongs to the value, not to the order: ranked
ascending (Burt's constraint, where the lowest is the broker) the first partner has the
lowest percentile. Partners with no value come last either way, with no percentile.

The page is the start of the sorted population, so for each value the partners strictly
before it in the order are exactly those on the page before its first occurrence; only the
ties of the page's last value may run past the page, and the one statement that reads the
page counts them (queries/analytics/rankings.cypher).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.access import Access
from graph.filters import Compiled, FilterError, Node, compile_filter, page_query
from graph.metrics import country_level
from graph.queries import NamedQuery, named
from graph.reads import lists
from graph.store import Row, Store

_RANKINGS = named("analytics/rankings")


@dataclass(frozen=True)
class Entry:
    rank: int
    value: float | None
    percentile: float | None
    partner: Row


@dataclass(frozen=True)
class Ranking:
    entries: list[Entry]
    valued: int  # partners matching the filter with a value: the percentiles' population


def percentiles(values: list[float | None], valued: int, tail_ties: int,
                descending: bool) -> list[float | None]:
    """The percentile of each value of a ranking's first page.

    Parameters
    ----------
    values : the page's values in ranking order (None, for no value, only at the end).
    valued : how many partners of the population have a value.
    tail_ties : how many of them hold the page's last value (0 if it is None).
    descending : whether the ranking runs from the highest value.

    Examples
    --------
    >>> percentiles([0.2, 0.5, 0.5], valued=5, tail_ties=3, descending=False)
    [20.0, 80.0, 80.0]
    >>> percentiles([3.0, 3.0, 1.0], valued=4, tail_ties=2, descending=True)
    [100.0, 100.0, 50.0]
    """
    if not valued:
        return [None] * len(values)
    first: dict[float, int] = {}
    for i, v in enumerate(values):
        if v is not None:
            first.setdefault(v, i)
    shown = [v for v in values if v is not None]
    ties = {v: shown.count(v) for v in first}
    if shown:
        ties[shown[-1]] = max(ties[shown[-1]], tail_ties)  # its ties may run past the page
    out: list[float | None] = []
    for v in values:
        if v is None:
            out.append(None)
            continue
        at_most = valued - first[v] if descending else first[v] + ties[v]
        out.append(100.0 * at_most / valued)
    return out


def ranking(store: Store, metric: str, tree: Node | None, *, top: int, descending: bool,
            access: Access) -> Ranking:
    """The first `top` partners matching `tree` by `metric` (a key of
    lists.METRIC_PROPERTIES), highest first when `descending`, with their percentiles."""
    prop = lists.METRIC_PROPERTIES.get(metric)
    if prop is None:
        raise FilterError(f"unknown metric {metric!r}")
    where: Compiled = compile_filter(tree, lists.PARTNER_FIELDS)
    query, params = page_query(_RANKINGS, where, lists.sort_spec("partner", metric, descending),
                               None)
    text = query.text.replace("{{value}}", f"n.{prop}")
    row = store.read_one(NamedQuery(query.name, text, query.parameters), limit=top,
                         **access.params(), **params)
    assert row is not None  # every subquery aggregates, so there is always one row
    values = [r["value"] for r in row["rows"]]
    shares = percentiles(values, row["valued"], row["tail_ties"], descending)
    return Ranking([Entry(i + 1, v, p, r["node"])
                    for i, (r, v, p) in enumerate(zip(row["rows"], values, shares, strict=True))],
                   row["valued"])


# --- country level (graph/metrics/country_level.py) ----------------------------------------

_COUNTRY_RANKINGS = named("analytics/country_rankings")
COUNTRY_METRICS: dict[str, str] = {name: f"m_{name}" for name in country_level.COUNTRY_METRICS}


@dataclass(frozen=True)
class CountryEntry:
    rank: int
    value: float | None
    percentile: float | None
    country: Row  # code, name, region
    actors: int  # the partners its node merges


@dataclass(frozen=True)
class CountryRanking:
    entries: list[CountryEntry]
    valued: int  # countries with a value: the percentiles' population


def country_ranking(store: Store, run: str, metric: str, region: str | None, *, top: int,
                    descending: bool) -> CountryRanking:
    """The first `top` countries that run `run` measured at country level, by `metric` (a
    key of COUNTRY_METRICS), highest first when `descending`, ties by country code, with
    their percentiles among the countries ranked (of `region` when given). A country's
    value is its node's in the country-level graph, whatever the caller may see: the run
    is read only by those its TLP ceiling allows (api/metric_gate.py)."""
    prop = COUNTRY_METRICS.get(metric)
    if prop is None:
        raise FilterError(f"unknown country metric {metric!r}")
    rows = store.read(_COUNTRY_RANKINGS, run=run, metric=prop, region=region)
    valued = sorted((r for r in rows if r["value"] is not None),
                    key=lambda r: (-r["value"] if descending else r["value"], r["country"]["code"]))
    ordered = valued + sorted((r for r in rows if r["value"] is None),
                              key=lambda r: r["country"]["code"])
    page = ordered[:top]
    values = [r["value"] for r in page]
    tail = values[-1] if values else None
    tail_ties = sum(1 for r in valued if r["value"] == tail) if tail is not None else 0
    shares = percentiles(values, len(valued), tail_ties, descending)
    return CountryRanking([CountryEntry(i + 1, v, p, r["country"], r["actors"] or 0)
                           for i, (r, v, p) in enumerate(zip(page, values, shares, strict=True))],
                          len(valued))
