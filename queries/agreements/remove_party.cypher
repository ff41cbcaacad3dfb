// Remove one (Partner)-[:PARTY_TO]->(Agreement) tie. Params: $agreement_id, $partner_id.
// Returns removed (0 or 1).
OPTIONAL MATCH (:Partner {id: $partner_id})-[r:PARTY_TO]->(:Agreement {id: $agreement_id})
DELETE r
RETURN count(r) AS removed
