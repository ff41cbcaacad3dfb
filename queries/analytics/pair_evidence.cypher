// What direct trust between two partners is computed from, on demand: the agreements and
// activities both are tied to, up to a metric run's TLP ceiling and within the caller's
// access, each with every member (so that a group's size n is its own, as in the
// projection). Reads at most $groups groups and $limit membership rows.
// Params: $from, $to, $tlp_max (the run's ceiling; a missing tlp_rank counts as red),
// $max_tlp, $visible_ids (the caller's access), $groups, $limit.
// Returns source_found, target_found (whether each partner exists), shared (groups found,
// at most $groups), rows (membership rows shaped like metrics/memberships.cypher's, at most
// $limit).
OPTIONAL MATCH (a:Partner {id: $from})
OPTIONAL MATCH (b:Partner {id: $to})
CALL (a, b) {
  OPTIONAL MATCH (a)-[:PARTY_TO|PARTICIPATED_IN]->(g)<-[:PARTY_TO|PARTICIPATED_IN]-(b)
  WHERE (g:Agreement OR g:Activity) AND coalesce(g.tlp_rank, 4) <= $tlp_max
    AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
  WITH DISTINCT g LIMIT $groups
  RETURN collect(g) AS groups
}
CALL (groups) {
  UNWIND groups AS g
  MATCH (p:Partner)-[m:PARTY_TO|PARTICIPATED_IN]->(g)
  WITH p, m, g LIMIT $limit
  RETURN collect({
    partner: p.id, group: g.id,
    group_type: CASE WHEN g:Agreement THEN 'agreement' ELSE 'activity' END,
    kind: g.kind, status: g.status, binding: g.binding, tlp_rank: g.tlp_rank,
    start: coalesce(g.effective_from, g.signed_on, g.start, g.announced_on),
    end: coalesce(g.expires_on, g.end), open_ended: g.open_ended,
    reported: g.participants_reported,
    role: m.role, roles: m.roles, signed_on: m.signed_on, ratified_on: m.ratified_on,
    in_force_on: m.in_force_on}) AS rows
}
RETURN a IS NOT NULL AS source_found, b IS NOT NULL AS target_found, size(groups) AS shared,
       rows
