"""The igraph path gives NetworkX's answers (within floating-point tolerance)."""

import random

import igraph as ig
import networkx as nx
import pytest

from graph.metrics import brokerage, centrality, communities, resilience
from graph.metrics.backend import IGRAPH_THRESHOLD, UnknownBackend, use_igraph


@pytest.fixture(scope="module")
def random_graph() -> nx.Graph:
    G = nx.powerlaw_cluster_graph(400, 3, 0.3, seed=11)
    G.add_nodes_from(["lonely"])
    rng = random.Random(5)
    for _, _, d in G.edges(data=True):
        # Dyadic weights: path lengths add up exactly, so equal-length paths tie in both
        # libraries (igraph compares lengths with a tolerance, NetworkX exactly).
        d["weight"] = rng.choice([0.25, 0.5, 1.0, 2.0, 4.0])
        d["distance"] = 1 / d["weight"]
    return G


def test_betweenness_igraph_equals_networkx(random_graph):
    ours = centrality.betweenness(random_graph, backend="igraph")
    ref = centrality.betweenness(random_graph, backend="networkx")
    assert ours == pytest.approx(ref, abs=1e-9)


def test_harmonic_igraph_equals_networkx(random_graph):
    assert centrality.harmonic(random_graph, backend="igraph") == pytest.approx(
        centrality.harmonic(random_graph, backend="networkx"), abs=1e-9)


def test_constraint_igraph_equals_networkx(random_graph):
    assert brokerage.constraint(random_graph, backend="igraph") == pytest.approx(
        brokerage.constraint(random_graph, backend="networkx"), abs=1e-9)


def test_effective_size_igraph_equals_networkx(random_graph):
    assert brokerage.effective_size(random_graph, backend="igraph") == pytest.approx(
        nx.effective_size(nx.Graph(random_graph.edges())), abs=1e-9)


def test_core_number_igraph_equals_networkx(random_graph):
    assert resilience.core_number(random_graph, backend="igraph") == \
        resilience.core_number(random_graph, backend="networkx")


def test_articulation_points_and_bridges_igraph_equal_networkx(random_graph):
    assert resilience.articulation_points(random_graph, "igraph") == \
        resilience.articulation_points(random_graph, "networkx")
    assert resilience.bridges(random_graph, "igraph") == \
        resilience.bridges(random_graph, "networkx")


@pytest.mark.parametrize("sampled", [False, True])
def test_path_lengths_igraph_equal_networkx(random_graph, monkeypatch, sampled):
    if sampled:
        monkeypatch.setattr(resilience, "EXACT_PATH_WORK", 10)
        monkeypatch.setattr(resilience, "EXACT_PATH_WORK_NETWORKX", 10)
        monkeypatch.setattr(resilience, "PATH_LENGTH_SAMPLES", 40)
    a = resilience.connectivity(random_graph, seed=3, backend="igraph")
    b = resilience.connectivity(random_graph, seed=3, backend="networkx")
    assert a.exact is b.exact is (not sampled)
    assert a.average_path_length == pytest.approx(b.average_path_length)
    assert (a.diameter, a.components, a.connected_pairs) == (
        b.diameter, b.components, b.connected_pairs)


def test_pagerank_and_eigenvector_paths_agree(random_graph):
    assert centrality.pagerank(random_graph, backend="igraph") == pytest.approx(
        centrality.pagerank(random_graph, backend="networkx"), abs=1e-8)
    G = nx.disjoint_union(random_graph, nx.karate_club_graph())
    assert centrality.eigenvector(G, backend="igraph") == pytest.approx(
        centrality.eigenvector(G, backend="networkx"), abs=1e-12)


def test_per_region_igraph_equals_networkx(random_graph):
    G = random_graph.copy()
    nx.set_node_attributes(G, {v: ["EUR", "AFR", "ASP"][i % 3] for i, v in enumerate(G)},
                           "region")
    assert resilience.per_region(G, "igraph") == resilience.per_region(G, "networkx")


def test_pagerank_equals_igraph(random_graph):
    nodes = list(random_graph)
    g = ig.Graph(n=len(nodes), edges=[(nodes.index(u), nodes.index(v))
                                      for u, v in random_graph.edges()])
    g.es["weight"] = [d["weight"] for _, _, d in random_graph.edges(data=True)]
    ref = dict(zip(nodes, g.pagerank(weights="weight", damping=0.85), strict=True))
    assert centrality.pagerank(random_graph) == pytest.approx(ref, abs=1e-8)


def test_louvain_modularity_igraph_close_to_networkx(random_graph):
    q_ig = communities.modularity(
        random_graph, communities.louvain(random_graph, seed=1, backend="igraph"))
    q_nx = communities.modularity(
        random_graph, communities.louvain(random_graph, seed=1, backend="networkx"))
    assert q_ig == pytest.approx(q_nx, abs=0.02)


def test_igraph_louvain_is_reproducible(random_graph):
    a = communities.louvain(random_graph, seed=3, backend="igraph")
    assert a == communities.louvain(random_graph, seed=3, backend="igraph")


def test_sampled_betweenness_is_scaled_like_networkx(random_graph, monkeypatch):
    monkeypatch.setattr(centrality, "EXACT_WORK", 100)
    monkeypatch.setattr(centrality, "MIN_SAMPLES", 50)
    ours = centrality.betweenness(random_graph, backend="igraph", seed=2)
    ref = centrality.betweenness(random_graph, backend="networkx", seed=2)
    assert ours == pytest.approx(ref, abs=1e-9)


def test_sampled_harmonic_igraph_equals_networkx_and_estimates_the_exact(random_graph,
                                                                         monkeypatch):
    exact = centrality.harmonic(random_graph, backend="networkx")
    monkeypatch.setattr(centrality, "EXACT_WORK", 100)
    monkeypatch.setattr(centrality, "MIN_SAMPLES", 200)
    ours = centrality.harmonic(random_graph, backend="igraph", seed=2)
    assert ours == pytest.approx(centrality.harmonic(random_graph, backend="networkx", seed=2),
                                 abs=1e-9)
    # Half the partners as sources: within 10 % of the exact value for the connected ones.
    assert all(ours[v] == pytest.approx(exact[v], rel=0.1) for v in random_graph
               if v != "lonely")


def test_auto_switches_on_size_and_names_are_checked():
    assert not use_igraph(nx.path_graph(3))
    assert use_igraph(nx.path_graph(IGRAPH_THRESHOLD))
    with pytest.raises(UnknownBackend):
        use_igraph(nx.path_graph(3), "networkit")


def test_igraph_eigenvector_equals_networkx_on_a_connected_graph(random_graph):
    G = random_graph.subgraph(n for n in random_graph if n != "lonely")
    ours = centrality.eigenvector(G, backend="igraph")
    ref = nx.eigenvector_centrality(G, weight="weight", max_iter=10_000, tol=1e-13)
    assert ours == pytest.approx(ref, abs=1e-9)


def test_igraph_eigenvector_repeats_bit_for_bit(random_graph):
    # igraph's ARPACK restarts draw random numbers; the seeded RNG makes runs repeat.
    first = centrality.eigenvector(random_graph, backend="igraph", seed=3)
    random.random()
    assert centrality.eigenvector(random_graph, backend="igraph", seed=3) == first


@pytest.mark.parametrize("backend", ["igraph", "networkx"])
def test_eigenvector_of_many_small_components_equals_networkx_per_component(backend):
    # Components of 2 to 40 partners: the batched dense solve and ARPACK, one answer.
    rng = random.Random(2)
    G = nx.Graph()
    for size in [2, 2, 3, 3, 3, 5, 8, 8, 33, 40]:
        shape = (nx.connected_watts_strogatz_graph(size, 2, 0.5, seed=size) if size > 3
                 else nx.path_graph(size))
        part = nx.relabel_nodes(shape, {i: (len(G), i) for i in shape})
        for _, _, d in part.edges(data=True):
            d["weight"] = rng.choice([0.5, 1.0, 3.0])
        G.update(part)
    G.add_node("alone")
    ours = centrality.eigenvector(G, backend=backend)
    n = G.number_of_nodes()
    for nodes in nx.connected_components(G):
        if len(nodes) == 1:
            assert ours[next(iter(nodes))] == 0.0
            continue
        ref = nx.eigenvector_centrality(G.subgraph(nodes), weight="weight", max_iter=10_000,
                                        tol=1e-13)
        scale = (len(nodes) / n) ** 0.5
        assert {v: ours[v] for v in nodes} == pytest.approx(
            {v: x * scale for v, x in ref.items()}, abs=1e-9)


def test_modularity_igraph_equals_networkx_for_the_same_partition(random_graph):
    c = communities.louvain(random_graph, backend="networkx", seed=1)
    assert communities.modularity(random_graph, c, backend="igraph") == pytest.approx(
        communities.modularity(random_graph, c, backend="networkx"), abs=1e-12)
