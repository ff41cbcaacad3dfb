// Shortest chains of partners between two partners, each hop a shared agreement or activity
// the viewer may see and whose type is in $via. The path selector needs literals, so it
// takes the 25 shortest bipartite paths of at most 6 hops; $max_hops (≤ 6) and $limit cut
// them down. Callers dedupe to distinct partner chains.
// Params: $from, $to, $max_tlp, $via, $max_hops, $limit. Returns partners (ids along the path), hops.
// An invited partner's PARTY_TO (role invited) ties it to nobody and is left out.
MATCH (a:Partner {id: $from}), (b:Partner {id: $to})
MATCH p = SHORTEST 25 (a)((x:Partner)-[s:PARTY_TO|PARTICIPATED_IN]->(g)<-[t:PARTY_TO|PARTICIPATED_IN]-(y:Partner)
      WHERE s.role <> 'invited' AND t.role <> 'invited' AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids)
        AND ((g:Agreement AND 'agreement' IN $via) OR (g:Activity AND 'activity' IN $via))){1,6}(b)
WHERE length(p) <= 2 * $max_hops
RETURN [n IN nodes(p) WHERE n:Partner | n.id] AS partners, length(p) / 2 AS hops
ORDER BY hops
LIMIT $limit
