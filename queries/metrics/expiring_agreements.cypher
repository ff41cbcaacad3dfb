// Active agreements that expire (or, for a partial date, may expire) between $as_of and
// $until. Params: $as_of, $until (YYYY-MM-DD), $tlp_max (int).
// Returns subject (agreement id), title, kind, expires_on, parties (sorted ids of its parties
// and signatories; invited partners and observers are no members).
MATCH (a:Agreement)
WHERE a.status = 'active' AND a.expires_on IS NOT NULL AND coalesce(a.tlp_rank, 4) <= $tlp_max
  AND left($as_of, size(a.expires_on)) <= a.expires_on
  AND a.expires_on <= left($until, size(a.expires_on))
OPTIONAL MATCH (p:Partner)-[m:PARTY_TO]->(a) WHERE m.role IN ['party', 'depositary', 'signatory']
WITH a, p ORDER BY p.id
RETURN a.id AS subject, a.title AS title, a.kind AS kind, a.expires_on AS expires_on,
       collect(p.id) AS parties
ORDER BY expires_on, subject
