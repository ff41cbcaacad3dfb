// The organisations that act for each country (DataLoader batch): partners based there
// (BASED_IN) whose kind is in $kinds, each with how many agreements (any role), treaties
// (conventions and protocols it is party to or signed) and activities it is tied to
// that the caller may see.
// Params: $ids (country codes), $kinds, $max_tlp, $visible_ids. Returns id, items
// [{node, agreements, treaties, activities}] by partner name, then id.
UNWIND $ids AS id
OPTIONAL MATCH (n:Partner)-[:BASED_IN]->(:Country {code: id})
WHERE n.kind IN $kinds
WITH id, n ORDER BY n.name, n.id
RETURN id, collect(CASE WHEN n IS NOT NULL THEN {
  node: n {.*},
  agreements: COUNT { (n)-[:PARTY_TO]->(g:Agreement)
                      WHERE g.tlp_rank <= $max_tlp OR g.id IN $visible_ids },
  treaties: COUNT { (n)-[r:PARTY_TO]->(g:Agreement)
                    WHERE g.kind IN ['convention', 'protocol'] AND r.role IN ['party', 'signatory']
                      AND (g.tlp_rank <= $max_tlp OR g.id IN $visible_ids) },
  activities: COUNT { (n)-[:PARTICIPATED_IN]->(g:Activity)
                      WHERE g.tlp_rank <= $max_tlp OR g.id IN $visible_ids }
} END) AS items
