CREATE INDEX activity_kind IF NOT EXISTS FOR (n:Activity) ON (n.kind)
