"""What a caller may write over the API, by an edit or an uploaded import.

The command line is trusted (it holds the database credentials); API callers are not. For a
caller without full access:

- an agreement or activity they cannot see cannot be written (its id reads as taken);
- nothing may be marked above the caller's own TLP reach, and an existing object's TLP may
  not be lowered (declassifying is an admin's decision);
- parties and participants of AMBER+STRICT and RED agreements and activities are changed by
  admins only: joining one would also widen who may read it (graph/access.py).

Hidden objects are kept out of reference resolution too (ingest/resolve.py), so a tie to one
reads exactly like a tie to an id that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.access import FULL_ACCESS, Access
from graph.model import TLP, Activity, ActivityParticipant, Agreement, AgreementParty, Record
from graph.queries import named
from graph.store import Store

_EXISTING = named("imports/existing_tlp")


@dataclass
class WritePolicy:
    access: Access = FULL_ACCESS
    existing: dict[str, int] = field(default_factory=dict)  # id → TLP rank in the graph
    planned: dict[str, int] = field(default_factory=dict)  # id → TLP rank in this import

    @classmethod
    def load(cls, store: Store, access: Access, ids: Iterable[str]) -> WritePolicy:
        if access.unrestricted:
            return cls(access)
        wanted = sorted(set(ids))
        existing: dict[str, int] = {}
        for start in range(0, len(wanted), 10_000):
            for row in store.read(_EXISTING, ids=wanted[start:start + 10_000]):
                existing[row["id"]] = row["tlp_rank"]
        return cls(access, existing)

    def problems(self, record: Record) -> list[tuple[str, str, str]]:
        """(column, value, reason) for each rule the record breaks; empty if none."""
        if self.access.unrestricted:
            return []
        if isinstance(record, (Agreement, Activity)):
            return self._group(record)
        if isinstance(record, (AgreementParty, ActivityParticipant)):
            group = record.agreement_id if isinstance(record, AgreementParty) else record.activity_id
            rank = self.planned.get(group, self.existing.get(group))
            if rank is not None and rank >= TLP.AMBER_STRICT.rank:
                return [("partner_id", record.partner_id,
                         "parties and participants of AMBER+STRICT and RED objects are "
                         "changed by admins only")]
        return []

    def _group(self, record: Agreement | Activity) -> list[tuple[str, str, str]]:
        old = self.existing.get(record.id)
        new = record.tlp.rank
        if old is not None and not self.access.sees_rank(old, record.id):
            return [("id", record.id, "this id is taken by an object you may not change")]
        out = []
        if new > self.access.max_tlp and new != old:
            reach = list(TLP)[self.access.max_tlp].value.upper()
            out.append(("tlp", record.tlp.value, f"you may mark objects at most TLP:{reach}"))
        if old is not None and new < old:
            out.append(("tlp", record.tlp.value,
                        "lowering the TLP of an existing object needs an admin"))
        if not out:
            self.planned[record.id] = new
        return out
