"""Centrality on graphs small enough to work out by hand."""

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.metrics import centrality


def weighted_triangle() -> nx.Graph:
    # a–b and b–c strong (distance 1), a–c weak (distance 4): the short way from a to c is via b.
    G = nx.Graph()
    for u, v, w in [("a", "b", 1.0), ("b", "c", 1.0), ("a", "c", 0.25)]:
        G.add_edge(u, v, weight=w, distance=1 / w)
    return G


def test_star_centre_has_every_tie_and_every_shortest_path():
    G = nx.star_graph(4)
    assert centrality.degree(G) == {0: 4, 1: 1, 2: 1, 3: 1, 4: 1}
    b = centrality.betweenness(G, distance=None)
    assert b[0] == pytest.approx(1.0)
    assert all(b[leaf] == 0 for leaf in range(1, 5))


def test_star_harmonic_counts_leaves_two_hops_apart():
    h = centrality.harmonic(nx.star_graph(4), distance=None)
    assert h[0] == pytest.approx(1.0)
    assert h[1] == pytest.approx((1 + 3 * 0.5) / 4)


def test_star_eigenvector_is_the_known_closed_form():
    ev = centrality.eigenvector(nx.star_graph(4), weight=None)
    assert ev[0] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert ev[1] == pytest.approx(1 / math.sqrt(8), abs=1e-6)


def test_path_betweenness_and_harmonic():
    G = nx.path_graph(4)
    b = centrality.betweenness(G, distance=None)
    assert b == pytest.approx({0: 0.0, 1: 2 / 3, 2: 2 / 3, 3: 0.0})
    h = centrality.harmonic(G, distance=None)
    assert h[0] == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)


def test_weighted_triangle_routes_through_the_strong_ties():
    G = weighted_triangle()
    assert centrality.strength(G) == pytest.approx({"a": 1.25, "b": 2.0, "c": 1.25})
    b = centrality.betweenness(G)
    assert b == pytest.approx({"a": 0.0, "b": 1.0, "c": 0.0})
    assert centrality.betweenness(G, distance=None)["b"] == 0.0  # by hops a–c is direct


def test_bridge_end_carries_every_path_between_the_cliques():
    G = nx.barbell_graph(4, 0)  # cliques {0..3} and {4..7}, bridge 3–4
    b = centrality.betweenness(G, distance=None)
    # 3 lies on all 3×4 paths from {0,1,2} to {4..7}: 12 of the 21 pairs not involving it.
    assert b[3] == pytest.approx(12 / 21)
    assert b[0] == pytest.approx(0.0)


def test_eigenvector_per_component_on_a_disconnected_graph():
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4)])
    G.add_node(5)
    ev = centrality.eigenvector(G, weight=None)
    # Each component's squared norm is its share of the partners; the isolated one gets 0.
    assert sum(x * x for x in ev.values()) == pytest.approx(5 / 6)
    assert ev[0] == pytest.approx(ev[1]) == pytest.approx(math.sqrt(3 / 6) / math.sqrt(3))
    assert ev[3] == pytest.approx(math.sqrt(2 / 6) / math.sqrt(2))
    assert ev[5] == 0.0


def test_eigenvector_matches_networkx_on_a_connected_graph():
    G = nx.karate_club_graph()
    ours = centrality.eigenvector(G, weight="weight")
    ref = nx.eigenvector_centrality(G, weight="weight", max_iter=10_000, tol=1e-12)
    assert ours == pytest.approx(ref, abs=1e-6)


def test_pagerank_is_uniform_on_a_regular_graph_and_sums_to_one():
    pr = centrality.pagerank(nx.cycle_graph(5))
    assert pr == pytest.approx(dict.fromkeys(range(5), 0.2))
    assert sum(centrality.pagerank(nx.star_graph(3)).values()) == pytest.approx(1.0)


def test_an_empty_graph_is_an_error_not_zeros():
    with pytest.raises(nx.NetworkXPointlessConcept):
        centrality.degree(nx.Graph())
    with pytest.raises(nx.NetworkXPointlessConcept):
        centrality.betweenness(nx.Graph())


@settings(max_examples=300, deadline=None)
@given(st.integers(3, 200_000), st.integers(0, 5_000_000), st.integers(0, 200_000),
       st.integers(0, 5_000_000))
def test_the_sampled_kernels_never_do_less_work_on_a_larger_graph(n, m, dn, dm) -> None:
    def work(n: int, m: int) -> int:
        k = centrality.source_count(n, m)
        return (n if k is None else k) * m

    # Within one search (m + dm steps): sources come whole.
    assert work(n, m) <= work(n + dn, m + dm) + m + dm


def test_a_graph_just_past_the_exact_budget_is_sampled_with_as_many_sources_as_it_buys() -> None:
    n, m = 5_000, 65_000  # n·m = 3.25·10⁸
    assert centrality.source_count(n, m) == -(-centrality.EXACT_WORK // m)
    assert centrality.source_count(1_000, 50_000) is None
    assert centrality.source_count(400, 10**9) is None  # the floor would sample every node
