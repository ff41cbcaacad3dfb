// The agreements and activities a partner is tied to, with their TLP rank, so a merge can
// refuse to move ties of items the caller may not see. Params: $id. Returns id, tlp_rank.
MATCH (:Partner {id: $id})-[:PARTY_TO|PARTICIPATED_IN]->(x)
RETURN DISTINCT x.id AS id, x.tlp_rank AS tlp_rank
