"""Which implementation runs a heavy kernel: NetworkX (the reference) or the igraph adapter.

NetworkX's backend dispatch has no CPU backend for betweenness, Louvain, `core_number` or
`constraint` under Python 3.11 (graphblas raises NotImplementedError for them, nx-parallel
needs 3.12), so those four go through a small conversion to igraph instead, tested equal to
NetworkX within tolerance (tests/graph/metrics/test_igraph_adapter.py).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

import networkx as nx

N = TypeVar("N", bound=Hashable)  # a node of the graph

BACKENDS = ("auto", "networkx", "igraph")

# Below this many nodes NetworkX is fast enough and needs no conversion.
IGRAPH_THRESHOLD = 200


class UnknownBackend(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Unknown metrics backend {name!r}; choose one of {', '.join(BACKENDS)}")
        self.name = name


def check(backend: str) -> str:
    if backend not in BACKENDS:
        raise UnknownBackend(backend)
    return backend


def use_igraph(G: nx.Graph[N], backend: str = "auto") -> bool:
    """True when `backend` (after `auto` is resolved by size) is igraph."""
    check(backend)
    if backend == "auto":
        return G.number_of_nodes() >= IGRAPH_THRESHOLD
    return backend == "igraph"
