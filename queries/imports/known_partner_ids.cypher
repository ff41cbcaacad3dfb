// Which of the given Partner ids exist already (government partners created on first use).
// Params: $ids (list of strings). Returns id.
UNWIND $ids AS id
MATCH (n:Partner {id: id})
RETURN n.id AS id
