// Restricted agreements and activities (TLP rank in [$min_rank, $max_rank]) that the
// organisation is party to or took part in. Params: $organisation, $min_rank, $max_rank.
// Returns id.
MATCH (:Partner {id: $organisation})-[:PARTY_TO|PARTICIPATED_IN]->(x)
WHERE (x:Agreement OR x:Activity) AND $min_rank <= x.tlp_rank <= $max_rank
RETURN DISTINCT x.id AS id
