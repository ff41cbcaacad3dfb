// Which of the given Agreement ids exist already, for validating references on import.
// Params: $ids (list of strings). Returns id.
UNWIND $ids AS id
MATCH (n:Agreement {id: id})
RETURN n.id AS id
