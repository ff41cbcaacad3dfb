// Benchmark check: how many nodes of each label carry each property ('*': how many nodes),
// less the importer's provenance (row_hash, import_id) and its Import and AuditEvent nodes.
// Params: none. Returns what ('<labels> <key>'), n.
MATCH (n)
WHERE NOT n:Import AND NOT n:AuditEvent
UNWIND [key IN keys(n) WHERE NOT key IN ['row_hash', 'import_id']] + ['*'] AS key
RETURN reduce(s = '', label IN labels(n) | s + ':' + label) + ' ' + key AS what, count(*) AS n
