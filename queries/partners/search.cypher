// Full-text search on partner names and aliases (index partner_names).
// Params: $query (a Lucene query built by graph.search from escaped user terms), $limit.
// Returns node, score (best first, then id).
CALL db.index.fulltext.queryNodes('partner_names', $query) YIELD node, score
RETURN node {.*} AS node, score
ORDER BY score DESC, node.id
LIMIT $limit
