// Create partners known to be new (absent when this transaction read their hashes), with
// where they are based. Cheaper than the upsert's MERGE; the id constraint makes a
// concurrent creation fail the transaction instead of duplicating, and the writer then
// falls back to the upsert. Params: $rows [{id, hash, props}] (props without nulls),
// $import_id. Returns nothing.
UNWIND $rows AS row
CREATE (n:Partner {id: row.id})
SET n += row.props, n.row_hash = row.hash, n.import_id = $import_id
WITH n, row
MATCH (c:Country {code: row.props.country})
CREATE (n)-[:BASED_IN]->(c)
