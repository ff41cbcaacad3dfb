// Delete up to $limit relationships of nodes other than the reference frame (countries,
// regions): before the nodes, so that no batch has to take a hub's every tie at once (an
// objective or platform holds hundreds of thousands at full size). Used by
// `graph.admin.wipe` (disposable databases only). Params: $limit. Returns deleted.
MATCH (n)
WHERE NOT (n:Country OR n:Region OR n:DisposableDatabase)
MATCH (n)-[r]-()
WITH DISTINCT r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
