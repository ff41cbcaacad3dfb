CREATE INDEX partner_name IF NOT EXISTS FOR (n:Partner) ON (n.name)
