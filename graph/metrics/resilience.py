"""Resilience: single points of failure, the inner circle, and "what if partner X withdraws".

Structure only: these ignore weights, because a weak tie still connects.
"""

from __future__ import annotations

import random
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

# Above this many nodes, average path length is estimated from seeded sampled sources.
EXACT_PATH_LENGTH_LIMIT = 3_000
PATH_LENGTH_SAMPLES = 500


def articulation_points(G: nx.Graph) -> set[Hashable]:
    """Partners whose withdrawal splits a connected group of partners in two or more.

    References
    ----------
    Hopcroft & Tarjan (1973), "Efficient algorithms for graph manipulation".

    Examples
    --------
    >>> sorted(articulation_points(nx.path_graph(4)))
    [1, 2]
    """
    return set(nx.articulation_points(G))


def bridges(G: nx.Graph) -> set[tuple[Hashable, Hashable]]:
    """Ties whose loss disconnects their two partners; each as a (smaller, larger) pair.

    Examples
    --------
    >>> sorted(bridges(nx.barbell_graph(3, 0)))
    [(2, 3)]
    """
    return {tuple(sorted((u, v), key=str)) for u, v in nx.bridges(G)}  # type: ignore[misc]


def per_region(G: nx.Graph) -> dict[str, dict[str, set]]:
    """Articulation points and bridges inside each region (the ties among its own partners).

    Returns region → {"articulation_points": set, "bridges": set}: the partners and ties
    that hold a region's own network together. Partners without a region are left out.
    """
    regions: dict[str, list[Hashable]] = {}
    for v, region in G.nodes(data="region"):
        if region is not None:
            regions.setdefault(region, []).append(v)
    return {
        region: {"articulation_points": articulation_points(G.subgraph(nodes)),
                 "bridges": bridges(G.subgraph(nodes))}
        for region, nodes in sorted(regions.items())
    }


def core_number(G: nx.Graph, backend: str = "auto") -> dict[Hashable, int]:
    """k-core number: the largest k such that the partner is in a subgraph of minimum degree k.

    References
    ----------
    Batagelj & Zaversnik (2003), "An O(m) algorithm for cores decomposition of networks".

    Examples
    --------
    >>> core_number(nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)]))
    {0: 2, 1: 2, 2: 2, 3: 1}
    """
    if use_igraph(G, backend):
        return _igraph.coreness(G)
    return nx.core_number(G)


@dataclass(frozen=True)
class Connectivity:
    """How connected a graph is: components, reach and typical path length."""

    components: int
    largest: int
    connected_pairs: int
    average_path_length: float


def connectivity(G: nx.Graph, seed: int = 0) -> Connectivity:
    """Components, the largest one's size, pairs that can reach each other, and the mean hop
    distance over those pairs (estimated from seeded sampled sources on large graphs)."""
    sizes = [len(c) for c in nx.connected_components(G)]
    pairs = sum(s * (s - 1) // 2 for s in sizes)
    sources = list(G)
    if len(sources) > EXACT_PATH_LENGTH_LIMIT:
        sources = random.Random(seed).sample(sources, PATH_LENGTH_SAMPLES)
    total = count = 0
    for s in sources:
        lengths = nx.single_source_shortest_path_length(G, s)
        total += sum(lengths.values())
        count += len(lengths) - 1
    return Connectivity(components=len(sizes), largest=max(sizes, default=0),
                        connected_pairs=pairs,
                        average_path_length=total / count if count else 0.0)


def withdrawal(G: nx.Graph, partner: Hashable, seed: int = 0) -> dict[str, Connectivity]:
    """The network before and after `partner` withdraws (its node and ties removed).

    Raises
    ------
    networkx.NodeNotFound
        If `partner` is not in the graph.

    Examples
    --------
    >>> w = withdrawal(nx.path_graph(3), 1)
    >>> w["before"].components, w["after"].components
    (1, 2)
    """
    if partner not in G:
        raise nx.NodeNotFound(f"partner {partner!r} is not in the graph")
    after = G.copy()
    after.remove_node(partner)
    return {"before": connectivity(G, seed), "after": connectivity(after, seed)}
