// Coverage gaps by regional desk: regions with no active agreement or no activity in the
// window. Params: $as_of, $since (YYYY-MM-DD), $tlp_max (int).
// Returns subject (region code), name, partners, agreements, activities.
// An invited partner's PARTY_TO (role invited) is no membership and is left out.
MATCH (r:Region)
OPTIONAL MATCH (r)<-[:IN_REGION]-(:Country)<-[:BASED_IN]-(p:Partner)
OPTIONAL MATCH (p)-[m:PARTY_TO]->(a:Agreement)
  WHERE a.status = 'active' AND m.role <> 'invited' AND coalesce(a.tlp_rank, 4) <= $tlp_max
    AND (a.expires_on IS NULL OR left($as_of, size(a.expires_on)) <= a.expires_on)
    AND coalesce(a.effective_from, a.signed_on, '0') <= left($as_of, size(coalesce(a.effective_from, a.signed_on, '0')))
WITH r, count(DISTINCT p) AS partners, count(DISTINCT a) AS agreements
OPTIONAL MATCH (r)<-[:IN_REGION]-(:Country)<-[:BASED_IN]-(:Partner)-[:PARTICIPATED_IN]->(x:Activity)
  WHERE x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
    AND coalesce(x.start, x.announced_on, '0') <= left($as_of, size(coalesce(x.start, x.announced_on, '0')))
    AND (x.open_ended OR left($since, size(coalesce(x.end, x.start, x.announced_on, '9999')))
         <= coalesce(x.end, x.start, x.announced_on, '9999'))
WITH r, partners, agreements, count(DISTINCT x) AS activities
WHERE agreements = 0 OR activities = 0
RETURN r.code AS subject, r.name AS name, partners, agreements, activities
ORDER BY subject
