// The TLP rank of existing agreements and activities among the given ids (the import's
// write policy checks them). Params: $ids. Returns id, tlp_rank.
UNWIND $ids AS id
MATCH (n {id: id})
WHERE n:Agreement OR n:Activity
RETURN n.id AS id, n.tlp_rank AS tlp_rank
