// Coverage evidence per partner at $as_of, for graph/metrics/gaps.py to group by country,
// region, sector and kind. Dates are partial strings, compared at their own precision.
// Params: $as_of, $since (YYYY-MM-DD), $tlp_max (int), $treaty_kinds (agreement kinds whose
// parties sign and then consent), $binding_consent (consents that bind).
// Returns partner, kind, country, region, sector, and lists of ids:
//   in_force: agreements in force (status active, started, not expired) to which the partner
//     has consented to be bound by $as_of, in force for it by then where the date is recorded;
//   not_yet_in_force: the same, consent given by $as_of, its entry into force for the partner
//     after $as_of;
//   signed_only: the same agreements, signed by $as_of without consent by then (role
//     signatory, consent signature_only, a treaty signature with no ratification and no
//     binding consent recorded, or a ratification dated after $as_of);
//   recent: activities (completed or ongoing) that started, else were announced, by $as_of and
//     ended, started or were announced on or after $since, open-ended ones always;
//   undated: activities with no start, end or announcement date (never recent).
// Invited partners, observers and memberships not yet begun at $as_of are in no list.
MATCH (p:Partner)
OPTIONAL MATCH (p)-[:BASED_IN]->(c:Country)
CALL (p) {
  OPTIONAL MATCH (p)-[m:PARTY_TO]->(a:Agreement)
    WHERE m.role IN ['party', 'depositary', 'signatory']
      AND a.status = 'active' AND coalesce(a.tlp_rank, 4) <= $tlp_max
      AND (a.expires_on IS NULL OR left($as_of, size(a.expires_on)) <= a.expires_on)
      AND coalesce(a.effective_from, a.signed_on, '0') <= left($as_of, size(coalesce(a.effective_from, a.signed_on, '0')))
  // Consent: a party's, unless it is a treaty signature with nothing that binds recorded.
  WITH a, m, m.role IN ['party', 'depositary']
         AND NOT (a.kind IN $treaty_kinds AND m.signed_on IS NOT NULL AND m.ratified_on IS NULL
                  AND NOT coalesce(m.consent, '') IN $binding_consent) AS consents,
       coalesce(m.ratified_on, m.signed_on) AS consented_on
  WITH a, m,
       consents AND (consented_on IS NULL OR consented_on <= left($as_of, size(consented_on))) AS bound,
       m.signed_on IS NULL OR m.signed_on <= left($as_of, size(m.signed_on)) AS signed
  WITH a, CASE
      WHEN bound AND (m.in_force_on IS NULL OR m.in_force_on <= left($as_of, size(m.in_force_on)))
        THEN 'in_force'
      WHEN bound THEN 'not_yet_in_force'
      WHEN signed AND (m.signed_on IS NOT NULL OR m.role = 'signatory') THEN 'signed_only'
    END AS state
  RETURN collect(CASE WHEN state = 'in_force' THEN a.id END) AS in_force,
         collect(CASE WHEN state = 'not_yet_in_force' THEN a.id END) AS not_yet_in_force,
         collect(CASE WHEN state = 'signed_only' THEN a.id END) AS signed_only
}
CALL (p) {
  OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(x:Activity)
    WHERE x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
  WITH x, x.start IS NULL AND x.end IS NULL AND x.announced_on IS NULL AS undated
  WITH x, undated, NOT undated
       AND coalesce(x.start, x.announced_on, '0') <= left($as_of, size(coalesce(x.start, x.announced_on, '0')))
       AND (coalesce(x.open_ended, false)
            OR left($since, size(coalesce(x.end, x.start, x.announced_on))) <= coalesce(x.end, x.start, x.announced_on)) AS recent
  RETURN collect(CASE WHEN recent THEN x.id END) AS recent,
         collect(CASE WHEN undated THEN x.id END) AS undated
}
RETURN p.id AS partner, p.kind AS kind, c.code AS country, c.region AS region,
       p.sector AS sector, in_force, not_yet_in_force, signed_only, recent, undated
ORDER BY partner
