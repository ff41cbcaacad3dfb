// Partners that, at $as_of, have signed a convention or protocol in force (active or
// suspended) without consenting to be bound: signatories, parties with a signature date and
// neither a consent date nor a consent that binds recorded, and parties whose consent is
// dated after $as_of. Dates are partial strings, compared at their own precision.
// Params: $as_of (YYYY-MM-DD), $tlp_max (int), $treaty_kinds, $binding_consent (lists).
// Returns subject (agreement id), title, partner, role, signed_on, ratified_on (null, or a
// consent dated after $as_of).
MATCH (p:Partner)-[r:PARTY_TO]->(a:Agreement)
WHERE a.kind IN $treaty_kinds AND a.status IN ['active', 'suspended']
  AND coalesce(a.tlp_rank, 4) <= $tlp_max
  AND r.role IN ['party', 'depositary', 'signatory']
  AND (r.signed_on <= left($as_of, size(r.signed_on))
       OR r.signed_on IS NULL AND r.role = 'signatory')
  AND (r.ratified_on IS NULL AND NOT coalesce(r.consent, '') IN $binding_consent
       OR r.ratified_on > left($as_of, size(r.ratified_on)))
RETURN a.id AS subject, a.title AS title, p.id AS partner, r.role AS role,
       r.signed_on AS signed_on, r.ratified_on AS ratified_on
ORDER BY subject, partner
