// Partners tied to each partner through agreements and/or activities they share (DataLoader
// batch). A shared agreement or activity counts when the viewer may see it, its type is in
// $via, and it was in force at or after $since: its end (expires_on / end, else start,
// else open-ended) is not before $since at the end's own precision.
// weight = number of shared agreements and activities.
// Params: $ids, $max_tlp, $via (['agreement','activity']), $since (YYYY-MM-DD or null),
// $min_weight, $limit (ties kept per partner). Returns id, items [{node, weight,
// agreements, activities}] (the shared items' ids, by id; callers load the items they
// need), heaviest first, then by partner id.
UNWIND $ids AS id
MATCH (p:Partner {id: id})-[:PARTY_TO|PARTICIPATED_IN]->(g)<-[:PARTY_TO|PARTICIPATED_IN]-(q:Partner)
WHERE q <> p AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
  AND ((g:Agreement AND 'agreement' IN $via) OR (g:Activity AND 'activity' IN $via))
  AND ($since IS NULL OR left($since, size(coalesce(g.expires_on, g.end, g.start, '9999')))
                         <= coalesce(g.expires_on, g.end, g.start, '9999'))
WITH id, q, g ORDER BY g.id
WITH id, q, collect(DISTINCT g) AS groups
WITH id, q, groups, size(groups) AS weight
WHERE weight >= $min_weight
ORDER BY weight DESC, q.id
WITH id, collect({q: q, weight: weight, groups: groups})[..$limit] AS top
UNWIND top AS t
WITH id, t.q AS q, t.weight AS weight, t.groups AS groups
ORDER BY weight DESC, q.id
RETURN id, collect({node: q {.*}, weight: weight,
                    agreements: [g IN groups WHERE g:Agreement | g.id],
                    activities: [g IN groups WHERE g:Activity | g.id]}) AS items
