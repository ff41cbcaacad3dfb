// The data migrations (queries/migrations/) this database has run. Params: none.
// Returns id.
MATCH (m:Migration)
RETURN m.id AS id
