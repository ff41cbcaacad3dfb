// The community of every partner in the latest values (the latest run's, or a promoting
// run's), which the next run's communities are numbered after (graph/metrics/communities.py,
// stable_ids). Params: none. Returns id, community.
MATCH (p:Partner) WHERE p.m_community IS NOT NULL
RETURN p.id AS id, p.m_community AS community
