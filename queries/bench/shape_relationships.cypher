// Benchmark check: how many relationships of each type carry each property ('*': how
// many relationships), less the importer's provenance (row_hash, import_id).
// Params: none. Returns what ('<type> <key>'), n.
MATCH ()-[r]->()
UNWIND [key IN keys(r) WHERE NOT key IN ['row_hash', 'import_id']] + ['*'] AS key
RETURN type(r) + ' ' + key AS what, count(*) AS n
