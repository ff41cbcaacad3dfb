CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEvent) ON (n.at)
