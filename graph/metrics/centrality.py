"""Centrality: who has the most partners, who brokers, who reaches everyone, who has prestige.

Edges carry `weight` (strength of the tie: more is closer) and `distance` = 1/weight (the
projection sets both). Path-based measures use `distance`, so a path through strong ties is
short; counting and spectral measures use `weight`.
"""

from __future__ import annotations

import random
from collections.abc import Hashable

import networkx as nx
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

# Above this many nodes betweenness and harmonic centrality are estimated from seeded sampled
# sources (docs/METRICS.md gives the measured error).
EXACT_BETWEENNESS_LIMIT = 5_000
BETWEENNESS_SAMPLES = 500


def _require_nodes(G: nx.Graph) -> None:
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("centrality of an empty graph is undefined")


def degree(G: nx.Graph) -> dict[Hashable, int]:
    """Number of distinct partners each partner is tied to.

    Examples
    --------
    >>> degree(nx.star_graph(3))
    {0: 3, 1: 1, 2: 1, 3: 1}
    """
    _require_nodes(G)
    return dict(G.degree())


def strength(G: nx.Graph, weight: str = "weight") -> dict[Hashable, float]:
    """Weighted degree s_i = Σ_j w_ij: how much cooperation a partner takes part in.

    Examples
    --------
    >>> G = nx.Graph([(0, 1, {"weight": 2.0}), (1, 2, {"weight": 0.5})])
    >>> strength(G)
    {0: 2.0, 1: 2.5, 2: 0.5}
    """
    _require_nodes(G)
    return {n: float(s) for n, s in G.degree(weight=weight)}


def betweenness(G: nx.Graph, distance: str | None = "distance", backend: str = "auto",
                seed: int = 0) -> dict[Hashable, float]:
    """Normalised betweenness: the share of shortest paths between other partners through i.

    b_i = 2 / ((n−1)(n−2)) · Σ_{s<t, s,t≠i} σ_st(i) / σ_st, shortest paths measured in
    `distance` (1/weight). Exact up to `EXACT_BETWEENNESS_LIMIT` nodes; above it, Brandes–Pich
    sampling from `BETWEENNESS_SAMPLES` seeded sources, scaled by n/k.

    Parameters
    ----------
    G : networkx.Graph
    distance : str or None
        Edge attribute holding the length of an edge; None counts hops.
    backend : {"auto", "networkx", "igraph"}
    seed : int
        Seeds the choice of sampled sources (large graphs only).

    Returns
    -------
    dict
        Node → betweenness in [0, 1].

    References
    ----------
    Brandes (2001), "A faster algorithm for betweenness centrality"; Brandes & Pich (2007).

    Examples
    --------
    >>> betweenness(nx.path_graph(3), distance=None)
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    _require_nodes(G)
    n = G.number_of_nodes()
    if n <= 2:
        return dict.fromkeys(G, 0.0)
    sources = _sampled_sources(G, seed)
    scale = 2.0 / ((n - 1) * (n - 2)) * (n / len(sources) if sources else 1.0)
    if use_igraph(G, backend):
        raw = _igraph.betweenness(G, distance, sources)
    elif sources is None:
        raw = nx.betweenness_centrality(G, weight=distance, normalized=False)
    else:
        raw = nx.betweenness_centrality_subset(G, sources, list(G), weight=distance,
                                               normalized=False)
    return {v: b * scale for v, b in raw.items()}


def harmonic(G: nx.Graph, distance: str | None = "distance", backend: str = "auto",
             seed: int = 0) -> dict[Hashable, float]:
    """Harmonic centrality normalised to [0, 1]: h_i = 1/(n−1) · Σ_{j≠i} 1/d(i, j).

    Unreachable partners add 0, so it is defined on a disconnected graph (closeness is not).
    Above `EXACT_BETWEENNESS_LIMIT` nodes the mean of 1/d is taken over k seeded sampled
    sources instead of all n − 1 partners (an unbiased estimate).

    References
    ----------
    Marchiori & Latora (2000); Boldi & Vigna (2014), "Axioms for centrality".

    Examples
    --------
    >>> harmonic(nx.star_graph(2), distance=None)
    {0: 1.0, 1: 0.75, 2: 0.75}
    """
    _require_nodes(G)
    n = G.number_of_nodes()
    if n == 1:
        return dict.fromkeys(G, 0.0)
    sources = _sampled_sources(G, seed)
    if use_igraph(G, backend):
        raw = _igraph.harmonic(G, distance, sources)
    else:
        raw = nx.harmonic_centrality(G, distance=distance, sources=sources)
    if sources is None:
        return {v: h / (n - 1) for v, h in raw.items()}
    # Each partner's sum covers the sampled sources other than itself: scale to all n − 1.
    sampled = set(sources)
    return {v: h / (len(sources) - (v in sampled)) for v, h in raw.items()}


def _sampled_sources(G: nx.Graph, seed: int) -> list[Hashable] | None:
    if G.number_of_nodes() <= EXACT_BETWEENNESS_LIMIT:
        return None
    return random.Random(seed).sample(list(G), BETWEENNESS_SAMPLES)


def eigenvector(G: nx.Graph, weight: str = "weight",
                backend: str = "auto") -> dict[Hashable, float]:
    """Eigenvector centrality, computed per connected component.

    On each component C the leading eigenvector of the weighted adjacency matrix is scaled to
    Euclidean norm √(|C|/n), so a component's weight is its share of the partners and a
    connected graph gets exactly NetworkX's `eigenvector_centrality`. Isolated partners
    get 0. (The global
    problem has no unique answer on a disconnected graph; NetworkX's numpy variant raises.)

    Examples
    --------
    >>> ev = eigenvector(nx.Graph([(0, 1), (2, 3)]))
    >>> [round(ev[n], 6) for n in range(4)]
    [0.5, 0.5, 0.5, 0.5]
    """
    _require_nodes(G)
    n = G.number_of_nodes()
    result: dict[Hashable, float] = {}
    if use_igraph(G, backend):
        parts = _igraph.components(G)
        A = _igraph.adjacency(G, weight)
    else:
        parts = [[v for v in G if v in c] for c in nx.connected_components(G)]  # G's order
        A = nx.to_scipy_sparse_array(G, weight=weight, format="csr")
    position = {v: i for i, v in enumerate(G)}
    for nodes in parts:
        size = len(nodes)
        if size == 1:
            result[nodes[0]] = 0.0
            continue
        idx = np.array([position[v] for v in nodes])
        vec = _leading_eigenvector(A[idx][:, idx])
        result.update(zip(nodes, (float(abs(x)) * (size / n) ** 0.5 for x in vec), strict=True))
    return {v: result[v] for v in G}


def _leading_eigenvector(A: sp.sparray) -> np.ndarray:
    """Unit leading eigenvector of a symmetric non-negative matrix, from a fixed start so
    that runs repeat bit for bit (ARPACK's default start is random)."""
    if A.shape[0] <= 3:
        _, vectors = np.linalg.eigh(A.toarray())
        vec = vectors[:, -1]
    else:
        _, vectors = spla.eigsh(A.astype(float), k=1, which="LA",
                                v0=np.ones(A.shape[0]), tol=0)
        vec = vectors[:, 0]
    return vec / np.linalg.norm(vec)


def pagerank(G: nx.Graph, weight: str = "weight", alpha: float = 0.85,
             backend: str = "auto") -> dict[Hashable, float]:
    """PageRank on the weighted tie graph (sums to 1). The igraph path solves the same
    linear system exactly (PRPACK) instead of iterating to a tolerance.

    References
    ----------
    Brin & Page (1998).

    Examples
    --------
    >>> pr = pagerank(nx.complete_graph(4))
    >>> round(pr[0], 6)
    0.25
    """
    _require_nodes(G)
    if use_igraph(G, backend):
        return _igraph.pagerank(G, weight, alpha)
    return nx.pagerank(G, alpha=alpha, weight=weight, tol=1e-10, max_iter=1000)
