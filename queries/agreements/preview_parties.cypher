// What writing these (Partner)-[:PARTY_TO]->(Agreement) rows would do, for a dry run: each tie's status
// against the stored content hash (a tie whose ends are not both in the graph yet is new),
// nothing written. Params: $rows [{partner_id, agreement_id, hash}].
// Returns status ('created'|'updated'|'unchanged'), n.
UNWIND $rows AS row
OPTIONAL MATCH (:Partner {id: row.partner_id})-[r:PARTY_TO]->(:Agreement {id: row.agreement_id})
RETURN CASE WHEN r IS NULL THEN 'created' WHEN r.row_hash = row.hash THEN 'unchanged'
       ELSE 'updated' END AS status, count(*) AS n
