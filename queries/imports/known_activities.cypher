// Which of the given Activity ids exist already, for validating references on import.
// Params: $ids (list of strings). Returns id.
UNWIND $ids AS id
MATCH (n:Activity {id: id})
RETURN n.id AS id
