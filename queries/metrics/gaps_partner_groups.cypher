// Coverage gaps by a partner attribute (sector or kind, whitelisted by the caller): values
// whose partners have no active agreement or no activity in the window.
// Params: $attribute ('sector'|'kind'), $as_of, $since (YYYY-MM-DD), $tlp_max (int).
// Returns subject (the attribute's value), partners, agreements, activities.
// An invited partner's PARTY_TO (role invited) is no membership and is left out.
MATCH (p:Partner) WHERE p[$attribute] IS NOT NULL
OPTIONAL MATCH (p)-[m:PARTY_TO]->(a:Agreement)
  WHERE a.status = 'active' AND m.role <> 'invited' AND coalesce(a.tlp_rank, 4) <= $tlp_max
    AND (a.expires_on IS NULL OR left($as_of, size(a.expires_on)) <= a.expires_on)
    AND coalesce(a.effective_from, a.signed_on, '0') <= left($as_of, size(coalesce(a.effective_from, a.signed_on, '0')))
WITH p[$attribute] AS subject, collect(DISTINCT p) AS members, count(DISTINCT a) AS agreements
UNWIND members AS p
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(x:Activity)
  WHERE x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
    AND coalesce(x.start, x.announced_on, '0') <= left($as_of, size(coalesce(x.start, x.announced_on, '0')))
    AND (x.open_ended OR left($since, size(coalesce(x.end, x.start, x.announced_on, '9999')))
         <= coalesce(x.end, x.start, x.announced_on, '9999'))
WITH subject, size(members) AS partners, agreements, count(DISTINCT x) AS activities
WHERE agreements = 0 OR activities = 0
RETURN subject, partners, agreements, activities
ORDER BY subject
