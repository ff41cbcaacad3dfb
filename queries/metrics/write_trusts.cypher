// Direct trust ties of one run, top-k per truster:
// (Partner)-[:TRUSTS {run, score, uncertainty, direct, components (JSON)}]->(Partner).
// Params: $run, $rows [{truster, trustee, score, uncertainty, components}]. Returns written.
UNWIND $rows AS row
MATCH (a:Partner {id: row.truster})
MATCH (b:Partner {id: row.trustee})
MERGE (a)-[t:TRUSTS {run: $run}]->(b)
SET t.score = row.score, t.uncertainty = row.uncertainty, t.direct = true,
    t.components = row.components
RETURN count(t) AS written
