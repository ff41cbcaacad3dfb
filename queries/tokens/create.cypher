// Store a new API token (only the hash of its secret).
// Params: $id, $name, $role, $organisation, $clearance, $hash, $created_at, $expires_at.
CREATE (t:ApiToken {id: $id})
SET t.name = $name, t.role = $role, t.organisation = $organisation, t.clearance = $clearance,
    t.hash = $hash, t.created_at = $created_at, t.expires_at = $expires_at
