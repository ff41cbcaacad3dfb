CREATE INDEX partner_kind IF NOT EXISTS FOR (n:Partner) ON (n.kind)
