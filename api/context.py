"""The per-request context: who is asking (the Viewer), the store, and fresh DataLoaders.

A new Context is built for every request, so DataLoader caches never outlive it and never
leak one caller's view to another. The viewer's `Access` (graph/access.py) travels into
every query that reads agreements, activities or the ties they create.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from api.loaders import Loaders
from graph.access import FULL_ACCESS, Access
from graph.config import Settings
from graph.model import Role
from graph.store import Store


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

# For code paths with no caller (the CLI and jobs run with the operator's full rights).
SYSTEM = Viewer(Role.ADMIN, FULL_ACCESS, actor="system")


@dataclass
class Context:
    request: Request
    response: Response
    store: Store
    settings: Settings
    viewer: Viewer
    loaders: Loaders = field(init=False)
    # Whether the caller may read the latest metric run (api/metric_gate.py), once known.
    metrics_readable: bool | None = field(init=False, default=None)
    metrics_ceiling: int | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.store, self.viewer.access)
