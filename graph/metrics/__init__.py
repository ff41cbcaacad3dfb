"""Network metrics: pure functions of the projected partner graph (NetworkX in, plain dicts out).

One module per family: centrality, brokerage, resilience, communities, trust, summary; gaps
are Cypher-backed findings. Heavy kernels (betweenness, Louvain, k-core, constraint) switch
to an igraph adapter above `backend.IGRAPH_THRESHOLD` nodes; `job` runs them all and writes
the results back. docs/METRICS.md gives the equations and references.
"""
