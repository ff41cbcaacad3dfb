// Every objective, by id. Params: none. Returns node.
MATCH (n:Objective)
RETURN n {.*} AS node
ORDER BY n.id
