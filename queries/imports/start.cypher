// Record that an import began. Params: $id, $source, $sha256, $actor, $started_at, $lanes
// (how its rows are split between concurrent writers; a resumed run splits them the same way).
MERGE (i:Import {id: $id})
ON CREATE SET i.source = $source, i.sha256 = $sha256, i.actor = $actor,
              i.started_at = $started_at, i.status = 'incomplete', i.lanes = $lanes
RETURN i.status AS status
