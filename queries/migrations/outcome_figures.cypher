// Outcomes stored by earlier versions as one property per fixed name (outcome_arrests, …,
// outcome_seized_usd) to the lists graph/figures.py stores (outcome_names and
// outcome_values, in the vocabulary's order; outcome_units when money is among them:
// seized_usd becomes `seized`, in USD). Run once per database (graph/schema.py); would
// find nothing to do again. In transactions of 10,000 (auto-commit). Params: none.
// Returns nothing.
MATCH (n:Activity)
WHERE n.outcome_arrests IS NOT NULL OR n.outcome_takedowns IS NOT NULL
   OR n.outcome_servers_seized IS NOT NULL OR n.outcome_seized_usd IS NOT NULL
   OR n.outcome_victims_notified IS NOT NULL OR n.outcome_people_trained IS NOT NULL
   OR n.outcome_reports_shared IS NOT NULL
CALL (n) {
  WITH n, [f IN [['arrests', n.outcome_arrests, ''], ['takedowns', n.outcome_takedowns, ''],
                 ['servers_seized', n.outcome_servers_seized, ''],
                 ['seized', n.outcome_seized_usd, 'USD'],
                 ['victims_notified', n.outcome_victims_notified, ''],
                 ['people_trained', n.outcome_people_trained, ''],
                 ['reports_shared', n.outcome_reports_shared, '']] WHERE f[1] IS NOT NULL] AS fs
  SET n.outcome_names = [f IN fs | f[0]],
      n.outcome_values = [f IN fs | toFloat(f[1])],
      n.outcome_units = CASE WHEN n.outcome_seized_usd IS NULL THEN null ELSE [f IN fs | f[2]] END
  REMOVE n.outcome_arrests, n.outcome_takedowns, n.outcome_servers_seized,
         n.outcome_seized_usd, n.outcome_victims_notified, n.outcome_people_trained,
         n.outcome_reports_shared
} IN TRANSACTIONS OF 10000 ROWS
