// Every direct trust tie of one run (for trusted paths). Params: $run.
// Returns source, target, score.
MATCH (a:Partner)-[t:TRUSTS {run: $run}]->(b:Partner)
RETURN a.id AS source, b.id AS target, t.score AS score
