// Close matches for an activity id or name nobody has (graph/reads/known.py): name and id.
CREATE FULLTEXT INDEX activity_names IF NOT EXISTS FOR (n:Activity) ON EACH [n.name, n.id]
