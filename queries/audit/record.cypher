// Append an audit event. Params: $id, $at, $actor, $action, $target, $details (JSON text).
CREATE (e:AuditEvent {id: $id})
SET e.at = $at, e.actor = $actor, e.action = $action, e.target = $target, e.details = $details
