// Runs that began promoting their values onto partners and then failed: the job restores
// their partners before it starts (normally done when the run fails; this catches a restore
// that could not run). Params: none. Returns id.
MATCH (r:MetricRun {status: 'failed', promoting: true})
RETURN r.id AS id
ORDER BY id
