// Any node by its id, with its labels and properties. Params: $id. Returns labels, props.
MATCH (n {id: $id})
RETURN labels(n) AS labels, properties(n) AS props
