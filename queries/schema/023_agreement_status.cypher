CREATE INDEX agreement_status IF NOT EXISTS FOR (n:Agreement) ON (n.status)
