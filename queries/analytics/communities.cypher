// Communities of the latest values (m_community on partners), largest first.
// Params: $limit (communities), $members (members listed per community, by pagerank).
// Returns community, size, members (partner property maps), leaders (the names of the
// first three by pagerank, for the label), regions (one entry per member with a known
// region; callers count them).
MATCH (p:Partner) WHERE p.m_community IS NOT NULL
OPTIONAL MATCH (p)-[:BASED_IN]->(c:Country)
WITH p.m_community AS community, p, c ORDER BY coalesce(p.m_pagerank, 0.0) DESC, p.id
WITH community, collect(p {.*}) AS everyone, collect(c.region) AS regions
RETURN community, size(everyone) AS size, everyone[..$members] AS members,
       [m IN everyone[..3] | m.name] AS leaders, regions
ORDER BY size DESC, community
LIMIT $limit
