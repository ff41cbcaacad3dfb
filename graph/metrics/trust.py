"""Trust: a direct, explainable score per tied pair, and trust propagated from seed partners.

Direct trust is a Beta / subjective-logic opinion built from the evidence the projection
keeps on each edge. Every shared agreement or activity k adds evidence

    e_k = base_k / √(n_k − 1)        (base_k = w_kind·(1+β·binding)·σ·√(ρ_i·ρ_j))

to r (positive) or, for a terminated agreement, to s (negative). Then, with prior weight W
and base rate a,

    T = (r + W·a) / (r + s + W),     U = W / (r + s + W).

T splits exactly into shares that sum to it: e_k/(r+s+W) per positive item and the prior
W·a/(r+s+W); negative items have share 0 and show their weight as `against`.
Propagated trust is EigenTrust: personalised PageRank on the local trust max(r − s, 0),
teleporting (and sending dangling mass) to the seed partners.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

from graph.projection import Evidence

PRIOR_WEIGHT = 2.0  # W: how much evidence it takes to move away from the base rate
BASE_RATE = 0.5  # a: trust in a partner we know nothing about


@dataclass(frozen=True)
class Component:
    """One agreement or activity's part in a direct trust score."""

    id: str
    source: str
    kind: str
    evidence: float
    share: float
    negative: bool


@dataclass(frozen=True)
class DirectTrust:
    score: float
    uncertainty: float
    positive: float
    negative: float
    prior: float
    components: tuple[Component, ...]

    def explain(self) -> list[dict[str, object]]:
        """The shares behind `score`, largest first, then the prior; they sum to `score`."""
        items = sorted(self.components, key=lambda c: (-c.share, -c.evidence, c.id))
        rows: list[dict[str, object]] = [
            {"id": c.id, "source": c.source, "kind": c.kind, "share": c.share,
             "against": c.evidence if c.negative else 0.0} for c in items]
        rows.append({"id": None, "source": "prior", "kind": "base_rate", "share": self.prior,
                     "against": 0.0})
        return rows


def evidence_weight(item: Evidence) -> float:
    """e_k = base / √(n − 1): multilateral instruments count less per pair, but less steeply
    than the projection's 1/(n − 1) (a 60-party convention gives 0.13 per pair)."""
    return item.base / math.sqrt(item.n - 1)


def opinion(evidence: Iterable[Evidence], prior_weight: float = PRIOR_WEIGHT,
            base_rate: float = BASE_RATE) -> DirectTrust:
    """The Beta opinion from one pair's evidence, with its components.

    Examples
    --------
    >>> t = opinion([Evidence("a1", "agreement", "data_sharing", 2, 2.0)])
    >>> round(t.score, 6), round(t.uncertainty, 6)
    (0.75, 0.5)
    >>> round(sum(row["share"] for row in t.explain()), 12)
    0.75
    """
    items = list(evidence)
    weights = [evidence_weight(e) for e in items]
    r = math.fsum(w for e, w in zip(items, weights, strict=True) if not e.negative)
    s = math.fsum(w for e, w in zip(items, weights, strict=True) if e.negative)
    total = r + s + prior_weight
    components = tuple(
        Component(e.id, e.source, e.kind, w, 0.0 if e.negative else w / total, e.negative)
        for e, w in zip(items, weights, strict=True))
    return DirectTrust(score=(r + prior_weight * base_rate) / total,
                       uncertainty=prior_weight / total, positive=r, negative=s,
                       prior=prior_weight * base_rate / total, components=components)


def direct_trust(G: nx.Graph, prior_weight: float = PRIOR_WEIGHT,
                 base_rate: float = BASE_RATE) -> dict[tuple[Hashable, Hashable], DirectTrust]:
    """Direct trust for every pair with evidence: the graph's edges and the pairs in
    ``G.graph["negative_only"]``. Keys are the (u, v) pairs as the graph holds them; the
    score is symmetric because shared agreements and activities are.

    References
    ----------
    Jøsang & Ismail (2002), "The Beta Reputation System"; Jøsang (2001), "A logic for
    uncertain probabilities".
    """
    pairs = {(u, v): d.get("evidence", ()) for u, v, d in G.edges(data=True)}
    pairs.update(G.graph.get("negative_only", {}))
    return {pair: opinion(ev, prior_weight, base_rate) for pair, ev in pairs.items()}


def local_trust(direct: dict[tuple[Hashable, Hashable], DirectTrust]) -> nx.DiGraph:
    """EigenTrust's local trust graph: both directions of each pair, weight max(r − s, 0)."""
    D = nx.DiGraph()
    for (u, v), t in direct.items():
        local = max(t.positive - t.negative, 0.0)
        if local > 0:
            D.add_edge(u, v, local=local)
            D.add_edge(v, u, local=local)
    return D


def propagated_trust(G: nx.Graph, direct: dict[tuple[Hashable, Hashable], DirectTrust],
                     seeds: Iterable[Hashable] = (), alpha: float = 0.85) -> dict[Hashable, float]:
    """Global trust from pre-trusted seeds (EigenTrust): t ← α·Cᵀt + (1−α)·p.

    C is the local trust normalised per truster; p is uniform over `seeds` (over all
    partners when none are given). A partner with no opinions trusts the seeds (dangling
    mass goes to p), as in EigenTrust. Sums to 1 over all partners of `G`.

    Raises
    ------
    networkx.NodeNotFound
        If a seed is not in the graph.

    References
    ----------
    Kamvar, Schlosser & Garcia-Molina (2003), "The EigenTrust algorithm for reputation
    management in P2P networks", WWW.
    """
    seeds = sorted(set(seeds), key=str)
    missing = [s for s in seeds if s not in G]
    if missing:
        raise nx.NodeNotFound(f"seed partner(s) not in the graph: {', '.join(map(str, missing))}")
    D = local_trust(direct)
    D.add_nodes_from(G)
    p = {v: (1.0 if v in set(seeds) else 0.0) for v in D} if seeds else None
    return nx.pagerank(D, alpha=alpha, personalization=p, dangling=p, weight="local",
                       tol=1e-12, max_iter=1000)


def perspective_trust(G: nx.Graph, direct: dict[tuple[Hashable, Hashable], DirectTrust],
                      source: Hashable, alpha: float = 0.85) -> dict[Hashable, float]:
    """"How far does `source`'s network vouch for each partner": EigenTrust seeded at one."""
    return propagated_trust(G, direct, [source], alpha)


@dataclass(frozen=True)
class TrustPath:
    """The most trusted chain from one partner to another, with the trust it carries."""

    path: tuple[Hashable, ...]
    product: float
    belief: float
    uncertainty: float


def trust_path(G: nx.Graph, direct: dict[tuple[Hashable, Hashable], DirectTrust],
               source: Hashable, target: Hashable) -> TrustPath:
    """The chain maximising Π T along it (shortest path with cost −ln T), and its opinion
    composed hop by hop with subjective logic's discount operator, so uncertainty grows
    with each hop (b = b_AB·b_Bx, u = d_AB + u_AB + b_AB·u_Bx).

    Raises
    ------
    networkx.NetworkXNoPath
        If no chain of trust joins them.
    """
    cost = {frozenset(pair): -math.log(t.score) for pair, t in direct.items() if pair in G.edges}
    path = nx.shortest_path(G, source, target,
                            weight=lambda u, v, _: cost[frozenset((u, v))])
    hops = [direct[(u, v)] if (u, v) in direct else direct[(v, u)]
            for u, v in zip(path, path[1:])]
    total = [t.positive + t.negative + PRIOR_WEIGHT for t in hops]
    opinions = [(t.positive / n, t.negative / n, t.uncertainty) for t, n in zip(hops, total)]
    belief, disbelief, uncertainty = opinions[0]
    for b, d, u in opinions[1:]:
        belief, disbelief, uncertainty = belief * b, belief * d, disbelief + uncertainty + belief * u
    product = math.prod(t.score for t in hops)
    return TrustPath(tuple(path), product, belief, uncertainty)


def top_trusted(direct: dict[tuple[Hashable, Hashable], DirectTrust],
                k: int) -> list[tuple[Hashable, Hashable, DirectTrust]]:
    """For every partner, its k most trusted partners (ordered truster, trustee, opinion)."""
    by_truster: dict[Hashable, list[tuple[Hashable, DirectTrust]]] = {}
    for (u, v), t in direct.items():
        by_truster.setdefault(u, []).append((v, t))
        by_truster.setdefault(v, []).append((u, t))
    result = []
    for truster in sorted(by_truster, key=str):
        ranked = sorted(by_truster[truster], key=lambda vt: (-vt[1].score, str(vt[0])))
        result.extend((truster, trustee, t) for trustee, t in ranked[:k])
    return result
