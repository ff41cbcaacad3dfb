"""Entity resolution: one organisation, one partner.

Other systems name organisations their own way: a steward's sheet gives Group-IB the id
`sg-groupib` where the graph has `GROUP-IB`; a STIX bundle gives every identity an id of its
own. Before the importer creates a partner, each partner an import defines that the graph
does not hold under that exact id is matched against the graph's partners and the import's
other partners, as OpenCTI matches an identity by its "ID contributing properties" (its
normalised name and class) and its aliases:

| evidence | strength |
| --- | --- |
| the id, ignoring case (`ci-plcc` = `CI-PLCC`) | strong |
| an id recorded on the partner (`other_ids`: a source id an earlier import resolved, or the id of a partner merged into it) | strong |
| a STIX external reference naming the partner's id, or its website | strong |
| the same name (ingest/names.py: case, accents, punctuation, legal suffixes) | strong |
| the name is the other's alias, or an alias is the other's name | strong |
| the same website host | strong |
| an alias only (two organisations may share an acronym) | weak |

A candidate whose country differs is another organisation with the same name, unless an id
says otherwise (then the match is ambiguous). The outcome for each partner defined:

- *new*: no candidate;
- *resolved*: one candidate, with strong evidence and no conflict: the row becomes that
  partner (the importer reports it as a notice with the evidence), and every reference to
  its id in the import goes to that partner;
- *ambiguous*: several candidates, or only weak evidence, or an id that matches a partner in
  another country: the row is rejected naming the candidates, unless the steward maps its
  id (the mapping file, ingest/mapping.py) or asks to create such partners anyway.

Pure: the importer hands in what the import defines and what the graph holds
(`ingest/resolve.py` reads it in one streamed query) and acts on the `Resolution`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from graph.model import Partner
from ingest.names import id_key, name_key, website_host

# STIX identity classes that are organisations, so a name may match a partner's.
ORGANISATION_CLASSES = frozenset({None, "", "organization", "group"})


class PartnerFacts(NamedTuple):
    """What resolution compares of one partner (defined by a row, or in the graph)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # alpha-2 where readable
    website: str | None = None
    other_ids: tuple[str, ...] = ()
    identity_class: str | None = None  # STIX
    references: tuple[str, ...] = ()  # STIX external references: ids and urls
    where: str = ""  # "partners.csv line 3" for a row; "" in the graph


@dataclass(frozen=True)
class Match:
    """A candidate and why: `evidence` in words, `strong` unless an alias alone."""

    partner: str
    evidence: tuple[str, ...]
    strong: bool
    conflict: str = ""


@dataclass
class Resolution:
    """What resolution decided for the partners an import defines."""

    # Source id → the partner it resolves to (in the graph, or defined earlier in the import).
    target: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Source id → its row writes the graph partner `target` (the first row resolved to a graph
    # partner the import does not define under its own id): merged into the stored record.
    carrier: set[str] = field(default_factory=set)
    # Partner id → (source id, its names) of rows resolved to it whose own record is not
    # written (another row writes that partner): their names join the record's aliases.
    extra_names: dict[str, list[tuple[str, tuple[str, ...]]]] = field(
        default_factory=lambda: defaultdict(list))
    # Partner id → source ids to record on it (`other_ids`), new ones only.
    other_ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ambiguous: dict[str, str] = field(default_factory=dict)  # source id → the reason
    created_anyway: dict[str, str] = field(default_factory=dict)  # source id → what it resembled
    mapped: dict[str, str] = field(default_factory=dict)  # source id → where the mapping said so

    def resolved(self) -> int:
        return len(self.target)


@dataclass
class _Entity:
    id: str
    name: str
    country: str | None
    in_graph: bool
    where: str = ""
    other_ids: set[str] = field(default_factory=set)


class _Index:
    """Partners by name key, alias key, id key and website host."""

    def __init__(self) -> None:
        self.entities: dict[str, _Entity] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_alias: dict[str, set[str]] = defaultdict(set)
        self.by_id: dict[str, set[str]] = defaultdict(set)
        self.recorded: dict[str, set[str]] = defaultdict(set)  # other id key → partners
        self.by_host: dict[str, set[str]] = defaultdict(set)

    def add(self, facts: PartnerFacts, entity: str, *, in_graph: bool) -> None:
        e = self.entities.get(entity)
        if e is None:
            e = self.entities[entity] = _Entity(entity, facts.name, facts.country, in_graph,
                                                facts.where)
            self.by_id[id_key(entity)].add(entity)
        e.country = e.country or facts.country
        if facts.id != entity:
            self.recorded[id_key(facts.id)].add(entity)
        for other in facts.other_ids:
            e.other_ids.add(other)
            self.recorded[id_key(other)].add(entity)
        if key := name_key(facts.name):
            self.by_name[key].add(entity)
        for alias in facts.aliases:
            if key := name_key(alias):
                self.by_alias[key].add(entity)
        if host := website_host(facts.website):
            self.by_host[host].add(entity)

    def candidates(self, d: PartnerFacts) -> list[Match]:
        ev = _Evidence()
        self._by_id(d, ev)
        self._by_reference(d, ev)
        if d.identity_class in ORGANISATION_CLASSES:
            self._by_name(d, ev)
            self._by_alias(d, ev)
            if (host := website_host(d.website)) and host in self.by_host:
                ev.add(self.by_host[host], f"the same website ({host})")
        matches = []
        for p, evidence in ev.found.items():
            if p != d.id and (match := self._match(d, p, evidence, ev)) is not None:
                matches.append(match)
        return sorted(matches, key=lambda m: m.partner)

    def _by_id(self, d: PartnerFacts, ev: _Evidence) -> None:
        for p in self.by_id.get(id_key(d.id), ()):
            ev.add((p,), f"the id differs only in case ({d.id!r}, {p!r})", by_id=True)
        for p in self.recorded.get(id_key(d.id), ()):
            ev.add((p,), f"{d.id!r} is recorded as one of {p!r}'s ids", by_id=True)

    def _by_reference(self, d: PartnerFacts, ev: _Evidence) -> None:
        for ref in d.references:
            ev.add(self.by_id.get(id_key(ref), set()) | self.recorded.get(id_key(ref), set()),
                   f"an external reference names {ref!r}", by_id=True)
            if (host := website_host(ref)) and host in self.by_host:
                ev.add(self.by_host[host], f"an external reference is its website ({host})")

    def _by_name(self, d: PartnerFacts, ev: _Evidence) -> None:
        key = name_key(d.name)
        ev.add(self.by_name.get(key, ()), f"the same name ({d.name!r})")
        ev.add(self.by_alias.get(key, ()), f"the name {d.name!r} is one of its aliases")

    def _by_alias(self, d: PartnerFacts, ev: _Evidence) -> None:
        alias_keys = {name_key(a): a for a in d.aliases if name_key(a)}
        for akey, alias in alias_keys.items():
            ev.add(self.by_name.get(akey, ()), f"the alias {alias!r} is its name")
            ev.add(self.by_alias.get(akey, ()), f"they share the alias {alias!r}", weak=True)

    def _match(self, d: PartnerFacts, p: str, evidence: list[str], ev: _Evidence) -> Match | None:
        e = self.entities[p]
        conflict = ""
        if d.country and e.country and d.country != e.country:
            if p not in ev.ids:
                return None  # the same name in another country: another organisation
            conflict = f"its country is {e.country}, the row's {d.country}"
        strong = p not in ev.weak or len(evidence) > 1
        return Match(p, tuple(dict.fromkeys(evidence)), strong, conflict)


@dataclass
class _Evidence:
    """What `_Index.candidates` finds, partner by partner, in the order found."""

    found: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    weak: set[str] = field(default_factory=set)  # first found by a shared alias
    ids: set[str] = field(default_factory=set)  # found by an id

    def add(self, partners: Iterable[str], why: str, *, by_id: bool = False,
            weak: bool = False) -> None:
        """`why` for each of `partners`; `weak` evidence makes a partner found by it first
        a weak candidate."""
        for p in partners:
            if weak and p not in self.found:
                self.weak.add(p)
            self.found[p].append(why)
            if by_id:
                self.ids.add(p)


def resolve(defined: Iterable[PartnerFacts], graph: Iterable[PartnerFacts],
            in_graph: set[str], mapping: Mapping[str, tuple[str, str]] | None = None,
            known_ids: set[str] | None = None, create_anyway: bool = False) -> Resolution:
    """Decide, for each partner an import defines (in source order), whether it is new,
    resolved to an existing partner or ambiguous (see the module's doc).

    `graph`: the graph's partners (streamed once); `in_graph`: the defined ids the graph
    holds exactly (those rows update their partner, and are never resolved elsewhere);
    `mapping`: source id → (partner id, where the mapping says so), the steward's word,
    which wins over any evidence (a partner id equal to the source id: create it as new);
    `known_ids`: every partner id the import defines or the graph holds, to check
    mapping targets against."""
    out = Resolution()
    index = _Index()
    for facts in graph:
        index.add(facts, facts.id, in_graph=True)
    defined = list(defined)
    for d in defined:  # rows that update their own partner are that partner, whatever order
        if d.id in in_graph:
            index.add(d, d.id, in_graph=True)
    written: set[str] = set(in_graph)  # partners some row of the import writes
    mapping = mapping or {}
    for d in defined:
        if d.id in in_graph:
            continue
        if d.id in mapping:
            to, where = mapping[d.id]
            out.mapped[d.id] = where
            if to == d.id:
                index.add(d, d.id, in_graph=False)
                continue
            if to not in index.entities and to not in (known_ids or ()):
                out.ambiguous[d.id] = (f"the mapping ({where}) says partner {to!r}, which is "
                                       "neither in the graph nor in this import")
                continue
            _resolve_to(out, index, written, d, to, (f"the mapping says so ({where})",))
            continue
        matches = index.candidates(d)
        sure = [m for m in matches if m.strong and not m.conflict]
        if not matches:
            index.add(d, d.id, in_graph=False)
        elif len(matches) == 1 and sure:
            _resolve_to(out, index, written, d, sure[0].partner, sure[0].evidence)
        elif create_anyway:
            out.created_anyway[d.id] = _candidates_text(index, matches)
            index.add(d, d.id, in_graph=False)
        else:
            out.ambiguous[d.id] = _ambiguity(index, d, matches)
    return out


def _resolve_to(out: Resolution, index: _Index, written: set[str], d: PartnerFacts,
                to: str, evidence: tuple[str, ...]) -> None:
    entity = index.entities.get(to)
    out.target[d.id] = to
    out.evidence[d.id] = evidence
    if entity is None or not entity.in_graph or to in written:  # another row writes it
        out.extra_names[to].append((d.id, (d.name, *d.aliases)))
    else:
        out.carrier.add(d.id)
        written.add(to)
    if entity is None or id_key(d.id) not in {id_key(i) for i in entity.other_ids}:
        out.other_ids[to].append(d.id)
    index.add(d, to, in_graph=entity.in_graph if entity else False)


def _candidates_text(index: _Index, matches: list[Match]) -> str:
    parts = []
    for m in matches:
        e = index.entities[m.partner]
        at = "in the graph" if e.in_graph else f"defined at {e.where}"
        extra = f"; but {m.conflict}" if m.conflict else ""
        parts.append(f"{m.partner!r} ({e.name}, {at}: {'; '.join(m.evidence)}{extra})")
    return ", ".join(parts)


def _ambiguity(index: _Index, d: PartnerFacts, matches: list[Match]) -> str:
    if len(matches) > 1:
        why = f"it may be any of {len(matches)} partners"
    elif matches[0].conflict:
        why = "it may be an existing partner, but they differ"
    else:
        why = "it may be an existing partner, on weak evidence only"
    return (f"{why}: {_candidates_text(index, matches)}. Say which in a mapping file "
            f"(`{d.id},<partner id>`; `{d.id},{d.id}` to create it as new), or create "
            "such partners anyway")


# --- what a resolved row writes -------------------------------------------------------------


@dataclass(frozen=True)
class Merged:
    """A partner's record with what another record adds: `added` aliases, `filled` fields
    that were empty, and `kept` fields where both had different values (the partner's own
    value stays)."""

    record: Partner
    added: tuple[str, ...]
    filled: tuple[str, ...]
    kept: tuple[tuple[str, str, str], ...]  # (field, kept value, the other's value)


def merge_partner(stored: Mapping[str, object], incoming: Partner,
                  extra_names: Iterable[str] = ()) -> Merged:
    """`stored` (a partner's properties, or its record as a dict) with what `incoming`
    adds, never overwriting: empty fields take incoming's values; incoming's name (when it
    reads otherwise), its aliases and `extra_names` join the aliases, each name once.
    The id stays the stored one. Raises pydantic's ValidationError if the result is not a
    valid partner."""
    fields = Partner.model_fields
    data: dict[str, object] = {k: v for k, v in stored.items()
                               if k in fields and v not in (None, "", [], ())}
    filled: list[str] = []
    kept: list[tuple[str, str, str]] = []
    theirs = incoming.model_dump(mode="json", exclude={"id", "aliases", "name"})
    for key, value in theirs.items():
        if value in (None, "", [], ()):
            continue
        if key not in data:
            data[key] = value
            filled.append(key)
        elif data[key] != value and key != "source":  # where a record came from differs
            kept.append((key, str(data[key]), str(value)))
    name = str(data.get("name") or incoming.name)
    data["name"] = name
    held = data.get("aliases")  # a list property, as Neo4j returns it
    aliases = [str(a) for a in held] if isinstance(held, list | tuple) else []
    seen = {name_key(name), *(name_key(a) for a in aliases)}
    added: list[str] = []
    for candidate in (incoming.name, *incoming.aliases, *extra_names):
        key = name_key(candidate)
        if key and key not in seen:
            seen.add(key)
            added.append(candidate.strip())
    data["aliases"] = [*aliases, *added]
    return Merged(Partner.model_validate(data), tuple(added), tuple(filled), tuple(kept))


# --- duplicates already in the graph ---------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    """Two partners in the graph that look like one organisation."""

    first: str
    second: str
    evidence: tuple[str, ...]
    strong: bool
    conflict: str = ""


def duplicates(partners: Iterable[PartnerFacts]) -> list[Duplicate]:
    """Pairs of partners that resolution would have taken for one (each pair once, strong
    ones first), with the evidence and any conflict (a different country)."""
    items = list(partners)
    index = _Index()
    for p in items:
        index.add(p, p.id, in_graph=True)
    seen: dict[tuple[str, str], Duplicate] = {}
    for p in items:
        for m in index.candidates(p):
            first, second = sorted((p.id, m.partner))
            if (first, second) in seen:
                continue
            seen[first, second] = Duplicate(first, second, m.evidence, m.strong, m.conflict)
    return sorted(seen.values(), key=lambda d: (not d.strong or bool(d.conflict), d.first, d.second))
