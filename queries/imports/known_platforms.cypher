// Which of the given Platform ids exist already, for validating references on import.
// Params: $ids (list of strings). Returns id.
UNWIND $ids AS id
MATCH (n:Platform {id: id})
RETURN n.id AS id
