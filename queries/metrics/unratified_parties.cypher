// Partners that signed a convention or protocol in force (active or suspended) but have
// not consented to be bound: signatories, and parties with a signature date and neither
// a consent date nor a consent that binds recorded. Params: $tlp_max (int).
// Returns subject (agreement id), title, partner, signed_on.
MATCH (p:Partner)-[r:PARTY_TO]->(a:Agreement)
WHERE a.kind IN ['convention', 'protocol'] AND a.status IN ['active', 'suspended']
  AND coalesce(a.tlp_rank, 4) <= $tlp_max
  AND r.signed_on IS NOT NULL AND r.ratified_on IS NULL
  AND (r.consent IS NULL OR r.consent = 'signature_only')
RETURN a.id AS subject, a.title AS title, p.id AS partner, r.signed_on AS signed_on
ORDER BY subject, partner
