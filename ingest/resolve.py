"""References on import: countries to ISO codes, partners by id, name or alias, and ids of
agreements, activities, platforms and objectives — in this import or already in the graph.

The first pass over the sources records what the import defines and refers to
(`Definitions`); the `Resolver` then answers each reference from that record and from the
graph, so a file may refer to rows of a file given after it.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import pycountry

from graph.access import FULL_ACCESS, Access
from graph.model import Partner, PartnerKind, is_id
from graph.queries import named
from graph.store import Store

LABELS = ("Partner", "Agreement", "Activity", "Platform", "Objective")

_KNOWN_PARTNERS = named("imports/known_partners")
_KNOWN_IDS = {
    "Partner": named("imports/known_partner_ids"),
    "Agreement": named("imports/known_agreements"),
    "Activity": named("imports/known_activities"),
    "Platform": named("imports/known_platforms"),
    "Objective": named("imports/known_objectives"),
}

# Names people use that ISO 3166 (and so pycountry) spells otherwise.
_COUNTRY_ALIASES = {
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "turkey": "TR", "ivory coast": "CI", "russia": "RU", "holland": "NL",
    "cape verde": "CV", "swaziland": "SZ", "macedonia": "MK", "burma": "MM",
    "east timor": "TL", "vatican": "VA", "kosovo": "XK",
}


class UnknownCountry(ValueError):
    def __init__(self, value: str) -> None:
        try:
            close = [f"{c.name} ({c.alpha_2})" for c in pycountry.countries.search_fuzzy(value)[:3]]
        except LookupError:
            close = []
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"not an ISO 3166-1 country (name, alpha-2 or alpha-3){hint}")


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 for a code (any case), alpha-3, numeric or a common name."""
    text = value.strip()
    if text.casefold() in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[text.casefold()]
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        raise UnknownCountry(value) from None


def country_name(code: str) -> str:
    c = pycountry.countries.get(alpha_2=code)
    return (getattr(c, "common_name", None) or c.name) if c else code


def normalise_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def government_id(code: str) -> str:
    return f"gov-{code}"


def government_partner(code: str) -> Partner:
    """The partner standing for a state's government, created when a state is a party."""
    return Partner(id=government_id(code), name=f"Government of {country_name(code)}",
                   kind=PartnerKind.GOVERNMENT, country=code,
                   source="created on first use by import (a state given as a party)")


class Origin(NamedTuple):
    """Where a row is: made for every row read, so a tuple (several times cheaper to make
    than a frozen dataclass, measured)."""

    file: str
    line: int
    pointer: str = ""

    def __str__(self) -> str:
        return f"{self.file} {self.pointer or f'line {self.line}'}"


@dataclass
class Definitions:
    """What the sources define (first occurrence of each id) and which ids they refer to."""

    first: dict[str, dict[str, Origin]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    display: dict[str, str] = field(default_factory=dict)
    refs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    invalid: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def define(self, label: str, id_: str, origin: Origin, names: Iterable[str] = ()) -> None:
        if id_ and id_ not in self.first[label]:
            self.first[label][id_] = origin
            for name in names:
                if name.strip():
                    self.names[normalise_name(name)].add(id_)
                    self.display.setdefault(normalise_name(name), name.strip())

    def refer(self, label: str, id_: str) -> None:
        if id_:
            self.refs[label].add(id_)

    def defines(self, label: str, id_: str) -> bool:
        return id_ in self.first[label] and id_ not in self.invalid[label]


class NamesUnread(Exception):
    """A partner name was looked up in the graph after the resolver let go of its store."""


class NotAnId(Exception):
    """A reference that cannot be an id (a name with a space, say), met while references
    are deferred: only the import's definitions and the graph can answer it."""


class UnresolvedReference(ValueError):
    """A reference that resolves to nothing (or to more than one thing)."""


@dataclass
class Resolver:
    """Answers references from this import's definitions and from the graph."""

    store: Store | None
    defs: Definitions
    access: Access = FULL_ACCESS  # agreements/activities it may not see read as missing
    _graph: dict[str, set[str]] = field(default_factory=dict)
    _graph_names: dict[str, set[str]] | None = None
    _graph_display: dict[str, str] = field(default_factory=dict)
    governments: dict[str, Partner] = field(default_factory=dict)
    ties: dict[tuple[str, str, str], Origin] = field(default_factory=dict)
    # Set: every reference is taken for an id and noted here, by label, to be looked up
    # once the import's definitions are known (ingest/validation.py, `validate_ties_early`);
    # one that cannot be an id raises NotAnId.
    deferred: dict[str, set[str]] | None = None
    _detached: bool = False

    # -- graph lookups, loaded once per import ----------------------------------------------

    def preload(self) -> None:
        """Ask the graph about every id referred to that this import does not define."""
        for label in LABELS:
            self._graph[label] = self._in_graph(label, self.defs.refs[label])

    def look_up(self, label: str, ids: Iterable[str]) -> None:
        """Ask the graph about more ids (those not defined here), adding to what it knows."""
        self._graph.setdefault(label, set()).update(self._in_graph(label, ids))

    def _in_graph(self, label: str, ids: Iterable[str]) -> set[str]:
        """Those of `ids` this import does not define that the graph holds (and the caller
        may see)."""
        wanted = sorted(i for i in ids if i not in self.defs.first[label])
        found: set[str] = set()
        if self.store is not None:
            for start in range(0, len(wanted), 10_000):
                rows = self.store.read(_KNOWN_IDS[label], ids=wanted[start:start + 10_000])
                found.update(r["id"] for r in rows if "tlp_rank" not in r
                             or self.access.sees_rank(r["tlp_rank"], r["id"]))
        return found

    def _partner_names(self) -> dict[str, set[str]]:
        if self._graph_names is None:
            if self._detached:
                raise NamesUnread
            self._graph_names = defaultdict(set)
            if self.store is not None:
                for row in self.store.stream(_KNOWN_PARTNERS):
                    self._graph.setdefault("Partner", set()).add(row["id"])
                    for name in [row["name"], *(row["aliases"] or [])]:
                        if name:
                            key = normalise_name(name)
                            self._graph_names[key].add(row["id"])
                            self._graph_display.setdefault(key, name)
        return self._graph_names

    def read_names(self) -> None:
        """Read the graph's partner names now rather than on first use."""
        self._partner_names()

    def detach(self) -> None:
        """Forget the store (a forked child must not use its parent's database connection);
        from now on a name lookup that would read the graph raises NamesUnread."""
        self.store = None
        self._detached = True

    def exists(self, label: str, id_: str) -> bool:
        if self.deferred is not None:
            if not is_id(id_):
                raise NotAnId(id_)
            self.deferred.setdefault(label, set()).add(id_)
            return True
        return self.defs.defines(label, id_) or id_ in self._graph.get(label, set())

    # -- partners ---------------------------------------------------------------------------

    def partner(self, value: str, *, countries: bool = False) -> tuple[str, str | None]:
        """The partner id `value` names, and a note when it was not given as an id.

        Order: an id; a name or alias (case- and space-insensitive); with `countries`, a
        country, meaning its government partner (created on first use). Raises
        UnresolvedReference with the closest known names otherwise.
        """
        text = value.strip()
        if self.exists("Partner", text):  # deferred: noted, and taken for an id
            return text, None
        key = normalise_name(text)
        graph_names = self._partner_names()
        if self.exists("Partner", text):  # loading the names also loads every graph id
            return text, None
        ids = {i for i in self.defs.names.get(key, ()) if self.defs.defines("Partner", i)}
        ids |= graph_names.get(key, set())
        if len(ids) == 1:
            found = next(iter(ids))
            return found, f"partner {text!r} resolved by name to {found!r}"
        if len(ids) > 1:
            raise UnresolvedReference(f"partner name {text!r} is ambiguous: it names "
                                  f"{', '.join(sorted(ids))}; give the id instead")
        if countries:
            try:
                code = country_code(text)
            except UnknownCountry:
                pass
            else:
                return self.government(code), f"country {text!r} resolved to its government partner gov-{code}"
        raise UnresolvedReference(self._unknown_partner(text))

    def government(self, code: str) -> str:
        gid = government_id(code)
        if not self.exists("Partner", gid) and gid not in self.governments:
            self.governments[gid] = government_partner(code)
        return gid

    def _unknown_partner(self, text: str) -> str:
        choices = {**self._graph_display, **self.defs.display}
        close = difflib.get_close_matches(normalise_name(text), list(choices), n=3, cutoff=0.6)
        hint = f"; closest known: {', '.join(repr(choices[c]) for c in close)}" if close else ""
        return f"no partner with this id, name or alias{hint}"
