// Every relationship with its type, the ids (or codes) of its ends and its properties.
// Params: none. Returns type, start, end, props.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.code) AS start, coalesce(b.id, b.code) AS end,
       properties(r) AS props
