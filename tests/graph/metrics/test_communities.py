"""Louvain on two cliques joined by a bridge: the answer is known, and it repeats."""

import networkx as nx
import pytest

from graph.metrics import communities


def test_two_cliques_are_two_communities_with_the_known_modularity():
    G = nx.barbell_graph(4, 0)
    c = communities.louvain(G, weight=None)
    assert {c[v] for v in range(4)} == {c[0]} and {c[v] for v in range(4, 8)} == {c[4]}
    assert c[0] != c[4]
    # Q = Σ_c L_c/m − (d_c/2m)², m = 13, L_c = 6, d_c = 13.
    assert communities.modularity(G, c, weight=None) == pytest.approx(2 * (6 / 13 - 0.25))


def test_same_seed_same_communities():
    G = nx.les_miserables_graph()
    assert communities.louvain(G, seed=7) == communities.louvain(G, seed=7)


def test_labels_are_numbered_largest_first():
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(5))
    c = communities.louvain(G)
    assert c[3] == 0 and c[0] == 1
