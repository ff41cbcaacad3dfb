// Write (Partner)-[:USES]->(Platform) ties of which one end was created by this import
// moments ago, so the tie is new: a plain MERGE, without the upsert's hash comparison.
// MERGE (not CREATE) keeps one tie per pair even if another writer added it since.
// Every property of a written tie is replaced by row.props (nulls left out).
// Params: $rows [{platform_id, partner_id, hash, props}], $import_id. Returns n, the rows
// whose ends exist; the caller reads how many ties were created from the counters.
UNWIND $rows AS row
MATCH (p:Partner {id: row.partner_id})
MATCH (x:Platform {id: row.platform_id})
MERGE (p)-[r:USES]->(x)
SET r = row.props, r.row_hash = row.hash, r.import_id = $import_id
RETURN count(*) AS n
