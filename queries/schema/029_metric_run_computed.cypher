CREATE INDEX metric_run_computed_at IF NOT EXISTS FOR (n:MetricRun) ON (n.computed_at)
