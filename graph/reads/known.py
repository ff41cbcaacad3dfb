"""Ids a caller names that match nothing: an error with close matches, never a silent zero.

A filter (`party: ["Group-IB"]`) or an argument (`trustedPath(from: "group-ib", …)`) that
names a partner, agreement, activity or platform id nobody has would match nothing; the caller gets
`UnknownIds` instead, naming each such value and the ids most like it. Lookups stay exact:
the hint suggests, it never resolves.

- Existence is one bounded read for every id of a request (queries/lookups/missing_ids.cypher,
  index seeks only), within the caller's access: an agreement or activity the caller may
  not see reads as missing.
- Close matches are read only for an error, for at most `MAX_HINTED` values of each kind
  (queries/lookups/close_*.cypher): first the same id or name but for case and punctuation,
  then fuzzy matches of its words in the full-text indexes (names and aliases; titles,
  names and ids; platforms, few, by a bounded scan for ids and names that contain one
  another), again only among what the caller may see, so a hint reveals nothing a list
  would not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.access import Access
from graph.filters import And, FieldSpec, FilterError, Not, Or, Pred
from graph.filters import Node as Tree
from graph.queries import named
from graph.reads.search import lucene_query
from graph.store import Row, Store

_MISSING = named("lookups/missing_ids")
_CLOSE = {"partner": named("lookups/close_partners"),
          "agreement": named("lookups/close_agreements"),
          "activity": named("lookups/close_activities"),
          "platform": named("lookups/close_platforms")}
KINDS = ("partner", "agreement", "activity", "platform")
RESTRICTED = frozenset({"agreement", "activity"})  # kinds with a TLP level

MAX_IDS = 5000  # distinct ids one filter (or argument list) may name
MAX_HINTED = 3  # values of one kind given close matches
MAX_SUGGESTIONS = 3  # close matches per value
SCAN = 200_000  # most nodes of one kind compared for the case-insensitive match
# The characters the case-insensitive match ignores (as queries/lookups/close_*.cypher).
_IGNORED = "-_ ./:,'"
_SAME = 100.0  # the score of such a match (Lucene's scores stay far below it)


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str | None


@dataclass(frozen=True)
class Unknown:
    """`value`, given in `where` (a filter field or an argument; "" for a lookup's own
    id), is no `kind`'s id."""

    where: str
    kind: str
    value: str
    suggestions: tuple[Suggestion, ...] = ()

    def message(self) -> str:
        seen = " you may see" if self.kind in RESTRICTED else ""
        text = f"no {self.kind}{seen} with id {self.value!r}"
        if self.where:
            text = f"{self.where}: {text}"
        if self.suggestions:
            close = ", ".join(f"{s.id!r} ({s.name})" if s.name else repr(s.id)
                              for s in self.suggestions)
            text += f"; did you mean {close}?"
        return text


class UnknownIds(FilterError):
    """Ids that match nothing; reported as BAD_USER_INPUT with `extensions.unknown`."""

    def __init__(self, unknown: list[Unknown]) -> None:
        super().__init__("; ".join(u.message() for u in unknown))
        self.unknown = unknown

    @property
    def extensions(self) -> dict[str, Any]:
        return {"unknown": [{"field": u.where, "kind": u.kind, "value": u.value,
                             "suggestions": [{"id": s.id, "name": s.name}
                                             for s in u.suggestions]}
                            for u in self.unknown]}


Named = tuple[str, str, str]  # where, kind, id


def references(tree: Tree | None, fields: Mapping[str, FieldSpec]) -> list[Named]:
    """Every (field, kind, id) the filter names, in order, each once (pure)."""
    out: dict[Named, None] = {}
    stack = [tree] if tree is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, (And, Or)):
            stack.extend(reversed(node.items))
        elif isinstance(node, Not):
            stack.append(node.item)
        elif isinstance(node, Pred):
            spec = fields.get(node.field)
            if spec is None or spec.refers is None:
                continue
            value = node.value
            where = _camel(node.field)
            if spec.refers_key is not None:
                value = value.get(spec.refers_key) if isinstance(value, dict) else None
                where += "." + spec.refers_key
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, str):
                    out[(where, spec.refers, v)] = None
    return list(out)


def check(store: Store, named_ids: Iterable[Named], access: Access) -> None:
    """Raise UnknownIds for the ids that match nothing the caller may see (one read; one
    more per kind for the hints when some do not)."""
    given = list(dict.fromkeys(named_ids))
    by_kind: dict[str, list[str]] = {
        k: list(dict.fromkeys(v for _, kind, v in given if kind == k)) for k in KINDS}
    total = sum(len(v) for v in by_kind.values())
    if total == 0:
        return
    if total > MAX_IDS:
        raise FilterError(f"a filter names at most {MAX_IDS} partner, agreement, activity "
                          f"and platform ids; this one names {total}")
    row = store.read_one(_MISSING, partners=by_kind["partner"], agreements=by_kind["agreement"],
                         activities=by_kind["activity"], platforms=by_kind["platform"],
                         **access.params())
    assert row is not None  # every subquery aggregates: always one row
    missing = {"partner": set(row["partners"]), "agreement": set(row["agreements"]),
               "activity": set(row["activities"]), "platform": set(row["platforms"])}
    unknown = [(where, kind, value) for where, kind, value in given if value in missing[kind]]
    if not unknown:
        return
    close: dict[tuple[str, str], tuple[Suggestion, ...]] = {}
    for kind in KINDS:
        values = list(dict.fromkeys(v for _, k, v in unknown if k == kind))[:MAX_HINTED]
        for value, found in suggestions(store, kind, values, access).items():
            close[(kind, value)] = found
    raise UnknownIds([Unknown(where, kind, value, close.get((kind, value), ()))
                      for where, kind, value in unknown])


def unknown(store: Store, kind: str, value: str, access: Access,
            where: str = "") -> UnknownIds:
    """The error for one id a lookup found nothing for, with its close matches."""
    close = suggestions(store, kind, [value], access).get(value, ())
    return UnknownIds([Unknown(where, kind, value, close)])


def check_filter(store: Store, tree: Tree | None, fields: Mapping[str, FieldSpec],
                 access: Access) -> None:
    """`check` for the ids a filter names (no read when it names none)."""
    named_ids = references(tree, fields)
    if named_ids:
        check(store, named_ids, access)


def key(value: str) -> str:
    """`value` in lower case without the characters the case-insensitive match ignores."""
    folded = value.lower()
    for c in _IGNORED:
        folded = folded.replace(c, "")
    return folded


def suggestions(store: Store, kind: str, values: list[str],
                access: Access) -> dict[str, tuple[Suggestion, ...]]:
    """Up to MAX_SUGGESTIONS ids like each value among what the caller may see, closest
    first: the same but for case and punctuation, then by the full-text score."""
    asked = [{"value": v, "key": key(v), "terms": lucene_query(v)} for v in values]
    asked = [a for a in asked if a["key"] and a["terms"]]
    if not asked:
        return {}
    params: dict[str, Any] = {"values": asked, "limit": MAX_SUGGESTIONS, "scan": SCAN}
    if kind in RESTRICTED:
        params.update(access.params())
    rows: dict[str, list[Row]] = {}
    for r in store.read(_CLOSE[kind], **params):
        rows.setdefault(r["value"], []).append(r)
    out = {}
    for value, found in rows.items():
        # The same id or name but for case and punctuation is the answer: no fuzzy extras.
        same = [r for r in found if r["score"] >= _SAME]
        out[value] = tuple(Suggestion(r["id"], r["name"]) for r in same or found)
    return out


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)
