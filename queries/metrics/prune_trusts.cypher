// Delete up to $limit TRUSTS ties from runs other than $run (older or failed runs), after
// $run is complete. Call until it returns 0. Params: $run, $limit. Returns deleted.
MATCH ()-[t:TRUSTS]->()
WHERE t.run <> $run
WITH t LIMIT $limit
DELETE t
RETURN count(*) AS deleted
