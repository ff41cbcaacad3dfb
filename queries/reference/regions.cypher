// The regional desks. Params: none. Returns node {code, name}.
MATCH (n:Region)
RETURN n {.*} AS node
ORDER BY n.code
