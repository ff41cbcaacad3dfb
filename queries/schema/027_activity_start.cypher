CREATE INDEX activity_start IF NOT EXISTS FOR (n:Activity) ON (n.start)
