"""A country as an actor: the organisations that act for it, and through them its
memberships in agreements and its part in activities, a page at a time.

The graph stores no tie between a country's government and its agencies: each partner is
`BASED_IN` its country, and these reads join them there. So treaty membership (usually the
government's) and operations (usually the police's, the NCB's or the CERT's) meet in the
country without a derived relationship to keep up to date on every import or edit.

Each function takes a list of country codes and returns one value per code, in order, so
a DataLoader batch is one call (and one named query).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from graph.access import Access
from graph.filters import FilterError
from graph.model import COUNTRY_ACTOR_KINDS
from graph.queries import NamedQuery, named
from graph.store import Row, Store

# The kinds of partner that act for their country: its government (the treaties), its
# police, NCB and other law-enforcement bodies (operations, MoUs), its CERTs. Companies,
# universities, NGOs and international organisations based there are in the country
# (`Country.partners`) but do not act for it; a caller may widen the kinds.
ACTOR_KINDS: tuple[str, ...] = tuple(k.value for k in COUNTRY_ACTOR_KINDS)

_ACTORS = named("countries/actors")
_METRICS = named("countries/metrics")
_PLATFORMS = named("countries/platforms")
_FINDINGS = named("analytics/country_findings")
PAGES: dict[str, NamedQuery] = {
    "agreements": named("countries/agreements"),
    "activities": named("countries/activities"),
}


@dataclass(frozen=True)
class TieCursor:
    """A position in a country's list of ties: the last row's sort key, node id and
    partner id, and which list it belongs to (a cursor of another list is refused)."""

    relation: str
    key: str
    node: str
    partner: str

    def encode(self) -> str:
        raw = json.dumps([self.relation, self.key, self.node, self.partner],
                         separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode()

    @classmethod
    def decode(cls, text: str, relation: str) -> TieCursor:
        try:
            value = json.loads(base64.urlsafe_b64decode(text.encode()))
        except (binascii.Error, ValueError, UnicodeDecodeError):
            raise FilterError("invalid cursor") from None
        if not (isinstance(value, list) and len(value) == 4
                and all(isinstance(v, str) for v in value)):
            raise FilterError("invalid cursor")
        if value[0] != relation:
            raise FilterError(f"the cursor belongs to another list than {relation}")
        return cls(*value)


@dataclass(frozen=True)
class TiePage:
    """One page of a country's ties: `total` ties and `nodes` distinct agreements or
    activities match (on all pages); `rows` each hold the tie's properties, `partner` and
    `node`."""

    total: int
    nodes: int
    rows: list[tuple[Row, TieCursor]]
    has_next: bool


def actors(store: Store, codes: list[str], access: Access,
           kinds: tuple[str, ...] = ACTOR_KINDS) -> list[list[Row]]:
    """Per country, its partners of `kinds` ({node, agreements, treaties, activities},
    counts of what `access` sees), by name."""
    rows = store.read(_ACTORS, ids=codes, kinds=list(kinds), **access.params())
    found = {r["id"]: r["items"] for r in rows}
    return [found.get(c, []) for c in codes]


def tie_pages(store: Store, relation: str, codes: list[str], *, kinds: tuple[str, ...],
              roles: tuple[str, ...] | None, first: int, after: str | None,
              access: Access) -> list[TiePage]:
    """Per country, one page of its partners' ties (`relation`: agreements or
    activities), after the cursor `after`, at most `first` long. A code with no Country
    node gets an empty page."""
    cursor = TieCursor.decode(after, relation) if after else None
    rows = store.read(
        PAGES[relation], ids=codes, kinds=list(kinds),
        roles=list(roles) if roles is not None else None, limit=first + 1,
        after_key=cursor.key if cursor else None, after_node=cursor.node if cursor else None,
        after_partner=cursor.partner if cursor else None, **access.params())
    found = {r["id"]: r for r in rows}
    pages = []
    for code in codes:
        row = found.get(code)
        items = row["rows"] if row else []
        pages.append(TiePage(
            total=row["total"] if row else 0, nodes=row["nodes"] if row else 0,
            rows=[(i, TieCursor(relation, i["key"], i["node"]["id"], i["partner"]["id"]))
                  for i in items[:first]],
            has_next=len(items) > first))
    return pages


def metrics(store: Store, codes: list[str], run: str) -> list[Row | None]:
    """Per country, the values run `run` measured for it at country level
    (graph/metrics/country_level.py), or None."""
    found = {r["code"]: r["values"] for r in store.read(_METRICS, codes=codes, run=run)}
    return [found.get(c) for c in codes]


def platforms(store: Store, codes: list[str],
              kinds: tuple[str, ...] = ACTOR_KINDS) -> list[list[Row]]:
    """Per country, the platforms its partners of `kinds` use ({since, partner, node}),
    by platform id, then partner id."""
    found = {r["id"]: r["items"] for r in store.read(_PLATFORMS, ids=codes, kinds=list(kinds))}
    return [found.get(c, []) for c in codes]


def findings(store: Store, countries: list[tuple[str, tuple[str, ...]]]) -> list[list[Row]]:
    """Per (country code, its actors' ids), the latest run's findings about it: its own
    gap and its actors' signed-only or changing memberships ({kind, subject, detail (decoded),
    run})."""
    rows = store.read(_FINDINGS, countries=[{"code": c, "partners": list(p)}
                                            for c, p in countries])
    found: dict[str, list[Row]] = {}
    for r in rows:
        r["detail"] = json.loads(r["detail"]) if r.get("detail") else {}
        found.setdefault(r["code"], []).append(r)
    return [found.get(c, []) for c, _ in countries]
