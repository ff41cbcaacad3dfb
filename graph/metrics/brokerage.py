"""Brokerage: who spans structural holes, and whose ties cross regions.

Burt's constraint and effective size are undefined for a partner with no ties; such partners
are left out of the result rather than given a made-up number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import TypeVar

import networkx as nx

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

N = TypeVar("N", bound=Hashable)  # a node of the graph


def constraint(G: nx.Graph[N], weight: str | None = "weight",
               backend: str = "auto") -> dict[N, float]:
    """Burt's constraint c_i = Σ_{j∈N(i)} (p_ij + Σ_{q≠i,j} p_iq·p_qj)².

    p_ij = w_ij / Σ_k w_ik is i's share of its ties invested in j. Low constraint: i's
    partners are not tied to each other, so i brokers between them. High (up to ≈1, above
    for tiny dense groups): i is locked into a redundant clique.

    References
    ----------
    Burt, *Structural Holes* (1992), ch. 2; NetworkX `structuralholes.constraint`.

    Examples
    --------
    >>> c = constraint(nx.star_graph(2))
    >>> c[0], c[1]
    (0.5, 1.0)
    """
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("constraint of an empty graph is undefined")
    tied = [v for v in G if G.degree(v) > 0]
    if use_igraph(G, backend):
        values = _igraph.constraint(G, weight)
        return {v: values[v] for v in tied}
    # NetworkX's all-nodes call is its fast sparse path; a node subset is pure Python.
    values = nx.constraint(G, weight=weight)
    return {v: values[v] for v in tied}


def effective_size(G: nx.Graph[N], backend: str = "auto") -> dict[N, float]:
    """Burt's effective size via triangles (Borgatti 1997): e_i = k_i − 2·t_i / k_i.

    k_i is i's degree and t_i the number of ties among its partners (its triangles): the
    number of partners minus their average redundancy. Equals `nx.effective_size(G)`
    unweighted, without densifying an n×n matrix.

    References
    ----------
    Borgatti, "Structural holes: unpacking Burt's redundancy measures", Connections 20 (1997).

    Examples
    --------
    >>> effective_size(nx.complete_graph(3))[0]
    1.0
    """
    # types-networkx types triangles() as `int | dict`; without `nodes` it is the dict.
    triangles: dict[N, int] = (_igraph.triangles(G) if use_igraph(G, backend)
                               else nx.triangles(G))  # type: ignore[assignment]
    return {v: k - 2.0 * triangles[v] / k for v, k in G.degree() if k > 0}


def cross_region(G: nx.Graph[N], weight: str = "weight") -> dict[N, dict[str, float]]:
    """How far each partner's ties reach beyond its own region.

    Returns, per tied partner, `regions_spanned` (distinct regions other than its own among
    its partners) and `cross_share` (the share of its tie weight going to other regions).
    A partner with no known region counts all its tied partners' regions.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 1.0}), ("a", "c", {"weight": 3.0})])
    >>> nx.set_node_attributes(G, {"a": "EUR", "b": "EUR", "c": "AFR"}, "region")
    >>> cross_region(G)["a"]
    {'regions_spanned': 1, 'cross_share': 0.75}
    """
    result: dict[N, dict[str, float]] = {}
    for v in G:
        own = G.nodes[v].get("region")
        by_region: dict[str | None, float] = defaultdict(float)
        for u, data in G[v].items():
            by_region[G.nodes[u].get("region")] += data.get(weight, 1.0)
        total = sum(by_region.values())
        if total <= 0:
            continue
        other = {r: w for r, w in by_region.items() if r is not None and r != own}
        result[v] = {"regions_spanned": len(other), "cross_share": sum(other.values()) / total}
    return result


def cross_region_brokers(G: nx.Graph[N], top: int = 20) -> list[tuple[N, int, float]]:
    """Partners whose ties span the most regions, then the largest cross-region share."""
    spans = cross_region(G)
    ranked = sorted(spans.items(),
                    key=lambda kv: (-kv[1]["regions_spanned"], -kv[1]["cross_share"], str(kv[0])))
    return [(v, int(s["regions_spanned"]), s["cross_share"]) for v, s in ranked[:top]
            if s["regions_spanned"] > 0]
