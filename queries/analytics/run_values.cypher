// One run's values of every partner it measured that is still in the graph, for comparing
// runs (graph/metrics/run_diff.py): one metric and what the comparison needs.
// Params: $run (run id), $metric (an m_* property, from the API's allow-list of metrics).
// Returns id, value, community, degree, articulation.
MATCH (:MetricRun {id: $run})-[m:MEASURED]->(p:Partner)
RETURN p.id AS id, m[$metric] AS value, m.m_community AS community, m.m_degree AS degree,
       m.m_articulation AS articulation
