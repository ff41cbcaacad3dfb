// Activities in the window with two or more participants of whom no two are party to a
// shared active agreement: joint work with no legal frame behind it.
// Params: $as_of, $since (YYYY-MM-DD), $tlp_max (int).
// Returns subject (activity id), name, kind, participants (sorted partner ids).
// An invited partner's PARTY_TO (role invited) is no membership and is left out.
MATCH (x:Activity)
WHERE x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
  AND coalesce(x.start, x.announced_on, '0') <= left($as_of, size(coalesce(x.start, x.announced_on, '0')))
  AND (x.open_ended OR left($since, size(coalesce(x.end, x.start, x.announced_on, '9999')))
         <= coalesce(x.end, x.start, x.announced_on, '9999'))
MATCH (p:Partner)-[:PARTICIPATED_IN]->(x)
WITH x, p ORDER BY p.id
WITH x, collect(p) AS ps
WHERE size(ps) >= 2 AND NOT EXISTS {
  UNWIND ps AS p1
  MATCH (p1)-[m1:PARTY_TO]->(a:Agreement)<-[m2:PARTY_TO]-(p2:Partner)
  WHERE p2 IN ps AND p1 <> p2 AND m1.role <> 'invited' AND m2.role <> 'invited'
    AND a.status = 'active' AND coalesce(a.tlp_rank, 4) <= $tlp_max
    AND (a.expires_on IS NULL OR left($as_of, size(a.expires_on)) <= a.expires_on)
}
RETURN x.id AS subject, x.name AS name, x.kind AS kind, [p IN ps | p.id] AS participants
ORDER BY subject
