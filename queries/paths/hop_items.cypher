// The agreements and activities two partners share, for each pair (one hop of a path).
// Params: $pairs [[source, target]], $max_tlp, $via.
// Returns source, target, items [{type ('agreement'|'activity'), node}] by type then id.
// An invited partner's PARTY_TO (role invited) ties it to nobody and is left out.
UNWIND $pairs AS pair
OPTIONAL MATCH (:Partner {id: pair[0]})-[a:PARTY_TO|PARTICIPATED_IN]->(g)<-[b:PARTY_TO|PARTICIPATED_IN]-(:Partner {id: pair[1]})
WHERE a.role <> 'invited' AND b.role <> 'invited' AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
  AND ((g:Agreement AND 'agreement' IN $via) OR (g:Activity AND 'activity' IN $via))
WITH pair, g, CASE WHEN g:Agreement THEN 'agreement' ELSE 'activity' END AS type
ORDER BY type, g.id
RETURN pair[0] AS source, pair[1] AS target,
       collect(CASE WHEN g IS NULL THEN null ELSE {type: type, node: g {.*}} END) AS items
