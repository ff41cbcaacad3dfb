// Copy one run's MEASURED values onto its partners as their latest values (m_* and m_run),
// clearing every metric property first so a value the run did not produce does not linger.
// Runs in the same transaction as run_complete. Params: $run, $cleared {m_*: null}.
// Returns promoted.
MATCH (:MetricRun {id: $run})-[m:MEASURED]->(p:Partner)
SET p += $cleared
SET p += properties(m), p.m_run = $run
RETURN count(p) AS promoted
