// Row hashes stored as 32 hex digits (before they were integers) to the integer of their
// first 15 digits, which is the hash graph/writer.py computes for the same content: an unchanged
// row stays unchanged. Run once per database (graph/schema.py); would find nothing to do
// again. In transactions of 10,000 (auto-commit). Params: none. Returns nothing.
MATCH (n)
WHERE n.row_hash IS :: STRING AND n.row_hash =~ '[0-9a-f]{32}'
CALL (n) {
  SET n.row_hash = reduce(v = 0, digit IN split(left(n.row_hash, 15), '') |
                          v * 16 + size(split('0123456789abcdef', digit)[0]))
} IN TRANSACTIONS OF 10000 ROWS
