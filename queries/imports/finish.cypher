// Mark an import complete with its counts. Params: $id, $finished_at, $counts (JSON text).
MATCH (i:Import {id: $id})
SET i.finished_at = $finished_at, i.counts = $counts, i.status = 'complete'
