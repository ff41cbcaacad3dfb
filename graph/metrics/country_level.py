"""The country-level projection: the partners that act for one country become one node.

A country signs treaties through its government and runs operations through its police and
CERTs, which the graph holds as separate partners; at partner level the government and the
police are two unlinked nodes, so a country that links two regions' operations and belongs
to a treaty looks like two minor partners. Here every partner of a kind in
`COUNTRY_ACTOR_KINDS` merges into the node of its country (`country:NG`); every other
partner (international organisations, companies, universities, NGOs, and any partner
without a country) stays itself, since a headquarters is no presence, and its bridging
still counts. The weights of the ties between two nodes are summed; a tie between two
actors of one country is inside the node and is dropped.

`country_values` measures that graph with the partner-level algorithms and returns the
values of the countries only (docs/METRICS.md, "Country level").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import networkx as nx

from graph.metrics import brokerage, centrality, resilience
from graph.model import COUNTRY_ACTOR_KINDS
from graph.projection import PartnerGraph

PREFIX = "country:"
ACTOR_KINDS = frozenset(k.value for k in COUNTRY_ACTOR_KINDS)

# The partner-level metrics that mean the same for a country, by the partners' names
# (communities and trust are partner-level only); the values add `m_articulation` and
# `m_actors`.
COUNTRY_METRICS = ("degree", "strength", "betweenness", "harmonic", "eigenvector", "pagerank",
                   "constraint", "effective_size", "core", "regions_spanned",
                   "cross_region_share")


def node_of(G: PartnerGraph, partner: str) -> str:
    """The country-level node of a partner: its country's, when it acts for it."""
    data = G.nodes[partner]
    if data.get("kind") in ACTOR_KINDS and data.get("country"):
        return PREFIX + str(data["country"])
    return partner


def country_graph(G: PartnerGraph) -> PartnerGraph:
    """The country-level graph of a partner graph (`graph.projection.build_graph`).

    Nodes keep G's order (a country where its first actor was). A country node has `kind`
    "country", `country`, `region` (its first actor's) and `actors` (the partner ids
    merged, sorted); other nodes keep their attributes. Each edge has `weight` (the sum of
    the merged ties' weights, which the evidence on the partner graph explains) and
    `distance` (1/weight).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("ng-gov", kind="government", country="NG", region="AFR")
    >>> G.add_node("ng-police", kind="law_enforcement", country="NG", region="AFR")
    >>> G.add_node("coe", kind="international_org", country="FR", region="EUR")
    >>> G.add_edge("ng-gov", "coe", weight=0.5)
    >>> G.add_edge("ng-police", "coe", weight=0.25)
    >>> G.add_edge("ng-gov", "ng-police", weight=1.0)
    >>> C = country_graph(G)
    >>> list(C), C["country:NG"]["coe"]["weight"], C.nodes["country:NG"]["actors"]
    (['country:NG', 'coe'], 0.75, ('ng-gov', 'ng-police'))
    """
    C: PartnerGraph = nx.Graph(**{k: v for k, v in G.graph.items() if k != "negative_only"})
    actors: dict[str, list[str]] = defaultdict(list)
    for partner, data in G.nodes(data=True):
        node = node_of(G, partner)
        if node == partner:
            C.add_node(node, **data)
            continue
        if node not in C:
            C.add_node(node, kind="country", country=data["country"], region=data.get("region"),
                       name=None)
        actors[node].append(partner)
    for node, merged in actors.items():
        C.nodes[node]["actors"] = tuple(sorted(merged))
    weights: dict[tuple[str, str], list[float]] = defaultdict(list)
    for u, v, data in G.edges(data=True):
        a, b = node_of(G, u), node_of(G, v)
        if a != b:
            weights[(a, b) if a <= b else (b, a)].append(data["weight"])
    for (a, b), ws in weights.items():
        weight = math.fsum(ws)
        C.add_edge(a, b, weight=weight, distance=1.0 / weight)
    return C


def country_values(G: PartnerGraph, backend: str = "auto",
                   seed: int = 42) -> dict[str, dict[str, Any]]:
    """The country-level metrics of every country with an actor in G: {code: {m_*: value}}.

    Measured on `country_graph(G)` relabelled to integers in its node order (as
    `graph.metrics.job.compute` does, so the sums do not depend on string hashing).
    `m_actors` is how many partners the country's node merges. G must have a node (the
    centralities of an empty graph are undefined: NetworkXPointlessConcept).
    """
    C = country_graph(G)
    H = nx.convert_node_labels_to_integers(C, label_attribute="node")  # type: ignore[arg-type]  # types-networkx: any node type goes
    ids = [str(H.nodes[i]["node"]) for i in H]
    steps: dict[str, Callable[[], Any]] = {
        "m_degree": lambda: centrality.degree(H),
        "m_strength": lambda: centrality.strength(H),
        "m_betweenness": lambda: centrality.betweenness(H, backend=backend, seed=seed),
        "m_harmonic": lambda: centrality.harmonic(H, backend=backend, seed=seed),
        "m_eigenvector": lambda: centrality.eigenvector(H, backend=backend, seed=seed),
        "m_pagerank": lambda: centrality.pagerank(H, backend=backend),
        "m_constraint": lambda: brokerage.constraint(H, backend=backend),
        "m_effective_size": lambda: brokerage.effective_size(H, backend=backend),
        "m_core": lambda: resilience.core_number(H, backend=backend),
    }
    measured = {name: fn() for name, fn in steps.items()}
    articulation = resilience.articulation_points(H, backend=backend)
    spans = brokerage.cross_region(H)
    out: dict[str, dict[str, Any]] = {}
    for i, node in enumerate(ids):
        if not node.startswith(PREFIX):
            continue
        values = {name: found.get(i) for name, found in measured.items()}
        values["m_articulation"] = i in articulation
        values["m_regions_spanned"] = spans.get(i, {}).get("regions_spanned", 0)
        values["m_cross_region_share"] = spans.get(i, {}).get("cross_share", 0.0)
        values["m_actors"] = len(H.nodes[i]["actors"])
        out[node.removeprefix(PREFIX)] = values
    return out
