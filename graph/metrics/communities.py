"""Communities: the blocs (regional, sectoral) that cooperation forms, found by Louvain."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

import networkx as nx

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

N = TypeVar("N", bound=Hashable)  # a node of the graph


def _numbered(communities: Iterable[set[N]]) -> dict[N, int]:
    """Community 0 is the largest; ties broken by the smallest member id, so labels repeat."""
    ordered = sorted(communities, key=lambda c: (-len(c), min(map(str, c))))
    return {v: i for i, c in enumerate(ordered) for v in c}


def louvain(G: nx.Graph[N], weight: str | None = "weight", seed: int = 42,
            resolution: float = 1.0, backend: str = "auto") -> dict[N, int]:
    """Louvain communities: node → community number (0 = largest).

    Greedy modularity optimisation, Q = 1/2m · Σ_ij (A_ij − γ·k_i·k_j/2m)·δ(c_i, c_j),
    with the seed fixed so the same graph gives the same communities.

    References
    ----------
    Blondel, Guillaume, Lambiotte & Lefebvre (2008), "Fast unfolding of communities in
    large networks", J. Stat. Mech.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> c = louvain(G)
    >>> c[0] == c[3] != c[4] == c[7]
    True
    """
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("communities of an empty graph are undefined")
    if use_igraph(G, backend):
        found = _igraph.louvain(G, weight, seed, resolution)
    else:
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution,
                                                 seed=seed)
    return _numbered(found)


def modularity(G: nx.Graph[N], membership: dict[N, int],
               weight: str | None = "weight", backend: str = "auto") -> float:
    """Newman's modularity Q of a partition given as node → community number.

    Raises
    ------
    networkx.NetworkXPointlessConcept
        If the graph has no ties (Q divides by their total weight: it is undefined).
    """
    if G.size(weight=weight) == 0:
        raise nx.NetworkXPointlessConcept("modularity of a graph without ties is undefined")
    if use_igraph(G, backend):
        return _igraph.modularity(G, [membership[v] for v in G], weight)
    groups: dict[int, set[N]] = {}
    for v, c in membership.items():
        groups.setdefault(c, set()).add(v)
    return nx.community.modularity(G, groups.values(), weight=weight)
