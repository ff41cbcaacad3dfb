// Create one partner; fails with a constraint violation if the id exists.
// Params: $id, $props. Returns id.
CREATE (p:Partner {id: $id})
SET p += $props
RETURN p.id AS id
