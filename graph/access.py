"""Who may see which agreements and activities: TLP 2.0, enforced by the application.

Neo4j Community has no fine-grained access control, so every query that reads agreements,
activities or the ties they create filters on the caller's `Access`:

    x.tlp_rank <= $max_tlp OR x.id IN $visible_ids

- CLEAR and GREEN: every authenticated caller.
- AMBER: analysts and above (stewards included).
- AMBER+STRICT and RED: callers whose organisation is a party to the agreement or a
  participant in the activity (up to their token's clearance), and admins.

A token's own clearance caps all of it. Hidden objects leave no trace: the filter sits in
the query, so counts, edges, paths and totals never include them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import TLP, Role
from graph.queries import named
from graph.store import Store

_ORG_ITEMS = named("access/organisation_items")

# The highest level each role sees without an organisation tie.
ROLE_CEILING: dict[Role, TLP] = {
    Role.VIEWER: TLP.GREEN,
    Role.ANALYST: TLP.AMBER,
    Role.STEWARD: TLP.AMBER,
    Role.ADMIN: TLP.RED,
}


@dataclass(frozen=True)
class Access:
    """What a caller may read: every object up to `max_tlp`, plus the listed restricted ones."""

    max_tlp: int
    visible_ids: frozenset[str] = field(default_factory=frozenset)

    def params(self) -> dict[str, Any]:
        return {"max_tlp": self.max_tlp, "visible_ids": sorted(self.visible_ids)}

    def sees_rank(self, rank: int, item_id: str) -> bool:
        return rank <= self.max_tlp or item_id in self.visible_ids

    @property
    def unrestricted(self) -> bool:
        """Sees every level (admins, and the trusted command line)."""
        return self.max_tlp >= TLP.RED.rank


FULL_ACCESS = Access(TLP.RED.rank)


def static_access(role: Role, clearance: TLP, organisation: str | None) -> Access | None:
    """The caller's access when it needs no look-up (no organisation items to find)."""
    if role is Role.ADMIN:
        return FULL_ACCESS
    if organisation and clearance.rank >= TLP.AMBER_STRICT.rank:
        return None
    return Access(min(clearance.rank, ROLE_CEILING[role].rank))


def access_for(store: Store, role: Role, clearance: TLP, organisation: str | None) -> Access:
    """The access of a caller with this role, token clearance and organisation."""
    known = static_access(role, clearance, organisation)
    if known is not None:
        return known
    assert organisation is not None
    rows = store.read(_ORG_ITEMS, organisation=organisation, min_rank=TLP.AMBER_STRICT.rank,
                      max_rank=clearance.rank)
    return Access(min(clearance.rank, ROLE_CEILING[role].rank),
                  frozenset(r["id"] for r in rows))
