// All API tokens, newest first, without their hashes.
// Returns id, name, role, organisation, clearance, created_at, expires_at, revoked_at.
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.organisation AS organisation,
       t.clearance AS clearance, t.created_at AS created_at, t.expires_at AS expires_at,
       t.revoked_at AS revoked_at
ORDER BY t.created_at DESC, t.id
