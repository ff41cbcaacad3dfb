// Audit events, newest first. Params: $limit. Returns id, at, actor, action, target, details.
MATCH (e:AuditEvent)
RETURN e.id AS id, e.at AS at, e.actor AS actor, e.action AS action, e.target AS target,
       e.details AS details
ORDER BY e.at DESC, e.id DESC
LIMIT $limit
