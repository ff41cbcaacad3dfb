// One API token by id, including its hash (for verification only). Params: $id.
// Returns id, name, role, organisation, clearance, hash, created_at, expires_at, revoked_at.
MATCH (t:ApiToken {id: $id})
RETURN t.id AS id, t.name AS name, t.role AS role, t.organisation AS organisation,
       t.clearance AS clearance, t.hash AS hash, t.created_at AS created_at,
       t.expires_at AS expires_at, t.revoked_at AS revoked_at
