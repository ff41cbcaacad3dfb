// Record ids a partner is known by elsewhere (source ids that resolved to it, ids of partners
// merged into it), each once. Params: $rows [{id, other_ids}]. Returns id, other_ids.
UNWIND $rows AS row
MATCH (p:Partner {id: row.id})
WITH p, coalesce(p.other_ids, []) AS had, row
SET p.other_ids = had + [i IN row.other_ids WHERE NOT i IN had]
RETURN p.id AS id, p.other_ids AS other_ids
