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
from typing import NamedTuple, TypeVar

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.projection import Evidence

N = TypeVar("N", bound=Hashable)  # a node of the graph

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


class DirectTrust(NamedTuple):
    """One pair's opinion. Its `components` are derived from `evidence` when asked for
    (the job explains only the ties it stores, not every pair). A named tuple, because the
    job makes one per tie (over a million at 100k partners) and a tuple is built fastest."""

    score: float
    uncertainty: float
    positive: float
    negative: float
    prior: float
    evidence: tuple[Evidence, ...] = ()
    prior_weight: float = PRIOR_WEIGHT

    @property
    def components(self) -> tuple[Component, ...]:
        """Each item's evidence and share of `score` (0 for negative items)."""
        total = self.positive + self.negative + self.prior_weight
        return tuple(
            Component(e.id, e.source, e.kind, w, 0.0 if e.negative else w / total, e.negative)
            for e, w in ((e, evidence_weight(e)) for e in self.evidence))

    def explain(self) -> list[dict[str, object]]:
        """The shares behind `score`, largest first, then the prior; they sum to `score`."""
        total = self.positive + self.negative + self.prior_weight
        items = []
        for e in self.evidence:  # as `components`, without building them (the job's hot path)
            w = evidence_weight(e)
            items.append((0.0 if e.negative else w / total, w, e))
        items.sort(key=lambda item: (-item[0], -item[1], item[2].id))
        rows: list[dict[str, object]] = [
            {"id": e.id, "source": e.source, "kind": e.kind, "share": share,
             "against": w if e.negative else 0.0} for share, w, e in items]
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
    items = tuple(evidence)
    if len(items) == 1:  # most pairs: one shared group (fsum of one value is that value)
        w = evidence_weight(items[0])
        r, s = (0.0, w) if items[0].negative else (w, 0.0)
    else:
        weights = [evidence_weight(e) for e in items]
        r = math.fsum(w for e, w in zip(items, weights, strict=True) if not e.negative)
        s = math.fsum(w for e, w in zip(items, weights, strict=True) if e.negative)
    total = r + s + prior_weight
    return DirectTrust((r + prior_weight * base_rate) / total, prior_weight / total, r, s,
                       prior_weight * base_rate / total, items, prior_weight)


def direct_trust(G: nx.Graph[N], prior_weight: float = PRIOR_WEIGHT,
                 base_rate: float = BASE_RATE) -> dict[tuple[N, N], DirectTrust]:
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


def local_trust(direct: dict[tuple[N, N], DirectTrust]) -> nx.DiGraph[N]:
    """EigenTrust's local trust graph: both directions of each pair, weight max(r − s, 0)."""
    D: nx.DiGraph[N] = nx.DiGraph()
    for (u, v), t in direct.items():
        local = max(t.positive - t.negative, 0.0)
        if local > 0:
            D.add_edge(u, v, local=local)
            D.add_edge(v, u, local=local)
    return D


def propagated_trust(G: nx.Graph[N], direct: dict[tuple[N, N], DirectTrust],
                     seeds: Iterable[N] = (), alpha: float = 0.85) -> dict[N, float]:
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
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    rows, cols, local = [], [], []
    for (u, v), t in direct.items():
        value = t.positive - t.negative
        if value > 0:
            rows.append(index[u])
            cols.append(index[v])
            local.append(value)
    n = len(nodes)
    C = sp.csr_array((np.concatenate((local, local)),
                      (np.concatenate((rows, cols)), np.concatenate((cols, rows)))),
                     shape=(n, n))
    if seeds:
        p = np.zeros(n)
        p[[index[s] for s in seeds]] = 1.0 / len(seeds)
    else:
        p = np.full(n, 1.0 / n)
    return dict(zip(nodes, _eigentrust(C, p, alpha).tolist(), strict=True))


def _eigentrust(C: sp.csr_array, p: np.ndarray, alpha: float, tol: float = 1e-12,
                max_iter: int = 1000) -> np.ndarray:
    """Power iteration t ← α·(Cᵀt + dangling mass·p) + (1−α)·p with C row-normalised, as
    `nx.pagerank(D, personalization=p, dangling=p)` does it (same stopping rule: the
    l1 change below n·tol)."""
    n = C.shape[0]
    out = np.asarray(C.sum(axis=1)).ravel()
    dangling = np.nonzero(out == 0)[0]
    scale = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    C = sp.csr_array(sp.dia_array((scale[np.newaxis, :], 0), shape=(n, n)) @ C)
    t: np.ndarray = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = t
        t = alpha * (t @ C + t[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(t - last).sum() < n * tol:
            return t
    raise nx.PowerIterationFailedConvergence(max_iter)


@dataclass(frozen=True)
class TrustPath:
    """The most trusted chain from one partner to another, with the trust it carries."""

    path: tuple[Hashable, ...]
    product: float
    belief: float
    uncertainty: float


def trust_path(G: nx.Graph[N], direct: dict[tuple[N, N], DirectTrust],
               source: N, target: N) -> TrustPath:
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


def top_trusted(direct: dict[tuple[N, N], DirectTrust],
                k: int) -> list[tuple[N, N, DirectTrust]]:
    """For every partner, its k most trusted partners (ordered truster, trustee, opinion).

    Trusters in the order of `str`, each one's partners by score (highest first), ties by
    `str` of the trustee. One numpy sort over both directions of every pair.
    """
    pairs = list(direct.items())
    first_seen: dict[N, int] = {}
    for (a, b), _ in pairs:
        first_seen.setdefault(a, len(first_seen))
        first_seen.setdefault(b, len(first_seen))
    nodes = list(first_seen)
    rank = np.empty(len(nodes), dtype=np.int64)  # place in str order (stable for equal str)
    rank[[first_seen[v] for v in sorted(nodes, key=str)]] = np.arange(len(nodes))
    m = len(pairs)
    u = np.fromiter((first_seen[a] for (a, _), _ in pairs), dtype=np.int64, count=m)
    v = np.fromiter((first_seen[b] for (_, b), _ in pairs), dtype=np.int64, count=m)
    score = np.fromiter((t.score for _, t in pairs), dtype=float, count=m)
    truster, trustee = np.concatenate((u, v)), np.concatenate((v, u))
    pair = np.concatenate((np.arange(m), np.arange(m)))
    order = np.lexsort((pair, rank[trustee], -np.concatenate((score, score)), rank[truster]))
    group = rank[truster][order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    place = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return [(nodes[truster[j]], nodes[trustee[j]], pairs[pair[j]][1])
            for j in order[place < k].tolist()]
