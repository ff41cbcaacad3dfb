// Which of the given Objective ids exist already, for validating references on import.
// Params: $ids (list of strings). Returns id.
UNWIND $ids AS id
MATCH (n:Objective {id: id})
RETURN n.id AS id
