// Full-text search on partner names and aliases (index partner_names).
// Params: $terms (a Lucene query built by graph/reads/search.py from escaped user words), $limit.
// Returns node, score (best first, then id).
CALL db.index.fulltext.queryNodes('partner_names', $terms) YIELD node, score
RETURN node {.*} AS node, score
ORDER BY score DESC, node.id
LIMIT $limit
