// Mark metric runs recorded before runs carried `partial`: a run with a region or partner
// kinds in its parameters (JSON, keys sorted by graph/metrics/job.py) measured a subgraph.
// Run once per database (graph/schema.py). Auto-commit. Params: none. Returns nothing.
MATCH (r:MetricRun)
WHERE r.partial IS NULL
CALL (r) {
  SET r.partial = NOT (r.params CONTAINS '"partner_kinds": null'
                       AND r.params CONTAINS '"region": null')
} IN TRANSACTIONS OF 10000 ROWS
