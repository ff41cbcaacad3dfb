"""`--prune`: after a complete import, delete what earlier imports of the same files wrote and
this import no longer contains.

Provenance decides what is a candidate: every node and tie records the import that last
wrote it (`import_id`), and every `Import` node its source (the file names). A row whose
content did not change keeps the import that wrote it, so the candidates are everything last
written by *any* import of the same files; those this import does not contain (by id, or by
both ends for a tie) go.

Only whole rows of the same source are deleted, never what another source (or an edit)
wrote last. A node still held by a tie that stays, or an objective still supported by an
agreement or activity that stays, is kept and reported: deleting it would delete those too.
A node goes with its own `BASED_IN`/`SUPPORTS`/`ADVANCES` and its metric results (the next
metric run recomputes them). Ties go first, then nodes, in batches, each batch re-checking in
the database that the row is still the source's and still unheld.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Partner,
    Platform,
    PlatformUse,
    Record,
)
from graph.queries import named
from graph.store import Store
from graph.writer import batches
from ingest.problems import Notice

_SOURCES = named("imports/sources")
_OWNED_NODES = named("imports/owned_nodes")
_OWNED_TIES = named("imports/owned_ties")
_HOLDERS = named("imports/prune_holders")
_PRUNE_TIES = named("imports/prune_ties")
_PRUNE_NODES = named("imports/prune_nodes")

# A key names one row as the graph stores it: (label, id) for a node,
# (type, partner_id, other_id) for a tie.
Key = tuple[str, ...]

KIND_OF: dict[str, str] = {
    "Partner": "partners", "Objective": "objectives", "Platform": "platforms",
    "Agreement": "agreements", "Activity": "activities", "PARTY_TO": "agreement_parties",
    "PARTICIPATED_IN": "activity_participants", "USES": "platform_use",
}
# Holders before what they hold: agreements and activities before the objectives they
# support, every node after the ties (which go first).
NODE_ORDER = ("Activity", "Agreement", "Platform", "Objective", "Partner")


def content_key(record: Record) -> Key:
    """The key of the node or tie `record` is written as."""
    match record:
        case AgreementParty():
            return ("PARTY_TO", record.partner_id, record.agreement_id)
        case ActivityParticipant():
            return ("PARTICIPATED_IN", record.partner_id, record.activity_id)
        case PlatformUse():
            return ("USES", record.partner_id, record.platform_id)
        case Partner() | Agreement() | Activity() | Platform() | Objective():
            return (type(record).__name__, record.id)
    raise TypeError(f"no graph key for {type(record).__name__}")  # pragma: no cover


def same_source(a: str, b: str) -> bool:
    """Two `Import.source` values name the same files (in any order)."""
    return sorted(a.split(", ")) == sorted(b.split(", "))


@dataclass
class PrunePlan:
    """What a prune deletes (or, in a dry run, would delete) and what it keeps."""

    imports: list[str]
    ties: list[Key] = field(default_factory=list)
    nodes: list[Key] = field(default_factory=list)
    kept: list[Notice] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        return Counter(KIND_OF[k[0]] for k in (*self.ties, *self.nodes))

    def kept_counts(self) -> Counter[str]:
        return Counter(n.column for n in self.kept)


def plan_prune(store: Store, source: str, contents: set[Key], this_import: str | None,
               batch_size: int) -> PrunePlan:
    """Decide what goes: rows last written by imports of `source` that `contents` lacks.

    `this_import` (a running or resumed import of the same source) is left out: whatever it
    wrote, it contains.
    """
    imports = sorted(r["id"] for r in store.read(_SOURCES)
                     if r["source"] and same_source(r["source"], source) and r["id"] != this_import)
    plan = PrunePlan(imports)
    if not imports:
        return plan
    plan.ties = sorted((r["type"], r["partner_id"], r["other_id"])
                       for r in store.stream(_OWNED_TIES, imports=imports)
                       if (r["type"], r["partner_id"], r["other_id"]) not in contents)
    going_ties = set(plan.ties)
    missing: dict[str, list[str]] = {label: [] for label in NODE_ORDER}
    for r in store.stream(_OWNED_NODES, imports=imports):
        if (r["label"], r["id"]) not in contents:
            missing[r["label"]].append(r["id"])
    going_nodes: set[Key] = set()
    for label in NODE_ORDER:
        for chunk in batches(((label, i) for i in sorted(missing[label])), batch_size):
            rows = store.read(_HOLDERS, nodes=[{"label": k[0], "id": k[1]} for k in chunk])
            for r in rows:
                held = [tuple(t) for t in r["ties"] if tuple(t) not in going_ties]
                held += [tuple(h) for h in r["holders"] if tuple(h) not in going_nodes]
                key = (r["label"], r["id"])
                if held:
                    example = " ".join(map(str, held[0]))
                    plan.kept.append(Notice(
                        "(prune)", 0, KIND_OF[label], r["id"],
                        f"not pruned: still held by {len(held)} row(s) that stay, e.g. {example}"))
                else:
                    going_nodes.add(key)
                    plan.nodes.append(key)
    return plan


def apply_prune(store: Store, plan: PrunePlan, batch_size: int) -> Counter[str]:
    """Delete the plan's ties, then its nodes, one transaction per batch; returns the counts
    deleted by kind. A row another writer took over or tied since the plan stays."""
    done: Counter[str] = Counter()
    if not plan.imports:
        return done
    for chunk in batches(plan.ties, batch_size):
        rows = store.write(_PRUNE_TIES, imports=plan.imports, ties=[
            {"type": t, "partner_id": p, "other_id": o} for t, p, o in chunk])
        done.update({KIND_OF[r["type"]]: r["n"] for r in rows})
    for label in NODE_ORDER:
        nodes = [k for k in plan.nodes if k[0] == label]
        for chunk in batches(nodes, batch_size):
            rows = store.write(_PRUNE_NODES, imports=plan.imports,
                               nodes=[{"label": lb, "id": i} for lb, i in chunk])
            done.update({KIND_OF[r["label"]]: r["n"] for r in rows})
    return done
