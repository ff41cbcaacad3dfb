// Delete up to $limit nodes other than the reference frame (countries, regions), with their
// relationships. Used by tests and `db reset`. Params: $limit. Returns deleted.
MATCH (n)
WHERE NOT n:Country AND NOT n:Region
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
