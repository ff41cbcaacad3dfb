"""Communities: the blocs (regional, sectoral) that cooperation forms, found by Louvain,
numbered stably from one run to the next and labelled by their leading members and regions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

import networkx as nx

from graph.metrics import _igraph
from graph.metrics.backend import use_igraph

N = TypeVar("N", bound=Hashable)  # a node of the graph


def _numbered(communities: Iterable[set[N]]) -> dict[N, int]:
    """Community 0 is the largest; ties broken by the smallest member id, so labels repeat."""
    ordered = sorted(communities, key=lambda c: (-len(c), min(map(str, c))))
    return {v: i for i, c in enumerate(ordered) for v in c}


def louvain(G: nx.Graph[N], weight: str | None = "weight", seed: int = 42,
            resolution: float = 1.0, backend: str = "auto") -> dict[N, int]:
    """Louvain communities: node → community number (0 = largest).

    Greedy modularity optimisation, Q = 1/2m · Σ_ij (A_ij − γ·k_i·k_j/2m)·δ(c_i, c_j),
    with the seed fixed so the same graph gives the same communities.

    References
    ----------
    Blondel, Guillaume, Lambiotte & Lefebvre (2008), "Fast unfolding of communities in
    large networks", J. Stat. Mech.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> c = louvain(G)
    >>> c[0] == c[3] != c[4] == c[7]
    True
    """
    if G.number_of_nodes() == 0:
        raise nx.NetworkXPointlessConcept("communities of an empty graph are undefined")
    if use_igraph(G, backend):
        found = _igraph.louvain(G, weight, seed, resolution)
    else:
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution,
                                                 seed=seed)
    return _numbered(found)


def modularity(G: nx.Graph[N], membership: dict[N, int],
               weight: str | None = "weight", backend: str = "auto") -> float:
    """Newman's modularity Q of a partition given as node → community number.

    Raises
    ------
    networkx.NetworkXPointlessConcept
        If the graph has no ties (Q divides by their total weight: it is undefined).
    """
    if G.size(weight=weight) == 0:
        raise nx.NetworkXPointlessConcept("modularity of a graph without ties is undefined")
    if use_igraph(G, backend):
        return _igraph.modularity(G, [membership[v] for v in G], weight)
    return nx.community.modularity(G, groups(membership).values(), weight=weight)


def stable_ids(current: Mapping[N, int], previous: Mapping[N, int]) -> dict[N, int]:
    """Renumber a partition so that each community keeps the number of the previous run's
    community it shares the most members with.

    Pairs (current community, previous community) are matched greedily, most shared members
    first (ties: lower current, then lower previous number), each number used once: a
    community that split keeps its number in its larger part, two that merged leave theirs
    to the one that brings more members. A community that shares no member with an
    unmatched previous one gets a new number above every previous one, in the order of
    `current` (0 = largest first).

    Examples
    --------
    >>> stable_ids({"a": 0, "b": 0, "c": 1, "d": 1}, {"c": 4, "d": 4, "a": 7})
    {'a': 7, 'b': 7, 'c': 4, 'd': 4}
    >>> stable_ids({"a": 0, "b": 0, "c": 1}, {"a": 2, "b": 2, "c": 2})
    {'a': 2, 'b': 2, 'c': 3}
    """
    shared: Counter[tuple[int, int]] = Counter(
        (c, previous[v]) for v, c in current.items() if v in previous)
    renumber: dict[int, int] = {}
    used: set[int] = set()
    for (c, p), _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if c not in renumber and p not in used:
            renumber[c] = p
            used.add(p)
    fresh = max(previous.values(), default=-1) + 1
    for c in sorted(set(current.values())):
        if c not in renumber:
            renumber[c] = fresh
            fresh += 1
    return {v: renumber[c] for v, c in current.items()}


def label(leaders: list[str], size: int, regions: list[tuple[str, int]]) -> str:
    """A community's name for people: its leading members, how many more, and the regions
    that hold at least a fifth of its members with a known region.

    Examples
    --------
    >>> label(["AFRIPOL", "Nigeria Police Force"], 12, [("Africa", 9), ("Europe", 2)])
    'AFRIPOL, Nigeria Police Force and 10 more · Africa 82%'
    >>> label(["Europol", "BKA", "NCA"], 3, [("Europe", 2), ("Africa", 1)])
    'Europol, BKA, NCA · Europe 67%, Africa 33%'
    """
    names = ", ".join(leaders)
    if size > len(leaders):
        names += f" and {size - len(leaders)} more"
    counted = sum(n for _, n in regions)
    shares = [f"{name} {round(100 * n / counted)}%" for name, n in regions
              if counted and n / counted >= 0.2]
    return f"{names} · {', '.join(shares)}" if shares else names


def groups(membership: Mapping[N, int]) -> dict[int, set[N]]:
    """Community number → its members."""
    found: dict[int, set[N]] = defaultdict(set)
    for v, c in membership.items():
        found[c].add(v)
    return dict(found)
