// What writing these (Partner)-[:PARTICIPATED_IN]->(Activity) rows would do, for a dry run: each tie's status
// against the stored content hash (a tie whose ends are not both in the graph yet is new),
// nothing written. Params: $rows [{partner_id, activity_id, hash}].
// Returns status ('created'|'updated'|'unchanged'), n.
UNWIND $rows AS row
OPTIONAL MATCH (:Partner {id: row.partner_id})-[r:PARTICIPATED_IN]->(:Activity {id: row.activity_id})
RETURN CASE WHEN r IS NULL THEN 'created' WHEN r.row_hash = row.hash THEN 'unchanged'
       ELSE 'updated' END AS status, count(*) AS n
