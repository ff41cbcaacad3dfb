// The reported figures of the activities the viewer may see that match a filter and report
// any, for totals (graph/reads/analytics.py adds them up).
// TEMPLATE: graph/filters.py fills {{filter}} from the allow-list of graph/reads/lists.py;
// every value is a parameter. Params: $max_tlp, $visible_ids, $limit.
// Returns figures (the outcome_* properties), at most $limit rows.
MATCH (n:Activity)
WHERE (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids) AND n.outcome_names IS NOT NULL
  AND {{filter}}
RETURN n {.outcome_names, .outcome_values, .outcome_highs, .outcome_qualifiers,
          .outcome_units} AS figures
LIMIT $limit
