// Every node but the reference frame, with its labels and properties (tests compare
// snapshots to prove an import changed nothing). Params: none. Returns labels, props.
MATCH (n)
WHERE NOT n:Country AND NOT n:Region
RETURN labels(n) AS labels, properties(n) AS props
