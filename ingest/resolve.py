"""References on import: partners by id, name or alias, and ids of agreements, activities,
platforms and objectives — in this import or already in the graph.

The first pass over the sources records what the import defines and refers to
(`Definitions`); the `Resolver` then resolves the partners the import defines against the
graph (ingest/resolution.py: one organisation, one partner) and answers each reference from
that record and from the graph, so a file may refer to rows of a file given after it.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from graph.access import FULL_ACCESS, Access
from graph.model import Partner, PartnerKind, is_id
from graph.queries import named
from graph.store import Store
from ingest.countries import UnknownCountry, country_code, country_name
from ingest.names import id_key, name_key
from ingest.resolution import PartnerFacts, Resolution, resolve

LABELS = ("Partner", "Agreement", "Activity", "Platform", "Objective")

_KNOWN_PARTNERS = named("imports/known_partners")
_EXISTING_PARTNERS = named("partners/existing_ids")
_STORED_PARTNERS = named("partners/stored_records")
_EMPTY_LABELS = named("imports/empty_labels")
_KNOWN_IDS = {
    "Partner": named("imports/known_partner_ids"),
    "Agreement": named("imports/known_agreements"),
    "Activity": named("imports/known_activities"),
    "Platform": named("imports/known_platforms"),
    "Objective": named("imports/known_objectives"),
}
_LOOKUP_BATCH = 10_000  # ids per look-up query


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
    # What resolution compares of each partner defined (first definitions, in source order).
    partners: dict[str, PartnerFacts] = field(default_factory=dict)

    def define(self, label: str, id_: str, origin: Origin, names: Iterable[str] = ()) -> None:
        if id_ and id_ not in self.first[label]:
            self.first[label][id_] = origin
            for name in names:
                if name.strip():
                    key = name_key(name)
                    self.names[key].add(id_)
                    self.display.setdefault(key, name.strip())

    def define_partner(self, facts: PartnerFacts, origin: Origin) -> None:
        if facts.id and facts.id not in self.first["Partner"]:
            self.define("Partner", facts.id, origin, (facts.name, *facts.aliases))
            self.partners[facts.id] = facts

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
    _graph_partners: list[PartnerFacts] | None = None
    _graph_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _graph_display: dict[str, str] = field(default_factory=dict)
    _graph_id_keys: dict[str, str] = field(default_factory=dict)
    governments: dict[str, Partner] = field(default_factory=dict)
    ties: dict[tuple[str, str, str], Origin] = field(default_factory=dict)
    # Set: every reference is taken for an id and noted here, by label, to be looked up
    # once the import's definitions are known (ingest/validation.py, `validate_ties_early`);
    # one that cannot be an id raises NotAnId.
    deferred: dict[str, set[str]] | None = None
    # The partners this import defines, resolved against the graph (`resolve_partners`),
    # the steward's mapping (source id → (partner id, where it says so)), and the stored
    # records of the graph partners that resolved rows write.
    resolution: Resolution = field(default_factory=Resolution)
    mapping: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    _defined_id_keys: dict[str, str] | None = None
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
            for start in range(0, len(wanted), _LOOKUP_BATCH):
                rows = self.store.read(_KNOWN_IDS[label], ids=wanted[start:start + _LOOKUP_BATCH])
                found.update(r["id"] for r in rows if "tlp_rank" not in r
                             or self.access.sees_rank(r["tlp_rank"], r["id"]))
        return found

    def _partners(self) -> list[PartnerFacts]:
        """Every partner of the graph, streamed once per import (resolution and references
        by name both use it)."""
        if self._graph_partners is None:
            if self._detached:
                raise NamesUnread
            self._graph_partners = []
            if self.store is not None:
                for row in self.store.stream(_KNOWN_PARTNERS):
                    facts = PartnerFacts(row["id"], row["name"] or "", tuple(row["aliases"] or ()),
                                         row["country"], row["website"],
                                         tuple(row["other_ids"] or ()))
                    self._graph_partners.append(facts)
                    self._graph.setdefault("Partner", set()).add(facts.id)
                    self._graph_id_keys.setdefault(id_key(facts.id), facts.id)
                    for name in [facts.name, *facts.aliases]:
                        if name:
                            key = name_key(name)
                            self._graph_names[key].add(facts.id)
                            self._graph_display.setdefault(key, name)
        return self._graph_partners

    def _partner_names(self) -> dict[str, set[str]]:
        self._partners()
        return self._graph_names

    def read_names(self) -> None:
        """Read the graph's partner names now rather than on first use."""
        self._partners()

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

    def answers_as_id(self, label: str, id_: str) -> bool:
        """Whether a reference to `id_` means that very id (noted references of
        `validate_ties_early`): it exists, and neither resolution nor the mapping sends it
        to another partner."""
        if label == "Partner" and (id_ in self.resolution.target or id_ in self.mapping):
            return False
        return self.exists(label, id_)

    # -- resolution of the partners defined ---------------------------------------------------

    def resolve_partners(self, mapping: Mapping[str, tuple[str, str]] | None = None,
                         create_anyway: bool = False) -> None:
        """Resolve the partners this import defines against the graph and each other
        (ingest/resolution.py). Reads, in batches: which defined ids the graph holds, every
        partner of the graph (one stream) when some defined id is not there, and the stored
        records of the graph partners that resolved rows write. Nothing when the graph holds
        no partner (the count store says so) and no mapping is given."""
        self.mapping = dict(mapping or {})
        defined = self.defs.partners
        if not defined or self.store is None:
            return
        empty = {row["label"] for row in self.store.read(_EMPTY_LABELS)}
        if "Partner" in empty:
            in_graph: set[str] = set()
            graph: list[PartnerFacts] = []
            self._graph_partners = self._graph_partners or []
        else:
            in_graph = set()
            ids = list(defined)
            for start in range(0, len(ids), _LOOKUP_BATCH):
                row = self.store.read_one(_EXISTING_PARTNERS, ids=ids[start:start + _LOOKUP_BATCH])
                in_graph.update(row["ids"] if row else ())
            graph = self._partners() if len(in_graph) < len(defined) else []
        known = set(defined) | {p.id for p in graph}
        self.resolution = resolve(defined.values(), graph, in_graph, self.mapping, known,
                                  create_anyway)
        self.defs.invalid["Partner"] |= set(self.resolution.ambiguous)
        carried = sorted({self.resolution.target[s] for s in self.resolution.carrier})
        for start in range(0, len(carried), _LOOKUP_BATCH):
            row = self.store.read_one(_STORED_PARTNERS, ids=carried[start:start + _LOOKUP_BATCH])
            for record in row["records"] if row else ():
                self.stored[record["id"]] = record["node"]

    def rejected(self, label: str, id_: str) -> str | None:
        """Why a reference to `id_` fails when the row that defines it was rejected."""
        if id_ in self.defs.invalid[label] and (origin := self.defs.first[label].get(id_)):
            return (f"the row that defines {label.lower()} {id_!r} ({origin}) was rejected; "
                    "once it is fixed, this row imports too")
        return None

    # -- partners ---------------------------------------------------------------------------

    def partner(self, value: str, *, countries: bool = False) -> tuple[str, str | None]:
        """The partner id `value` names, and a note when it was not given as its id.

        Order: the steward's mapping; a partner the import defines, resolved to another
        (its definition's notice says so); an id; a name or alias (case, accents,
        punctuation and legal suffixes aside); an id that differs only in case; with
        `countries`, a country, meaning its government partner (created on first use).
        Raises UnresolvedReference otherwise: the row that defined it was rejected, or no
        such partner (with the closest known names).
        """
        text = value.strip()
        if (mapped := self.mapping.get(text)) is not None and mapped[0] != text:
            if self.deferred is None and not self.exists("Partner", mapped[0]):
                raise UnresolvedReference(f"the mapping ({mapped[1]}) says partner "
                                          f"{mapped[0]!r}, which is neither in the graph nor "
                                          "in this import")
            return mapped[0], f"partner {text!r} mapped to {mapped[0]!r} ({mapped[1]})"
        if why := self.rejected("Partner", text) or (
                (to := self.resolution.target.get(text)) is not None and self.rejected("Partner", to)):
            raise UnresolvedReference(why)
        if (to := self.resolution.target.get(text)) is not None:
            return to, None
        if self.exists("Partner", text):  # deferred: noted, and taken for an id
            return text, None
        key = name_key(text)
        graph_names = self._partner_names()
        if self.exists("Partner", text):  # loading the names also loads every graph id
            return text, None
        ids = {self.resolution.target.get(i, i) for i in self.defs.names.get(key, ())
               if self.defs.defines("Partner", i)}
        ids |= graph_names.get(key, set())
        if len(ids) == 1:
            found = next(iter(ids))
            return found, f"partner {text!r} resolved by name to {found!r}"
        if len(ids) > 1:
            raise UnresolvedReference(f"partner name {text!r} is ambiguous: it names "
                                      f"{', '.join(sorted(ids))}; give the id instead")
        if (found_id := self._graph_id_keys.get(id_key(text))) is not None:
            return found_id, f"partner {text!r} resolved to {found_id!r} (the id differs only in case)"
        if countries:
            try:
                code = country_code(text)
            except UnknownCountry:
                pass
            else:
                gid = self.government(code)
                return gid, f"country {text!r} resolved to its government partner {gid}"
        raise UnresolvedReference(self._unknown_partner(text))

    def government(self, code: str) -> str:
        """The id of the partner standing for a state's government: `gov-XX`, or a partner
        of the import or the graph that is it under another spelling of the id (`GOV-XX`)
        or by its name; planned for creation on first use when there is none."""
        gid = government_id(code)
        if self.exists("Partner", gid) or gid in self.governments:
            return gid
        if (found := self._government_as_known(code)) is not None:
            return found
        self.governments[gid] = government_partner(code)
        return gid

    def _government_as_known(self, code: str) -> str | None:
        key = id_key(government_id(code))
        if self._defined_id_keys is None:
            self._defined_id_keys = {id_key(i): i for i in self.defs.first["Partner"]}
        if (found := self._defined_id_keys.get(key)) is not None and self.defs.defines("Partner", found):
            return self.resolution.target.get(found, found)
        if self._graph_partners is None and (self.store is None or self._detached):
            return None
        self._partners()
        if (found := self._graph_id_keys.get(key)) is not None:
            return found
        named_so = self._graph_names.get(name_key(government_partner(code).name), set())
        return min(named_so) if len(named_so) == 1 else None

    def _unknown_partner(self, text: str) -> str:
        choices = {**self._graph_display, **self.defs.display}
        close = difflib.get_close_matches(name_key(text), list(choices), n=3, cutoff=0.6)
        hint = f"; closest known: {', '.join(repr(choices[c]) for c in close)}" if close else ""
        return f"no partner with this id, name or alias{hint}"
