// A no-op read whose only purpose is the bookmark Neo4j returns with it: the database's
// latest committed transaction, which graph/store.py uses as the graph's version.
RETURN 1 AS ok
