// Which of the given Agreement ids exist already, with their TLP rank (the importer treats the
// ones the caller may not see as missing). Params: $ids (list of strings).
// Returns id, tlp_rank.
UNWIND $ids AS id
MATCH (n:Agreement {id: id})
RETURN n.id AS id, n.tlp_rank AS tlp_rank
