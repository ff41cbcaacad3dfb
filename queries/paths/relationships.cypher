// Agreements and activities that tie the given partners: those at least $min_members of
// them belong to, the viewer may see, of a type in $via, and in force during the window.
// Window: starts (effective_from / signed_on / start / announced_on) not after $to, ends (expires_on / end)
// not before $from, each compared at the stored date's own precision; null bounds are open.
// Params: $ids, $max_tlp, $via, $from, $to (YYYY-MM-DD or null), $min_members.
// Returns type, node, members [{partner, role}] by type then id.
MATCH (p:Partner)-[r:PARTY_TO|PARTICIPATED_IN]->(g)
WHERE p.id IN $ids AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
  AND ((g:Agreement AND 'agreement' IN $via) OR (g:Activity AND 'activity' IN $via))
  AND ($to IS NULL OR coalesce(g.effective_from, g.signed_on, g.start, g.announced_on) IS NULL
       OR coalesce(g.effective_from, g.signed_on, g.start, g.announced_on)
          <= left($to, size(coalesce(g.effective_from, g.signed_on, g.start, g.announced_on))))
  AND ($from IS NULL OR coalesce(g.expires_on, g.end) IS NULL
       OR left($from, size(coalesce(g.expires_on, g.end))) <= coalesce(g.expires_on, g.end))
WITH g, p, r ORDER BY p.id
WITH g, collect({partner: p.id, role: r.role}) AS members
WHERE size(members) >= $min_members
WITH g, members, CASE WHEN g:Agreement THEN 'agreement' ELSE 'activity' END AS type
RETURN type, g {.*} AS node, members
ORDER BY type, g.id
