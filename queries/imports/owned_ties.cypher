// PARTY_TO, PARTICIPATED_IN and USES ties last written by one of the given imports
// (--prune's candidates). Params: $imports (list of import ids).
// Returns type, partner_id, other_id (the agreement, activity or platform).
MATCH (p:Partner)-[r:PARTY_TO|PARTICIPATED_IN|USES]->(x)
WHERE r.import_id IN $imports
RETURN type(r) AS type, p.id AS partner_id, x.id AS other_id
