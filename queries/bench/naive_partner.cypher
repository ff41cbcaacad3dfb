// Benchmark baseline: one MERGE per partner row, one transaction each (the naive path).
// Params: $id, $props. Returns nothing.
MERGE (p:Partner {id: $id})
SET p += $props
