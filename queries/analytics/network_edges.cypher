// Ties among a set of partners, for drawing: two partners are tied by the agreements and
// activities they share that the viewer may see. Params: $ids, $max_tlp.
// Returns source, target (source < target), weight (shared items), agreements, activities.
// An invited partner's PARTY_TO (role invited) ties it to nobody and is left out.
MATCH (p:Partner)-[a:PARTY_TO|PARTICIPATED_IN]->(g)<-[b:PARTY_TO|PARTICIPATED_IN]-(q:Partner)
WHERE p.id IN $ids AND q.id IN $ids AND p.id < q.id AND a.role <> 'invited' AND b.role <> 'invited' AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
WITH p, q, collect(DISTINCT g) AS groups
RETURN p.id AS source, q.id AS target, size(groups) AS weight,
       size([g IN groups WHERE g:Agreement]) AS agreements,
       size([g IN groups WHERE g:Activity]) AS activities
ORDER BY source, target
