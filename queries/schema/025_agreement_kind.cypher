CREATE INDEX agreement_kind IF NOT EXISTS FOR (n:Agreement) ON (n.kind)
