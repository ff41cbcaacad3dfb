"""The per-request context: who is asking (the Viewer), the store, and fresh DataLoaders.

A new Context is built for every request, so DataLoader caches never outlive it and never
leak one caller's view to another. The viewer's `Access` (graph/access.py) travels into
every query that reads agreements, activities or the ties they create.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from api.loaders import Loaders
from graph.access import Access
from graph.config import Settings
from graph.model import Role
from graph.store import Store

if TYPE_CHECKING:  # api/metric_gate.py reads the Context: a cycle at run time
    from api.metric_gate import Gate


@dataclass(frozen=True)
class Viewer:
    """The authenticated caller: role, organisation, and what they may read."""

    role: Role
    access: Access
    organisation: str | None = None
    actor: str = "anonymous"

    def can(self, needed: Role) -> bool:
        return self.role.includes(needed)


# A caller who sees no agreement or activity and may do nothing.
NOBODY = Viewer(Role.VIEWER, Access(-1), actor="anonymous")


@dataclass
class Context:
    request: Request
    response: Response
    store: Store
    settings: Settings
    viewer: Viewer
    loaders: Loaders = field(init=False)
    # The metric runs whose values may be on partners, read once per request, and the
    # ceilings of runs looked up since (api/metric_gate.py).
    metric_gate: Gate | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        # Set by api/view.py when the response cache is on: the graph's version for this
        # request and the tie lists shared across requests at that version.
        state = self.request.state
        self.loaders = Loaders(self.store, self.viewer.access,
                               version=getattr(state, "graph_version", None),
                               ties=getattr(state, "shared_ties", None))
