"""Resilience: single points of failure, the inner circle, and "what if partner X withdraws".

Structure only: these ignore weights, because a weak tie still connects.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

N = TypeVar("N", bound=Hashable)  # a node of the graph

# Above this much work (nodes × edges), path lengths come from seeded sampled sources.
# (NetworkX's breadth-first searches run in Python, so its budget is a hundred times smaller.)
EXACT_PATH_WORK = 500_000_000
EXACT_PATH_WORK_NETWORKX = 20_000_000
PATH_LENGTH_SAMPLES = 100


def articulation_points(G: nx.Graph[N], backend: str = "auto") -> set[N]:
    """Partners whose withdrawal splits a connected group of partners in two or more.

    References
    ----------
    Hopcroft & Tarjan (1973), "Efficient algorithms for graph manipulation".

    Examples
    --------
    >>> sorted(articulation_points(nx.path_graph(4)))
    [1, 2]
    """
    if use_igraph(G, backend):
        return _igraph.articulation_points(G)
    return set(nx.articulation_points(G))


def bridges(G: nx.Graph[N], backend: str = "auto") -> set[tuple[N, N]]:
    """Ties whose loss disconnects their two partners; each as a (smaller, larger) pair.

    Examples
    --------
    >>> sorted(bridges(nx.barbell_graph(3, 0)))
    [(2, 3)]
    """
    found: Iterable[tuple[N, N]] = (_igraph.bridges(G) if use_igraph(G, backend)
                                    else nx.bridges(G))  # type: ignore[arg-type]  # types-networkx: bridges yields ties, not nodes
    return {_ordered(u, v) for u, v in found}


def _ordered(u: N, v: N) -> tuple[N, N]:
    """A tie as a (smaller, larger) pair, by the nodes' text (nodes of mixed types compare)."""
    return (v, u) if str(v) < str(u) else (u, v)


def per_region(G: nx.Graph[N], backend: str = "auto",
               ) -> dict[str, dict[str, set[N] | set[tuple[N, N]]]]:
    """Articulation points and bridges inside each region (the ties among its own partners).

    Returns region → {"articulation_points": set, "bridges": set}: the partners and ties
    that hold a region's own network together. Partners without a region are left out.
    """
    regions: dict[str, list[N]] = {}
    for v in G:
        if (region := G.nodes[v].get("region")) is not None:
            regions.setdefault(region, []).append(v)
    result: dict[str, dict[str, set[N] | set[tuple[N, N]]]] = {}
    for region, nodes in sorted(regions.items()):
        if use_igraph(G, backend):
            points, cut = _igraph.subgraph_cut_points(G, nodes)
        else:
            sub = G.subgraph(nodes)
            points = set(nx.articulation_points(sub))
            cut = list(nx.bridges(sub))  # type: ignore[arg-type]  # types-networkx: bridges yields ties
        result[region] = {"articulation_points": points,
                          "bridges": {_ordered(u, v) for u, v in cut}}
    return result


def core_number(G: nx.Graph[N], backend: str = "auto") -> dict[N, int]:
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
    """How connected a graph is: components, reach and typical path length (in hops)."""

    components: int
    largest: int
    connected_pairs: int
    average_path_length: float
    diameter: int
    exact: bool


def connectivity(G: nx.Graph[N], seed: int = 0, backend: str = "auto") -> Connectivity:
    """Components, the largest one's size, pairs that can reach each other, the mean hop
    distance over those pairs and the longest one (the diameter over all components).

    Path figures are exact while n·m ≤ `EXACT_PATH_WORK` (igraph; `EXACT_PATH_WORK_NETWORKX`
    in NetworkX); above, they come from
    `PATH_LENGTH_SAMPLES` seeded sampled sources (the diameter is then a lower bound).
    """
    fast = use_igraph(G, backend)
    sizes = (_igraph.component_sizes(G) if fast
             else [len(c) for c in nx.connected_components(G)])
    pairs = sum(s * (s - 1) // 2 for s in sizes)
    limit = EXACT_PATH_WORK if fast else EXACT_PATH_WORK_NETWORKX
    exact = G.number_of_nodes() * G.number_of_edges() <= limit
    sources = None if exact else random.Random(seed).sample(list(G), PATH_LENGTH_SAMPLES)
    if fast:
        mean, longest = _igraph.path_lengths(G, sources)
    else:
        total = count = longest = 0
        for s in sources if sources is not None else G:
            lengths = nx.single_source_shortest_path_length(G, s)
            total += sum(lengths.values())
            count += len(lengths) - 1
            longest = max(longest, max(lengths.values()))
        mean = total / count if count else 0.0
    return Connectivity(components=len(sizes), largest=max(sizes, default=0),
                        connected_pairs=pairs, average_path_length=mean, diameter=longest,
                        exact=exact)


def withdrawal(G: nx.Graph[N], partner: N, seed: int = 0,
               backend: str = "auto") -> dict[str, Connectivity]:
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
    return {"before": connectivity(G, seed, backend), "after": connectivity(after, seed, backend)}
