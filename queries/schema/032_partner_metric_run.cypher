// Index on the run that wrote a partner's metric values (restore, stale values, the gate).
CREATE INDEX partner_metric_run IF NOT EXISTS FOR (p:Partner) ON (p.m_run)
