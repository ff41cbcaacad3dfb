// --prune: delete the given ties if one of the given imports still is the last to have
// written them. Params: $ties [{type, partner_id, other_id}], $imports (list of import ids).
// Returns type, n (deleted).
UNWIND $ties AS t
MATCH (p:Partner {id: t.partner_id})-[r:PARTY_TO|PARTICIPATED_IN|USES]->(x)
WHERE type(r) = t.type AND x.id = t.other_id AND r.import_id IN $imports
DELETE r
RETURN t.type AS type, count(*) AS n
