"""Summary: the size and shape of the whole network in a few numbers."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

import networkx as nx

from graph.metrics.resilience import connectivity

N = TypeVar("N", bound=Hashable)  # a node of the graph


def summary(G: nx.Graph[N], seed: int = 0, backend: str = "auto") -> dict[str, float | int | bool | None]:
    """Nodes, ties, density, components, the largest component, the diameter and the mean
    path length (in hops, over connected pairs).

    The diameter is the longest shortest path between any two connected partners. Both path
    figures are exact up to `resilience.EXACT_PATH_WORK` (n·m); above it they come from
    sampled sources, and `paths_exact` is false (the diameter is then a lower bound). With
    no ties there is no connected pair, and both are None (undefined, not 0).

    Examples
    --------
    >>> s = summary(nx.path_graph(4))
    >>> s["diameter"], s["average_path_length"], s["density"]
    (3, 1.6666666666666667, 0.5)
    """
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("a summary of an empty graph is undefined")
    conn = connectivity(G, seed, backend)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": nx.density(G),
        "components": conn.components,
        "largest_component": conn.largest,
        "isolated": nx.number_of_isolates(G),
        "diameter": conn.diameter if G.number_of_edges() else None,
        "average_path_length": conn.average_path_length if G.number_of_edges() else None,
        "paths_exact": conn.exact,
    }
