// Row hashes of relationships stored as 32 hex digits to the integer of their first 15
// digits (see migrations/row_hash_nodes). Params: none. Returns nothing.
MATCH ()-[r]->()
WHERE r.row_hash IS :: STRING AND r.row_hash =~ '[0-9a-f]{32}'
CALL (r) {
  SET r.row_hash = reduce(v = 0, digit IN split(left(r.row_hash, 15), '') |
                          v * 16 + size(split('0123456789abcdef', digit)[0]))
} IN TRANSACTIONS OF 10000 ROWS
