"""Direct trust (Beta / subjective logic) and propagated trust (EigenTrust)."""

import math

import networkx as nx
import pytest

from graph.metrics import trust
from graph.projection import Evidence


def ev(id_, base, n=2, negative=False, kind="mou"):
    return Evidence(id_, "agreement", kind, n, base, negative)


def tied(*edges):
    G = nx.Graph()
    for u, v, items in edges:
        G.add_edge(u, v, evidence=tuple(items),
                   weight=sum(i.contribution for i in items) or 1.0)
    return G


def test_bilateral_evidence_gives_the_beta_expectation():
    # r = 2/√1 = 2, s = 0, W = 2, a = 0.5 → T = 3/4, U = 1/2.
    t = trust.opinion([ev("a1", 2.0)])
    assert (t.score, t.uncertainty) == pytest.approx((0.75, 0.5))


def test_multilateral_evidence_is_diluted_by_root_n_minus_one():
    t = trust.opinion([ev("conv", 1.0, n=5)])
    r = 1.0 / math.sqrt(4)
    assert t.positive == pytest.approx(r)
    assert t.score == pytest.approx((r + 1.0) / (r + 2.0))


def test_negative_evidence_lowers_trust_below_the_base_rate():
    t = trust.opinion([ev("gone", 2.0, negative=True)])
    assert t.score == pytest.approx(1.0 / 4.0)
    assert t.negative == pytest.approx(2.0)


def test_explanation_shares_sum_to_the_score():
    t = trust.opinion([ev("a1", 0.9), ev("x1", 0.4, n=4), ev("t1", 0.5, negative=True)])
    rows = t.explain()
    assert sum(r["share"] for r in rows) == pytest.approx(t.score, abs=1e-12)
    assert rows[0]["id"] == "a1" and rows[-1]["source"] == "prior"
    assert next(r for r in rows if r["id"] == "t1")["against"] == pytest.approx(0.5)


def test_no_evidence_is_the_base_rate_with_full_uncertainty():
    t = trust.opinion([])
    assert (t.score, t.uncertainty) == (0.5, 1.0)


def test_direct_trust_covers_edges_and_negative_only_pairs():
    G = tied(("a", "b", [ev("a1", 1.0)]))
    G.add_node("c")
    G.graph["negative_only"] = {("a", "c"): (ev("t1", 1.0, negative=True),)}
    direct = trust.direct_trust(G)
    assert set(direct) == {("a", "b"), ("a", "c")}
    assert direct[("a", "b")].score > 0.5 > direct[("a", "c")].score


def test_propagated_trust_flows_from_the_seed_along_trusted_ties():
    G = tied(("s", "a", [ev("1", 2.0)]), ("a", "b", [ev("2", 2.0)]),
             ("x", "y", [ev("3", 2.0)]))
    direct = trust.direct_trust(G)
    t = trust.propagated_trust(G, direct, seeds=["s"])
    assert sum(t.values()) == pytest.approx(1.0)
    assert t["a"] > t["b"] > 0 and t["s"] > t["b"]  # a, tied both ways, collects most
    assert t["x"] == pytest.approx(0.0, abs=1e-9) and t["y"] == pytest.approx(0.0, abs=1e-9)


def test_propagated_trust_is_eigentrust():
    # EigenTrust by hand: t ← 0.85·Cᵀt + 0.15·p, C row-normalised local trust.
    G = nx.Graph()
    G.add_edge("a", "b", evidence=(ev("1", 2.0),), weight=1.0)
    G.add_edge("b", "c", evidence=(ev("2", 1.0),), weight=1.0)
    G.add_edge("a", "c", evidence=(ev("3", 0.5),), weight=1.0)
    direct = trust.direct_trust(G)
    local = {(u, v): max(t.positive - t.negative, 0) for (u, v), t in direct.items()}
    local.update({(v, u): w for (u, v), w in list(local.items())})
    nodes = ["a", "b", "c"]
    p = {"a": 1.0, "b": 0.0, "c": 0.0}
    t = dict(p)
    for _ in range(500):
        out = {i: sum(w for (u, _v), w in local.items() if u == i) for i in nodes}
        t = {j: 0.85 * sum(t[i] * local.get((i, j), 0) / out[i] for i in nodes) + 0.15 * p[j]
             for j in nodes}
    assert trust.propagated_trust(G, direct, seeds=["a"]) == pytest.approx(t, abs=1e-9)


def test_unknown_seed_is_an_error():
    G = tied(("a", "b", [ev("1", 1.0)]))
    with pytest.raises(nx.NodeNotFound):
        trust.propagated_trust(G, trust.direct_trust(G), seeds=["zz"])


def test_trust_path_takes_the_most_trusted_chain_and_grows_uncertainty():
    G = tied(("a", "b", [ev("1", 4.0)]), ("b", "c", [ev("2", 4.0)]),
             ("a", "c", [ev("3", 0.1)]))
    direct = trust.direct_trust(G)
    p = trust.trust_path(G, direct, "a", "c")
    assert p.path == ("a", "b", "c")
    ab = direct[("a", "b")]
    assert p.product == pytest.approx(ab.score * direct[("b", "c")].score)
    assert p.uncertainty > ab.uncertainty


def test_top_trusted_keeps_k_per_truster():
    G = tied(("a", "b", [ev("1", 3.0)]), ("a", "c", [ev("2", 1.0)]), ("a", "d", [ev("3", 2.0)]))
    top = trust.top_trusted(trust.direct_trust(G), k=2)
    assert [(u, v) for u, v, _ in top if u == "a"] == [("a", "b"), ("a", "d")]
    assert sum(1 for u, _, _ in top if u == "b") == 1


@pytest.mark.parametrize("seeds", [[], ["p3", "p17"]])
def test_propagated_trust_equals_networkx_pagerank_on_the_local_trust_graph(seeds):
    G = nx.relabel_nodes(nx.gnm_random_graph(60, 90, seed=8), lambda i: f"p{i}")
    for i, (_, _, d) in enumerate(G.edges(data=True)):
        d["evidence"] = (ev(f"g{i}", 0.2 + i % 5, n=2 + i % 4, negative=i % 11 == 0),)
    G.add_nodes_from(["alone", "distrusted"])  # dangling: no opinions either way
    G.graph["negative_only"] = {("p0", "distrusted"): (ev("t", 1.0, negative=True),)}
    direct = trust.direct_trust(G)
    D = trust.local_trust(direct)
    D.add_nodes_from(G)
    p = {v: float(v in seeds) for v in D} if seeds else None
    ref = nx.pagerank(D, alpha=0.85, personalization=p, dangling=p, weight="local", tol=1e-12,
                      max_iter=1000)
    assert trust.propagated_trust(G, direct, seeds) == pytest.approx(ref, abs=1e-12)
