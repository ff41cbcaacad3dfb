"""The igraph adapter: an undirected NetworkX graph in, igraph results keyed by node out."""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from typing import TypeVar

import igraph as ig
import networkx as nx
import numpy as np

N = TypeVar("N", bound=Hashable)  # a node of the graph


def convert(G: nx.Graph[N], *attrs: str) -> tuple[ig.Graph, list[N]]:
    """An igraph copy of `G` (nodes in `G`'s order) carrying the named edge attributes.

    Cached in ``G.__networkx_cache__`` (where NetworkX caches its own backend conversions;
    adding or removing nodes or edges clears it), so the job converts once per graph. Like
    NetworkX's cache it goes stale if edge data is changed in place.
    """
    # One conversion serves every kernel: always carry the projection's two attributes.
    attrs = tuple(sorted(set(attrs) | {"weight", "distance"}))
    cache: dict[object, tuple[ig.Graph, list[N]]] | None = getattr(G, "__networkx_cache__", None)
    key = ("partnergraph-igraph", attrs)
    if cache is not None and key in cache:
        return cache[key]
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = list(G.edges(data=True))
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
    for attr in attrs:
        g.es[attr] = [d.get(attr, 1.0) for _, _, d in edges]
    if cache is not None:
        cache[key] = (g, nodes)
    return g, nodes


def betweenness(G: nx.Graph[N], distance: str | None,
                sources: Sequence[N] | None = None) -> dict[N, float]:
    """Raw (unnormalised, each unordered pair once) betweenness, optionally from `sources`."""
    g, nodes = convert(G, *([distance] if distance else []))
    kwargs = {}
    if sources is not None:
        index = {n: i for i, n in enumerate(nodes)}
        kwargs["sources"] = [index[s] for s in sources]
    values = g.betweenness(directed=False, weights=distance, **kwargs)
    return dict(zip(nodes, values, strict=True))


def coreness(G: nx.Graph[N]) -> dict[N, int]:
    g, nodes = convert(G)
    return dict(zip(nodes, g.coreness(), strict=True))


def constraint(G: nx.Graph[N], weight: str | None) -> dict[N, float]:
    g, nodes = convert(G, *([weight] if weight else []))
    return dict(zip(nodes, g.constraint(weights=weight), strict=True))


def harmonic(G: nx.Graph[N], distance: str | None,
             sources: Sequence[N] | None = None) -> dict[N, float]:
    """Σ 1/d(s, v) over all other nodes s (like `nx.harmonic_centrality`), or over `sources`
    only (then computed in chunks of rows, to bound memory)."""
    g, nodes = convert(G, *([distance] if distance else []))
    if sources is None:
        values = g.harmonic_centrality(weights=distance, normalized=False)
        return dict(zip(nodes, values, strict=True))
    index = {n: i for i, n in enumerate(nodes)}
    chunk = [index[s] for s in sources]
    sums = np.zeros(len(nodes))
    for start in range(0, len(chunk), 16):
        d = np.array(g.distances(source=chunk[start:start + 16], weights=distance))
        with np.errstate(divide="ignore"):
            inv = np.where((d > 0) & np.isfinite(d), 1.0 / d, 0.0)
        sums += inv.sum(axis=0)
    return dict(zip(nodes, sums.tolist(), strict=True))


def louvain(G: nx.Graph[N], weight: str | None, seed: int,
            resolution: float = 1.0) -> list[set[N]]:
    """Multilevel modularity optimisation with igraph's RNG seeded, so runs repeat."""
    g, nodes = convert(G, *([weight] if weight else []))
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_multilevel(weights=weight, resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    return [{nodes[i] for i in members} for members in clustering]


def articulation_points(G: nx.Graph[N]) -> set[N]:
    g, nodes = convert(G)
    return {nodes[i] for i in g.articulation_points()}


def bridges(G: nx.Graph[N]) -> list[tuple[N, N]]:
    g, nodes = convert(G)
    return [(nodes[g.es[e].source], nodes[g.es[e].target]) for e in g.bridges()]


def path_lengths(G: nx.Graph[N], sources: Sequence[N] | None) -> tuple[float, int]:
    """(mean hop distance over connected pairs, longest such distance), from all nodes or
    from `sources` only (then in chunks, to bound memory)."""
    g, nodes = convert(G)
    if sources is None:
        if g.vcount() < 2 or g.ecount() == 0:
            return 0.0, 0
        return g.average_path_length(directed=False, unconn=True), g.diameter(
            directed=False, unconn=True)
    index = {n: i for i, n in enumerate(nodes)}
    total = count = longest = 0
    chunk = [index[s] for s in sources]
    for start in range(0, len(chunk), 16):
        d = np.array(g.distances(source=chunk[start:start + 16]), dtype=float)
        finite = d[np.isfinite(d)]
        total += int(finite.sum())
        count += finite.size - len(chunk[start:start + 16])
        longest = max(longest, int(finite.max()))
    return (total / count if count else 0.0), int(longest)


def component_sizes(G: nx.Graph[N]) -> list[int]:
    g, _ = convert(G)
    return list(g.connected_components().sizes())


def modularity(G: nx.Graph[N], membership: Sequence[int], weight: str | None) -> float:
    """Newman's modularity of the partition given as a community number per node."""
    g, _ = convert(G, *([weight] if weight else []))
    return float(g.modularity(list(membership), weights=weight, directed=False))


def pagerank(G: nx.Graph[N], weight: str | None, alpha: float) -> dict[N, float]:
    """PageRank solved by PRPACK (exact linear solve, so deterministic)."""
    g, nodes = convert(G, *([weight] if weight else []))
    return dict(zip(nodes, g.pagerank(weights=weight, damping=alpha, directed=False),
                    strict=True))


def components(G: nx.Graph[N]) -> list[list[N]]:
    """Connected components, each as nodes in `G`'s order."""
    g, nodes = convert(G)
    return [[nodes[i] for i in sorted(c)] for c in g.connected_components()]


def subgraph_cut_points(G: nx.Graph[N], members: Sequence[N],
                        ) -> tuple[set[N], list[tuple[N, N]]]:
    """Articulation points and bridges of the subgraph induced by `members`."""
    g, nodes = convert(G)
    index = {n: i for i, n in enumerate(nodes)}
    sub = g.induced_subgraph(sorted(index[m] for m in members))
    local = [nodes[i] for i in sorted(index[m] for m in members)]
    points = {local[i] for i in sub.articulation_points()}
    cut = [(local[sub.es[e].source], local[sub.es[e].target]) for e in sub.bridges()]
    return points, cut


def component_labels(G: nx.Graph[N]) -> np.ndarray:
    """Each node's connected component number, in `G`'s order."""
    g, _ = convert(G)
    return np.array(g.connected_components().membership, dtype=np.int64)


def edge_arrays(G: nx.Graph[N], weight: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source positions, target positions, weights) of every edge, as numpy arrays;
    weights are 1 when `weight` is None. Cached beside the igraph copy."""
    g, _ = convert(G, *([weight] if weight else []))
    cache: dict[object, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = getattr(
        G, "__networkx_cache__", None)
    key = ("partnergraph-edge-arrays", weight)
    if cache is not None and key in cache:
        return cache[key]
    ends = np.array(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    w = np.array(g.es[weight], dtype=float) if weight else np.ones(len(ends))
    arrays = (ends[:, 0], ends[:, 1], w)
    if cache is not None:
        cache[key] = arrays
    return arrays


def triangles(G: nx.Graph[N]) -> dict[N, int]:
    """Triangles through each node: local clustering × k(k−1)/2, rounded back to a count."""
    g, nodes = convert(G)
    degrees = g.degree()
    local = g.transitivity_local_undirected(mode="zero")
    return {v: round(c * k * (k - 1) / 2) for v, c, k in zip(nodes, local, degrees, strict=True)}


def eigenvector(G: nx.Graph[N], weight: str | None, members: Sequence[int],
                seed: int) -> np.ndarray:
    """Leading eigenvector (any norm) of the connected subgraph on the node positions
    `members`, by igraph's ARPACK. Its restarts draw from igraph's RNG: seeded, runs repeat."""
    g, _ = convert(G, *([weight] if weight else []))
    sub = g if len(members) == g.vcount() else g.induced_subgraph(members)
    ig.set_random_number_generator(random.Random(seed))
    try:
        values = sub.eigenvector_centrality(weights=weight, scale=False)
    finally:
        ig.set_random_number_generator(random)
    return np.array(values)
