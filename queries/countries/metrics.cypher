// The values one run measured for each country at country level (DataLoader batch;
// graph/metrics/country_level.py writes them).
// Params: $codes (country codes), $run (run id). Returns code, values (null: none).
UNWIND $codes AS code
OPTIONAL MATCH (:MetricRun {id: $run})-[m:MEASURED]->(:Country {code: code})
RETURN code, properties(m) AS values
