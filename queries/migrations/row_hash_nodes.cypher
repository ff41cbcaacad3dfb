// Row hashes stored as 32 hex digits (before they were integers) to the integer of their
// first 15 digits, which is the hash graph/writer.py computes for the same content: an unchanged
// row stays unchanged. One scan and nothing written once none is left. In transactions of
// 10,000 (auto-commit). Params: none. Returns nothing.
MATCH (n)
WHERE n.row_hash IS :: STRING AND size(n.row_hash) = 32
CALL (n) {
  SET n.row_hash = reduce(v = 0, digit IN split(left(n.row_hash, 15), '') |
                          v * 16 + size(split('0123456789abcdef', digit)[0]))
} IN TRANSACTIONS OF 10000 ROWS
