// Every import's id and source (its file names, ", "-joined), for scoping --prune to the
// imports of the same files. Params: none. Returns id, source.
MATCH (i:Import)
RETURN i.id AS id, i.source AS source
