"""`compute` is a pure function: same graph and params, same numbers — even across processes
with different string hashing."""

import datetime as dt
import json
import os
import subprocess
import sys

import networkx as nx
import pytest

from graph.metrics.job import RunParams, compute

SCRIPT = """
import datetime as dt, json, random
import networkx as nx
from graph.metrics.job import RunParams, compute
from graph.projection import Evidence
G = nx.relabel_nodes(nx.powerlaw_cluster_graph(120, 3, 0.4, seed=4), lambda i: f"p{i:03d}")
rng = random.Random(1)
for i, v in enumerate(G):
    G.nodes[v]["region"] = ["EUR", "AFR", "ASP"][i % 3]
for u, v, d in G.edges(data=True):
    base = rng.choice([0.3, 0.7, 1.0])
    d["evidence"] = (Evidence(f"g-{u}-{v}", "agreement", "mou", 2, base),)
    d["weight"] = base
    d["distance"] = 1 / base
r = compute(G, RunParams(as_of=dt.date(2025, 1, 1), seeds=("p000",), backend=BACKEND))
print(json.dumps([r.values, r.trusts], sort_keys=True))
"""


@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_identical_results_across_processes(backend):
    outputs = []
    for hashseed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        code = SCRIPT.replace("BACKEND", repr(backend))
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, check=True, timeout=120)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    values, _ = json.loads(outputs[0])
    assert len(values) == 120


def test_unknown_seed_fails_before_any_heavy_work():
    G = nx.path_graph(["a", "b"])
    with pytest.raises(nx.NodeNotFound, match="zz"):
        compute(G, RunParams(as_of=dt.date(2025, 1, 1), seeds=("zz",)))
