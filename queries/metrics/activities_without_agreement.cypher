// Activities in the window with two or more participants of whom no two are bound by a
// shared active agreement at $as_of: joint work with no legal frame behind it. The window
// is gaps_partners' (an activity with no date at all is of unknown date, never in it);
// bound is its consent rule (a party or depositary whose consent is dated by $as_of; a
// treaty signature with nothing that binds recorded is no consent; invited partners,
// observers and signatories are not bound).
// Params: $as_of, $since (YYYY-MM-DD), $tlp_max (int), $treaty_kinds, $binding_consent.
// Returns subject (activity id), name, kind, participants (sorted partner ids).
MATCH (x:Activity)
WHERE x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
  AND NOT (x.start IS NULL AND x.end IS NULL AND x.announced_on IS NULL)
  AND coalesce(x.start, x.announced_on, '0') <= left($as_of, size(coalesce(x.start, x.announced_on, '0')))
  AND (coalesce(x.open_ended, false)
       OR left($since, size(coalesce(x.end, x.start, x.announced_on))) <= coalesce(x.end, x.start, x.announced_on))
MATCH (p:Partner)-[:PARTICIPATED_IN]->(x)
WITH x, p ORDER BY p.id
WITH x, collect(p) AS ps
WHERE size(ps) >= 2 AND NOT EXISTS {
  UNWIND ps AS p1
  MATCH (p1)-[m1:PARTY_TO]->(a:Agreement)<-[m2:PARTY_TO]-(p2:Partner)
  WHERE p2 IN ps AND p1 <> p2
    AND a.status = 'active' AND coalesce(a.tlp_rank, 4) <= $tlp_max
    AND (a.expires_on IS NULL OR left($as_of, size(a.expires_on)) <= a.expires_on)
    AND all(m IN [m1, m2] WHERE m.role IN ['party', 'depositary']
        AND coalesce(m.ratified_on, m.signed_on, '0') <= left($as_of, size(coalesce(m.ratified_on, m.signed_on, '0')))
        AND NOT (a.kind IN $treaty_kinds AND m.signed_on IS NOT NULL AND m.ratified_on IS NULL
                 AND NOT coalesce(m.consent, '') IN $binding_consent))
}
RETURN x.id AS subject, x.name AS name, x.kind AS kind, [p IN ps | p.id] AS participants
ORDER BY subject
