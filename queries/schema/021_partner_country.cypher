CREATE INDEX partner_country IF NOT EXISTS FOR (n:Partner) ON (n.country)
