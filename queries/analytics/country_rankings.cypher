// Every country one run measured at country level, with its value of one metric and how
// many partners its node merged; graph/reads/rankings.py orders them and reckons the
// percentiles (a country ranking holds at most one row per ISO 3166-1 country).
// Params: $run (run id), $metric (an m_* property, from graph/reads/rankings.py's
// allow-list), $region (a desk code; null: every country). Returns country {code, name,
// region}, value, actors.
MATCH (:MetricRun {id: $run})-[m:MEASURED]->(c:Country)
WHERE $region IS NULL OR c.region = $region
RETURN c {.code, .name, .region} AS country, m[$metric] AS value, m.m_actors AS actors
