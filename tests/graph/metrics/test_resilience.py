"""Single points of failure, cores and withdrawal what-ifs on hand-computable graphs."""

import networkx as nx
import pytest

from graph.metrics import resilience


def test_two_cliques_and_a_bridge():
    G = nx.barbell_graph(4, 0)
    assert resilience.articulation_points(G) == {3, 4}
    assert resilience.bridges(G) == {(3, 4)}


def test_a_star_hangs_on_its_centre():
    assert resilience.articulation_points(nx.star_graph(3)) == {0}
    assert resilience.bridges(nx.star_graph(3)) == {(0, 1), (0, 2), (0, 3)}


def test_per_region_finds_who_holds_a_region_together():
    G = nx.path_graph(5)  # 0–1–2 in EUR, 3–4 in AFR
    nx.set_node_attributes(G, {0: "EUR", 1: "EUR", 2: "EUR", 3: "AFR", 4: "AFR"}, "region")
    found = resilience.per_region(G)
    assert found["EUR"]["articulation_points"] == {1}
    assert found["AFR"]["articulation_points"] == set()
    assert found["AFR"]["bridges"] == {(3, 4)}


def test_core_number_separates_clique_from_pendant():
    G = nx.complete_graph(4)
    G.add_edge(3, 9)
    assert resilience.core_number(G) == {0: 3, 1: 3, 2: 3, 3: 3, 9: 1}


def test_withdrawal_of_the_bridge_partner_splits_the_network():
    G = nx.barbell_graph(4, 1)  # cliques {0..3}, {5..8}, joined through partner 4
    w = resilience.withdrawal(G, 4)
    assert (w["before"].components, w["after"].components) == (1, 2)
    assert (w["before"].connected_pairs, w["after"].connected_pairs) == (36, 12)
    assert w["after"].largest == 4
    assert w["after"].average_path_length == pytest.approx(1.0)
    # Of all partners, only the bridge's withdrawal disconnects anyone.
    splitters = {v for v in G if resilience.withdrawal(G, v)["after"].components > 1}
    assert splitters == {3, 4, 5}
    worst = min(G, key=lambda v: resilience.withdrawal(G, v)["after"].connected_pairs)
    assert worst == 4


def test_withdrawal_of_an_unknown_partner_is_an_error():
    with pytest.raises(nx.NodeNotFound):
        resilience.withdrawal(nx.path_graph(3), "nobody")


def test_average_path_length_of_a_path():
    assert resilience.connectivity(nx.path_graph(4)).average_path_length == pytest.approx(10 / 6)
