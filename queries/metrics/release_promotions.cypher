// Once a run over the whole graph is complete and every partner holds its values: clear the
// promoting mark of other runs that no partner holds values of any more (a job killed while
// promoting leaves its run marked, and the metric gate counts marked runs).
// Params: $run. Returns released.
MATCH (r:MetricRun {promoting: true})
WHERE r.id <> $run AND NOT EXISTS { MATCH (:Partner {m_run: r.id}) }
SET r.promoting = null
RETURN count(r) AS released
