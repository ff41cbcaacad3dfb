"""Burt's constraint, effective size and cross-region reach on hand-computable graphs."""

import networkx as nx
import pytest

from graph.metrics import brokerage


def test_star_centre_is_unconstrained_and_leaves_fully_constrained():
    c = brokerage.constraint(nx.star_graph(4), weight=None)
    assert c[0] == pytest.approx(4 * (1 / 4) ** 2)
    assert c[1] == pytest.approx(1.0)


def test_triangle_constraint_includes_the_indirect_tie():
    # p = 1/2 directly, plus 1/2·1/2 through the third: 2·(3/4)² = 9/8.
    c = brokerage.constraint(nx.complete_graph(3), weight=None)
    assert c == pytest.approx(dict.fromkeys(range(3), 9 / 8))


def test_weighted_constraint_uses_tie_shares():
    G = nx.Graph([("a", "b", {"weight": 3.0}), ("a", "c", {"weight": 1.0})])
    assert brokerage.constraint(G)["a"] == pytest.approx(0.75**2 + 0.25**2)


def test_effective_size_star_and_clique():
    assert brokerage.effective_size(nx.star_graph(4)) == pytest.approx(
        {0: 4.0, 1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0})
    assert brokerage.effective_size(nx.complete_graph(4))[0] == pytest.approx(1.0)


def test_effective_size_equals_networkx_on_a_random_graph():
    G = nx.gnm_random_graph(60, 200, seed=3)
    assert brokerage.effective_size(G) == pytest.approx(nx.effective_size(G))


def test_isolated_partners_have_no_constraint_or_effective_size():
    G = nx.star_graph(2)
    G.add_node(9)
    assert 9 not in brokerage.constraint(G)
    assert 9 not in brokerage.effective_size(G)


def test_cross_region_counts_other_regions_and_their_share():
    G = nx.Graph()
    G.add_nodes_from([("x", {"region": "EUR"}), ("y", {"region": "EUR"}),
                      ("z", {"region": "AFR"}), ("w", {"region": "AMS"})])
    G.add_weighted_edges_from([("x", "y", 2.0), ("x", "z", 1.0), ("x", "w", 1.0)])
    spans = brokerage.cross_region(G)
    assert spans["x"] == {"regions_spanned": 2, "cross_share": pytest.approx(0.5)}
    assert spans["y"] == {"regions_spanned": 0, "cross_share": 0.0}
    assert brokerage.cross_region_brokers(G)[0][:2] == ("x", 2)
