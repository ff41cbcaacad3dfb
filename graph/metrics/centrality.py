"""Centrality: who has the most partners, who brokers, who reaches everyone, who has prestige.

Edges carry `weight` (strength of the tie: more is closer) and `distance` = 1/weight (the
projection sets both). Path-based measures use `distance`, so a path through strong ties is
short; counting and spectral measures use `weight`.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping
from typing import TypeVar

import networkx as nx
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from scipy.sparse import csgraph

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

N = TypeVar("N", bound=Hashable)  # a node of the graph

# Betweenness and harmonic centrality run one shortest-path search per source, each about m
# steps: exact costs n·m, k sampled sources k·m. Exact while n·m is within EXACT_WORK (about
# 2 s of igraph betweenness here, docs/METRICS.md §2); above it, as many seeded sources as the
# budget buys (EXACT_WORK / m, never fewer than MIN_SAMPLES), so a larger graph never takes
# less time than a smaller one and accuracy falls smoothly, not at a cliff.
EXACT_WORK = 100_000_000
MIN_SAMPLES = 500
# Components up to this size get their eigenvector from one batched dense solve per size.
SMALL_COMPONENT = 32


def _require_nodes(G: nx.Graph[N]) -> None:
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("centrality of an empty graph is undefined")


def degree(G: nx.Graph[N]) -> dict[N, int]:
    """Number of distinct partners each partner is tied to.

    Examples
    --------
    >>> degree(nx.star_graph(3))
    {0: 3, 1: 1, 2: 1, 3: 1}
    """
    _require_nodes(G)
    return dict(G.degree())


def strength(G: nx.Graph[N], weight: str = "weight") -> dict[N, float]:
    """Weighted degree s_i = Σ_j w_ij: how much cooperation a partner takes part in.

    Examples
    --------
    >>> G = nx.Graph([(0, 1, {"weight": 2.0}), (1, 2, {"weight": 0.5})])
    >>> strength(G)
    {0: 2.0, 1: 2.5, 2: 0.5}
    """
    _require_nodes(G)
    return {n: float(s) for n, s in G.degree(weight=weight)}


def betweenness(G: nx.Graph[N], distance: str | None = "distance", backend: str = "auto",
                seed: int = 0) -> dict[N, float]:
    """Normalised betweenness: the share of shortest paths between other partners through i.

    b_i = 2 / ((n−1)(n−2)) · Σ_{s<t, s,t≠i} σ_st(i) / σ_st, shortest paths measured in
    `distance` (1/weight). Exact while n·m ≤ `EXACT_WORK`; above it, Brandes–Pich sampling from
    k seeded sources (`sampled_sources`), scaled by n/k.

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
    sources = sampled_sources(G, seed)
    scale = 2.0 / ((n - 1) * (n - 2)) * (n / len(sources) if sources else 1.0)
    if use_igraph(G, backend):
        raw = _igraph.betweenness(G, distance, sources)
    elif sources is None:
        raw = nx.betweenness_centrality(G, weight=distance, normalized=False)
    else:
        raw = nx.betweenness_centrality_subset(G, sources, list(G), weight=distance,
                                               normalized=False)
    return {v: b * scale for v, b in raw.items()}


def harmonic(G: nx.Graph[N], distance: str | None = "distance", backend: str = "auto",
             seed: int = 0) -> dict[N, float]:
    """Harmonic centrality normalised to [0, 1]: h_i = 1/(n−1) · Σ_{j≠i} 1/d(i, j).

    Unreachable partners add 0, so it is defined on a disconnected graph (closeness is not).
    Above `EXACT_WORK` (n·m) the mean of 1/d is taken over k seeded sampled sources
    (`sampled_sources`) instead of all n − 1 partners (an unbiased estimate).

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
    sources = sampled_sources(G, seed)
    raw: Mapping[N, float]
    if use_igraph(G, backend):
        raw = _igraph.harmonic(G, distance, sources)
    else:
        raw = nx.harmonic_centrality(G, distance=distance, sources=sources)
    if sources is None:
        return {v: h / (n - 1) for v, h in raw.items()}
    # Each partner's sum covers the sampled sources other than itself: scale to all n − 1.
    sampled = set(sources)
    return {v: h / (len(sources) - (v in sampled)) for v, h in raw.items()}


def source_count(n: int, m: int) -> int | None:
    """How many sampled sources betweenness and harmonic centrality use on a graph of n nodes
    and m ties, or None for all of them (exact).

    Examples
    --------
    >>> source_count(1_000, 50_000) is None  # n·m = 5·10⁷: exact
    True
    >>> source_count(5_000, 65_000)  # the budget buys 1,539 sources
    1539
    >>> source_count(100_000, 2_000_000)  # never fewer than MIN_SAMPLES
    500
    """
    if n * m <= EXACT_WORK:
        return None
    k = max(MIN_SAMPLES, -(-EXACT_WORK // m))  # ⌈EXACT_WORK / m⌉: k·m ≥ the exact budget
    return None if k >= n else k


def sampled_sources(G: nx.Graph[N], seed: int) -> list[N] | None:
    """The seeded sources of the sampled kernels (None: exact, every node a source)."""
    k = source_count(G.number_of_nodes(), G.number_of_edges())
    return None if k is None else random.Random(seed).sample(list(G), k)


def eigenvector(G: nx.Graph[N], weight: str = "weight", backend: str = "auto",
                seed: int = 0) -> dict[N, float]:
    """Eigenvector centrality, computed per connected component.

    On each component C the leading eigenvector of the weighted adjacency matrix is scaled to
    Euclidean norm √(|C|/n), so a component's weight is its share of the partners and a
    connected graph gets exactly NetworkX's `eigenvector_centrality`. Isolated partners
    get 0. (The global problem has no unique answer on a disconnected graph; NetworkX's
    numpy variant raises.)

    Components of up to `SMALL_COMPONENT` partners (most of them, in a sparse network) are
    solved densely, all components of one size in one batched `eigh`; larger ones by ARPACK:
    igraph's (its restarts draw from igraph's RNG, seeded with `seed` so runs repeat) or
    scipy's from a fixed start.

    Examples
    --------
    >>> ev = eigenvector(nx.Graph([(0, 1), (2, 3)]))
    >>> [round(ev[n], 6) for n in range(4)]
    [0.5, 0.5, 0.5, 0.5]
    """
    _require_nodes(G)
    nodes = list(G)
    n = len(nodes)
    fast = use_igraph(G, backend)
    if fast:
        labels = _igraph.component_labels(G)
        src, dst, w = _igraph.edge_arrays(G, weight)
    else:
        A = nx.to_scipy_sparse_array(G, weight=weight, format="coo")
        upper = A.row <= A.col
        src, dst, w = A.row[upper], A.col[upper], A.data[upper].astype(float)
        _, labels = csgraph.connected_components(A, directed=False)
    sizes = np.bincount(labels)
    order = np.argsort(labels, kind="stable")  # by component, each in G's order
    first = np.cumsum(sizes) - sizes  # where each component starts in `order`
    position = np.empty(n, dtype=np.int64)  # a node's place inside its component
    position[order] = np.arange(n) - np.repeat(first, sizes)
    result = np.zeros(n)
    for c in np.nonzero(sizes > SMALL_COMPONENT)[0]:
        idx = order[first[c]:first[c] + sizes[c]]
        vec = (_igraph.eigenvector(G, weight, idx.tolist(), seed) if fast
               else _leading_eigenvector(A.tocsr()[idx][:, idx]))
        result[idx] = np.abs(vec) / np.linalg.norm(vec) * (sizes[c] / n) ** 0.5
    edge_size = sizes[labels[src]]
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= SMALL_COMPONENT)]):
        comps = np.nonzero(sizes == size)[0]
        slot = np.zeros(len(sizes), dtype=np.int64)  # a component's place in the stack
        slot[comps] = np.arange(len(comps))
        blocks = np.zeros((len(comps), size, size))
        e = edge_size == size
        b, i, j = slot[labels[src[e]]], position[src[e]], position[dst[e]]
        blocks[b, i, j] = blocks[b, j, i] = w[e]
        _, vectors = np.linalg.eigh(blocks)
        vec = np.abs(vectors[:, :, -1])
        vec /= np.linalg.norm(vec, axis=1, keepdims=True)
        result[order[first[comps][:, None] + np.arange(size)]] = vec * (size / n) ** 0.5
    return dict(zip(nodes, result.tolist(), strict=True))


def _leading_eigenvector(A: sp.csr_array) -> np.ndarray:
    """Unit leading eigenvector of a symmetric non-negative matrix, from a fixed start so
    that runs repeat bit for bit (ARPACK's default start is random)."""
    _, vectors = spla.eigsh(A.astype(float), k=1, which="LA", v0=np.ones(A.shape[0]), tol=0)
    vec = vectors[:, 0]
    unit: np.ndarray = vec / np.linalg.norm(vec)
    return unit


def pagerank(G: nx.Graph[N], weight: str = "weight", alpha: float = 0.85,
             backend: str = "auto") -> dict[N, float]:
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
