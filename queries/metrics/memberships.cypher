// Memberships for the metric projection: one row per partner and agreement or activity it
// belongs to, and one row with group = null for a partner with none (so isolated partners
// still count). Agreements and activities above the TLP ceiling are never read.
// Params: $tlp_max (int, highest TLP rank read; a missing tlp_rank counts as red).
// Returns partner, name, partner_kind, country, region, sector, group, group_type
// ('agreement'|'activity'|null), kind, status, binding, tlp_rank, start, end, open_ended,
// reported (participants reported), role, roles, signed_on, ratified_on, in_force_on.
MATCH (p:Partner)
OPTIONAL MATCH (p)-[:BASED_IN]->(c:Country)
OPTIONAL MATCH (p)-[m:PARTY_TO|PARTICIPATED_IN]->(g)
  WHERE (g:Agreement OR g:Activity) AND coalesce(g.tlp_rank, 4) <= $tlp_max
RETURN p.id AS partner, p.name AS name, p.kind AS partner_kind, p.country AS country,
       c.region AS region, p.sector AS sector,
       g.id AS group,
       CASE WHEN g:Agreement THEN 'agreement' WHEN g:Activity THEN 'activity' END AS group_type,
       g.kind AS kind, g.status AS status, g.binding AS binding, g.tlp_rank AS tlp_rank,
       coalesce(g.effective_from, g.signed_on, g.start, g.announced_on) AS start,
       coalesce(g.expires_on, g.end) AS end, g.open_ended AS open_ended,
       g.participants_reported AS reported,
       m.role AS role, m.roles AS roles, m.signed_on AS signed_on, m.ratified_on AS ratified_on,
       m.in_force_on AS in_force_on
ORDER BY partner, group_type, group
