// Revoke a token (kept for the audit trail). Params: $id, $at. Returns id (none if unknown).
MATCH (t:ApiToken {id: $id})
SET t.revoked_at = coalesce(t.revoked_at, $at)
RETURN t.id AS id
