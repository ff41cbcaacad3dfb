// Write (Partner)-[:PARTICIPATED_IN]->(Activity) ties of which one end was created by this import
// moments ago, so the tie is new: a plain MERGE, without the upsert's hash comparison.
// MERGE (not CREATE) keeps one tie per pair even if another writer added it since.
// Every property of a written tie is replaced by row.props (nulls left out).
// Params: $rows [{activity_id, partner_id, hash, props}], $import_id. Returns n, the rows
// whose ends exist; the caller reads how many ties were created from the counters.
UNWIND $rows AS row
MATCH (p:Partner {id: row.partner_id})
MATCH (x:Activity {id: row.activity_id})
MERGE (p)-[r:PARTICIPATED_IN]->(x)
SET r = row.props, r.row_hash = row.hash, r.import_id = $import_id
RETURN count(*) AS n
