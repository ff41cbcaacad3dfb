"""Filtered, keyset-paginated lists: the allow-lists of filterable fields and sort orders.

A filter field not in these maps cannot reach Cypher (graph/filters.py raises FilterError);
the expressions below are fixed text, and every value travels as a parameter. Partial
dates (YYYY[-MM[-DD]]) compare at the stored value's own precision: `from`/`to` bounds are
full dates, cut to the stored value's length, so `2023` matches any bound inside 2023.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.access import Access
from graph.filters import (
    EQUALITY,
    LIST,
    RANGE,
    TEXT,
    Compiled,
    Cursor,
    FieldSpec,
    Node,
    SortSpec,
    compile_filter,
    page_query,
)
from graph.model import BINDING_CONSENT, PartyRole
from graph.queries import NamedQuery, named
from graph.reads import known
from graph.store import Row, Store

DATE = frozenset({"on_or_after", "on_or_before", "is_null"})
DATE_TEMPLATES = {
    "on_or_after": "({e} IS NOT NULL AND left({p}, size({e})) <= {e})",
    "on_or_before": "({e} IS NOT NULL AND {e} <= left({p}, size({e})))",
}
ONE = frozenset({"eq"})


# A participation in one of the roles {p}: its principal role, or any of several.
_HAS_ROLE = "any(x IN coalesce(r.roles, [r.role]) WHERE x IN {p})"

# Membership of an agreement. "Party" means bound: role party or depositary (a signatory
# has only signed, an invited state neither), the default of every filter named for
# parties. A tie is "ratified" when its consent to be bound is recorded: a binding consent
# (ratification, accession, acceptance, approval, succession) or a date of consent.
# Both lists are the domain's constants, never user input.
BOUND_ROLES = (PartyRole.PARTY.value, PartyRole.DEPOSITARY.value)
_BOUND = "r.role IN [" + ", ".join(f"'{v}'" for v in BOUND_ROLES) + "]"
_RATIFIED = ("(r.ratified_on IS NOT NULL OR coalesce(r.consent, '') IN ["
             + ", ".join(f"'{c.value}'" for c in sorted(BINDING_CONSENT)) + "])")
# value {p}: {agreements|partners: [id] | null, roles: [role], consent: [..] | null,
# ratified: bool | null}: the tie r matches every dimension given.
_TIE_MATCHES = ("r.role IN {p}.roles AND ({p}.consent IS NULL OR r.consent IN {p}.consent) "
                "AND ({p}.ratified IS NULL OR " + _RATIFIED + " = {p}.ratified)")


def _exists(pattern: str, refers: str | None = None, key: str | None = None) -> FieldSpec:
    """A field true when `pattern` (with `{p}` for the value) matches; `eq` only. `refers`:
    the kind whose ids the value (or its `key`) holds."""
    return FieldSpec("", ONE, {"eq": "EXISTS { " + pattern + " }"}, refers, key)


def _date(prop: str) -> FieldSpec:
    return FieldSpec(f"n.{prop}", DATE, DATE_TEMPLATES)


# Numeric metric properties that may be filtered and sorted on: the latest values that
# graph/metrics/job.py promotes onto each Partner (m_*).
METRIC_PROPERTIES: dict[str, str] = {
    name: f"m_{name}" for name in (
        "degree", "strength", "betweenness", "harmonic", "eigenvector", "pagerank",
        "constraint", "effective_size", "core", "regions_spanned", "cross_region_share",
        "trust")
}


_PARTY_TO = ("MATCH (n)-[r:PARTY_TO]->(g:Agreement) "
             "WHERE (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids) "
             "AND ({p}.agreements IS NULL OR g.id IN {p}.agreements) AND " + _TIE_MATCHES)

PARTNER_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("n.id", EQUALITY, refers="partner"),
    "name": FieldSpec("n.name", TEXT),
    "kind": FieldSpec("n.kind", EQUALITY),
    "country": FieldSpec("n.country", EQUALITY),
    "region": FieldSpec("[(n)-[:BASED_IN]->(c:Country) | c.region][0]", EQUALITY),
    "sector": FieldSpec("n.sector", TEXT),
    "headquarters": FieldSpec("n.headquarters", TEXT),
    # value as _TIE_MATCHES, with `agreements`: some tie to one of them (or to any agreement).
    "party_to": _exists(_PARTY_TO, "agreement", "agreements"),
    "not_party_to": FieldSpec("", ONE, {"eq": "NOT EXISTS { " + _PARTY_TO + " }"},
                              "agreement", "agreements"),
    "agreement": _exists("MATCH (n)-[r:PARTY_TO]->(g:Agreement) "
                         f"WHERE g.id IN {{p}} AND {_BOUND} "
                         "AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)", "agreement"),
    "activity": _exists("MATCH (n)-[:PARTICIPATED_IN]->(g:Activity) "
                        "WHERE g.id IN {p} AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)",
                        "activity"),
    "activity_focus": _exists("MATCH (n)-[:PARTICIPATED_IN]->(g:Activity) "
                              "WHERE (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids) AND any(x IN g.focus WHERE x IN {p})"),
    "activity_role": _exists("MATCH (n)-[r:PARTICIPATED_IN]->(g:Activity) "
                             "WHERE (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids) "
                             f"AND {_HAS_ROLE.format(p='{p}')}"),
    # An invitation (PARTY_TO with role invited) is no work together.
    "worked_with": _exists("MATCH (n)-[a:PARTY_TO|PARTICIPATED_IN]->(g)<-[b:PARTY_TO|PARTICIPATED_IN]-"
                           "(q:Partner) WHERE q.id IN {p} AND a.role <> 'invited' AND b.role <> 'invited' "
                           "AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)", "partner"),
    "community": FieldSpec("n.m_community", EQUALITY),
    "articulation": FieldSpec("n.m_articulation", ONE),
    "region_articulation": FieldSpec("n.m_region_articulation", ONE),
    **{f"metric_{name}": FieldSpec(f"n.{prop}", RANGE - {"in", "ne"})
       for name, prop in METRIC_PROPERTIES.items()},
}

AGREEMENT_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("n.id", EQUALITY, refers="agreement"),
    "title": FieldSpec("n.title", TEXT),
    "kind": FieldSpec("n.kind", EQUALITY),
    "status": FieldSpec("n.status", EQUALITY),
    "tlp": FieldSpec("n.tlp", EQUALITY),
    "binding": FieldSpec("n.binding", ONE),
    "scope": FieldSpec("n.scope", LIST),
    "signed_on": _date("signed_on"),
    "effective_from": _date("effective_from"),
    "expires_on": _date("expires_on"),
    "party": _exists(f"MATCH (q:Partner)-[r:PARTY_TO]->(n) WHERE q.id IN {{p}} AND {_BOUND}",
                     "partner"),
    "party_country": _exists(f"MATCH (q:Partner)-[r:PARTY_TO]->(n) WHERE q.country IN {{p}} "
                             f"AND {_BOUND}"),
    "party_kind": _exists(f"MATCH (q:Partner)-[r:PARTY_TO]->(n) WHERE q.kind IN {{p}} AND {_BOUND}"),
    "party_region": _exists("MATCH (q:Partner)-[r:PARTY_TO]->(n), (q)-[:BASED_IN]->(c:Country) "
                            f"WHERE c.region IN {{p}} AND {_BOUND}"),
    # value as _TIE_MATCHES, with `partners`: some member (one of them, if given) matches.
    "membership": _exists("MATCH (q:Partner)-[r:PARTY_TO]->(n) "
                          "WHERE ({p}.partners IS NULL OR q.id IN {p}.partners) AND "
                          + _TIE_MATCHES, "partner", "partners"),
    "party_role": _exists("MATCH (:Partner)-[r:PARTY_TO]->(n) WHERE r.role IN {p}"),
    "party_consent": _exists("MATCH (:Partner)-[r:PARTY_TO]->(n) WHERE r.consent IN {p}"),
}

ACTIVITY_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("n.id", EQUALITY, refers="activity"),
    "name": FieldSpec("n.name", TEXT),
    "kind": FieldSpec("n.kind", EQUALITY),
    "status": FieldSpec("n.status", EQUALITY),
    "tlp": FieldSpec("n.tlp", EQUALITY),
    "focus": FieldSpec("n.focus", LIST),
    "start": _date("start"),
    "end": _date("end"),
    "announced_on": _date("announced_on"),
    # As api/types/activity.py's participant_list: partial when the source says so or
    # reports more than the graph names, complete when it says so, else unknown.
    "participant_list": FieldSpec(
        "CASE WHEN n.participants_complete = false OR COUNT { (:Partner)-[:PARTICIPATED_IN]->(n) }"
        " < coalesce(n.participants_reported, 0) THEN 'partial'"
        " WHEN n.participants_complete THEN 'complete' ELSE 'unknown' END",
        ONE, {"eq": "{e} IN {p}"}),
    "outcomes": FieldSpec("n.outcome_names", ONE,
                          {"eq": "any(x IN coalesce({e}, []) WHERE x IN {p})"}),
    # value: {partners: [id] | null, roles: [role] | null}: some participant matching both.
    "participant": _exists("MATCH (q:Partner)-[r:PARTICIPATED_IN]->(n) "
                           "WHERE ({p}.partners IS NULL OR q.id IN {p}.partners) "
                           f"AND ({{p}}.roles IS NULL OR {_HAS_ROLE.format(p='{p}.roles')})",
                           "partner", "partners"),
    "participant_country": _exists("MATCH (q:Partner)-[:PARTICIPATED_IN]->(n) "
                                   "WHERE q.country IN {p}"),
    "participant_kind": _exists("MATCH (q:Partner)-[:PARTICIPATED_IN]->(n) WHERE q.kind IN {p}"),
    "participant_region": _exists("MATCH (q:Partner)-[:PARTICIPATED_IN]->(n), "
                                  "(q)-[:BASED_IN]->(c:Country) WHERE c.region IN {p}"),
}

PLATFORM_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("n.id", EQUALITY, refers="platform"),
    "name": FieldSpec("n.name", TEXT),
}

# Sort keys never null (a sentinel stands in), so the keyset comparison always holds.
PARTNER_SORTS = {
    "name": "coalesce(toLower(n.name), '')",
    "id": "n.id",
    "country": "coalesce(n.country, '')",
}
AGREEMENT_SORTS = {
    "title": "coalesce(toLower(n.title), '')",
    "id": "n.id",
    "signed_on": "coalesce(n.signed_on, '')",
    "expires_on": "coalesce(n.expires_on, '9999')",
}
ACTIVITY_SORTS = {
    "name": "coalesce(toLower(n.name), '')",
    "id": "n.id",
    "start": "coalesce(n.start, '')",
}
PLATFORM_SORTS = {"name": "coalesce(toLower(n.name), '')", "id": "n.id"}


@dataclass(frozen=True)
class ListKind:
    query: NamedQuery
    fields: dict[str, FieldSpec]
    sorts: dict[str, str]


KINDS: dict[str, ListKind] = {
    "partner": ListKind(named("partners/page"), PARTNER_FIELDS, PARTNER_SORTS),
    "agreement": ListKind(named("agreements/page"), AGREEMENT_FIELDS, AGREEMENT_SORTS),
    "activity": ListKind(named("activities/page"), ACTIVITY_FIELDS, ACTIVITY_SORTS),
    "platform": ListKind(named("platforms/page"), PLATFORM_FIELDS, PLATFORM_SORTS),
}


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[tuple[Row, Cursor]]
    has_next: bool


def sort_spec(kind: str, sort: str, descending: bool) -> SortSpec:
    """The allow-listed sort order named `sort` (metric sorts for partners included)."""
    spec = KINDS[kind]
    if sort in spec.sorts:
        return SortSpec(spec.sorts[sort], descending)
    if kind == "partner" and sort in METRIC_PROPERTIES:
        # Partners without a value sort last either way (metrics are never negative).
        sentinel = "-1.0" if descending else "1.0e300"
        return SortSpec(f"coalesce(n.{METRIC_PROPERTIES[sort]}, {sentinel})", descending)
    from graph.filters import FilterError

    raise FilterError(f"unknown sort {sort!r}")


def page(store: Store, kind: str, tree: Node | None, *, first: int, after: str | None,
         sort: str, descending: bool, access: Access) -> Page:
    """One page of `kind` matching `tree`, after the cursor `after`, at most `first` long."""
    spec = KINDS[kind]
    sort_name = f"{sort}:{'desc' if descending else 'asc'}"
    cursor = Cursor.decode(after, sort_name) if after else None
    where: Compiled = compile_filter(tree, spec.fields)
    known.check_filter(store, tree, spec.fields, access)
    query, params = page_query(spec.query, where, sort_spec(kind, sort, descending), cursor)
    row = store.read_one(query, limit=first + 1, **access.params(), **params)
    assert row is not None  # both subqueries aggregate, so there is always one row
    items = row["rows"]
    rows = [(r["node"], Cursor(sort_name, r["key"], r["node"]["id"])) for r in items[:first]]
    return Page(total=row["total"], rows=rows, has_next=len(items) > first)
