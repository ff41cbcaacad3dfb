// Benchmark baseline: objectives.csv through LOAD CSV. Params: $url, $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (o:Objective {id: row.id})
  SET o.title = row.title, o.description = row.description
} IN TRANSACTIONS OF $batch ROWS
