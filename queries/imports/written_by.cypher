// Government partners (gov-XX) last written by import $import_id: those an interrupted run
// created on first use, so a resumed run plans exactly the same rows. Params: $import_id.
// Returns id.
MATCH (p:Partner)
WHERE p.import_id = $import_id AND p.id STARTS WITH 'gov-'
RETURN p.id AS id
ORDER BY id
