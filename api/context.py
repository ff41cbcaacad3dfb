"""The per-request context: who is asking (the Viewer), the store, and fresh DataLoaders.

A new Context is built for every request, so DataLoader caches never outlive it and never
leak one caller's view to another. Until authentication exists (issue 6) every viewer has
full clearance; the TLP ceiling already travels into every query that reads agreements,
activities or ties they create.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from api.loaders import Loaders
from graph.config import Settings
from graph.model import TLP
from graph.store import Store


@dataclass(frozen=True)
class Viewer:
    """The caller: a TLP clearance (highest rank visible) and an optional organisation."""

    clearance: TLP = TLP.RED
    organisation: str | None = None
    actor: str = "anonymous"

    @property
    def max_tlp(self) -> int:
        return self.clearance.rank


@dataclass
class Context:
    request: Request
    response: Response
    store: Store
    settings: Settings
    viewer: Viewer
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.store, self.viewer.max_tlp)
