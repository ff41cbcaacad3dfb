// Activities the viewer may see, matching a filter, counted by one facet.
// TEMPLATE: {{filter}} and {{facet}} are filled from allow-lists (graph/filters.py,
// graph/reads/analytics.py); values are parameters. Params: $max_tlp. Returns value, count.
MATCH (n:Activity) WHERE (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids) AND {{filter}}
UNWIND {{facet}} AS value
RETURN value, count(*) AS count
ORDER BY count DESC, value
