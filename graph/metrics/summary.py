"""Summary: the size and shape of the whole network in a few numbers."""

from __future__ import annotations

import networkx as nx

from graph.metrics.resilience import EXACT_PATH_LENGTH_LIMIT, connectivity


def summary(G: nx.Graph, seed: int = 0) -> dict[str, float | int | bool]:
    """Nodes, ties, density, components, the largest component, its diameter and the mean
    path length (in hops).

    The diameter is exact up to `EXACT_PATH_LENGTH_LIMIT` nodes in the largest component;
    above, it is the iterated double-sweep lower bound (`diameter_exact` says which). The mean
    path length is over all connected pairs, estimated from sampled sources on large graphs.

    Examples
    --------
    >>> s = summary(nx.path_graph(4))
    >>> s["diameter"], s["average_path_length"], s["density"]
    (3, 1.6666666666666667, 0.5)
    """
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("a summary of an empty graph is undefined")
    conn = connectivity(G, seed)
    largest = G.subgraph(max(nx.connected_components(G), key=len))
    exact = largest.number_of_nodes() <= EXACT_PATH_LENGTH_LIMIT
    if largest.number_of_nodes() == 1:
        diameter = 0
    elif exact:
        diameter = nx.diameter(largest)
    else:
        diameter = nx.approximation.diameter(largest, seed=seed)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": nx.density(G),
        "components": conn.components,
        "largest_component": conn.largest,
        "isolated": nx.number_of_isolates(G),
        "diameter": diameter,
        "diameter_exact": exact,
        "average_path_length": conn.average_path_length,
    }
