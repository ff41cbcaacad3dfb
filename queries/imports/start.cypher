// Record that an import began. Params: $id, $source, $sha256, $actor, $started_at, $lanes,
// $batch_size and $tie_split ('blocks'): how its rows are split into batches between
// concurrent writers; the checkpoint names batches, so a resumed run splits them the same way.
MERGE (i:Import {id: $id})
ON CREATE SET i.source = $source, i.sha256 = $sha256, i.actor = $actor,
              i.started_at = $started_at, i.status = 'incomplete', i.lanes = $lanes,
              i.batch_size = $batch_size, i.tie_split = $tie_split
RETURN i.status AS status
