"""Whole-network summary figures."""

import networkx as nx
import pytest

from graph.metrics.summary import summary


def test_path_summary():
    s = summary(nx.path_graph(4))
    assert s["nodes"] == 4 and s["edges"] == 3 and s["components"] == 1
    assert s["diameter"] == 3 and s["paths_exact"]
    assert s["average_path_length"] == pytest.approx(10 / 6)
    assert s["density"] == pytest.approx(0.5)


def test_disconnected_summary_measures_the_largest_component():
    G = nx.disjoint_union(nx.path_graph(3), nx.complete_graph(2))
    G.add_node("alone")
    s = summary(G)
    assert (s["components"], s["largest_component"], s["isolated"]) == (3, 3, 1)
    assert s["diameter"] == 2
    # pairs: path 1,1,2 and the edge 1 → 5/4
    assert s["average_path_length"] == pytest.approx(5 / 4)


def test_empty_graph_is_an_error():
    with pytest.raises(nx.NetworkXPointlessConcept):
        summary(nx.Graph())


def test_a_network_without_ties_has_no_path_figures_and_no_modularity() -> None:
    import datetime as dt

    from graph.metrics.job import RunParams, compute

    G = nx.Graph()
    for pid, country in (("a", "NG"), ("b", "KE")):
        G.add_node(pid, region="AFR", kind="ngo", country=country, sector=None)
    G.graph["negative_only"] = {}
    s = compute(G, RunParams(as_of=dt.date(2026, 1, 1))).summary
    assert (s["nodes"], s["edges"], s["isolated"]) == (2, 0, 2)
    assert s["diameter"] is None and s["average_path_length"] is None
    assert s["modularity"] is None
