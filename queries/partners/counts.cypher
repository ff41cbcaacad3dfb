// Partners matching a filter, counted by one facet (for dashboards).
// TEMPLATE: graph/filters.py fills {{filter}} (compiled from an allow-list, values as
// $f0 … parameters) and graph/reads/analytics.py fills {{facet}} with an allow-listed list
// expression over n (e.g. [n.kind]). Params: $max_tlp. Returns value, count (largest first).
MATCH (n:Partner) WHERE {{filter}}
UNWIND {{facet}} AS value
RETURN value, count(*) AS count
ORDER BY count DESC, value
