// Partners tied to each partner through agreements and/or activities they share (DataLoader
// batch). A shared agreement or activity counts when the viewer may see it, its type is in
// $via, and it was in force at or after $since: its end (expires_on / end, else start,
// else announced_on, else open-ended; an open-ended activity always) is not before $since
// at the end's own precision.
// weight = number of shared agreements and activities.
// Params: $ids, $max_tlp, $via (['agreement','activity']), $since (YYYY-MM-DD or null),
// $min_weight, $limit (ties kept per partner). Returns id, items [{node, weight,
// agreements, activities}] (the shared items' ids, by id; callers load the items they
// need), heaviest first, then by partner id.
// An invited partner's PARTY_TO (role invited) ties it to nobody and is left out.
UNWIND $ids AS id
MATCH (p:Partner {id: id})-[a:PARTY_TO|PARTICIPATED_IN]->(g)<-[b:PARTY_TO|PARTICIPATED_IN]-(q:Partner)
WHERE q <> p AND a.role <> 'invited' AND b.role <> 'invited' AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
  AND ((g:Agreement AND 'agreement' IN $via) OR (g:Activity AND 'activity' IN $via))
  AND ($since IS NULL OR g.open_ended
       OR left($since, size(coalesce(g.expires_on, g.end, g.start, g.announced_on, '9999')))
          <= coalesce(g.expires_on, g.end, g.start, g.announced_on, '9999'))
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
