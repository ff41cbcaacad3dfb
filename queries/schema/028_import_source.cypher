CREATE INDEX import_source IF NOT EXISTS FOR (n:Import) ON (n.source)
