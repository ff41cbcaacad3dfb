"""The igraph adapter: an undirected NetworkX graph in, igraph results keyed by node out."""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

import igraph as ig
import networkx as nx


def convert(G: nx.Graph, *attrs: str) -> tuple[ig.Graph, list[Hashable]]:
    """An igraph copy of `G` (nodes in `G`'s order) carrying the named edge attributes."""
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = list(G.edges(data=True))
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
    for attr in attrs:
        g.es[attr] = [d.get(attr, 1.0) for _, _, d in edges]
    return g, nodes


def betweenness(G: nx.Graph, distance: str | None,
                sources: Sequence[Hashable] | None = None) -> dict[Hashable, float]:
    """Raw (unnormalised, each unordered pair once) betweenness, optionally from `sources`."""
    g, nodes = convert(G, *([distance] if distance else []))
    kwargs = {}
    if sources is not None:
        index = {n: i for i, n in enumerate(nodes)}
        kwargs["sources"] = [index[s] for s in sources]
    values = g.betweenness(directed=False, weights=distance, **kwargs)
    return dict(zip(nodes, values, strict=True))


def coreness(G: nx.Graph) -> dict[Hashable, int]:
    g, nodes = convert(G)
    return dict(zip(nodes, g.coreness(), strict=True))


def constraint(G: nx.Graph, weight: str | None) -> dict[Hashable, float]:
    g, nodes = convert(G, *([weight] if weight else []))
    return dict(zip(nodes, g.constraint(weights=weight), strict=True))


def harmonic(G: nx.Graph, distance: str | None) -> dict[Hashable, float]:
    """Σ_v 1/d(u, v), unnormalised, like `nx.harmonic_centrality`."""
    g, nodes = convert(G, *([distance] if distance else []))
    values = g.harmonic_centrality(weights=distance, normalized=False)
    return dict(zip(nodes, values, strict=True))


def louvain(G: nx.Graph, weight: str | None, seed: int,
            resolution: float = 1.0) -> list[set[Hashable]]:
    """Multilevel modularity optimisation with igraph's RNG seeded, so runs repeat."""
    g, nodes = convert(G, *([weight] if weight else []))
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_multilevel(weights=weight, resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    return [{nodes[i] for i in members} for members in clustering]
