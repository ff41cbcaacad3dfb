// Imports, newest first. Params: $limit. Returns id, source, sha256, actor, started_at, finished_at, status, counts.
MATCH (i:Import)
RETURN i.id AS id, i.source AS source, i.sha256 AS sha256, i.actor AS actor,
       i.started_at AS started_at, i.finished_at AS finished_at, i.status AS status,
       i.counts AS counts
ORDER BY i.started_at DESC
LIMIT $limit
