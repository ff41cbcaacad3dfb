// Backs "expiring within N days".
CREATE INDEX agreement_expires_on IF NOT EXISTS FOR (n:Agreement) ON (n.expires_on)
