// The TLP rank of existing agreements and activities among the given ids (the write policy
// checks them). Params: $ids. Returns id, tlp_rank.
UNWIND $ids AS id
OPTIONAL MATCH (a:Agreement {id: id})
OPTIONAL MATCH (x:Activity {id: id})
WITH id, coalesce(a, x) AS n
WHERE n IS NOT NULL
RETURN id, n.tlp_rank AS tlp_rank
