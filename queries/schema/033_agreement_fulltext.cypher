// Close matches for an agreement id or title nobody has (graph/reads/known.py): title and id.
CREATE FULLTEXT INDEX agreement_titles IF NOT EXISTS FOR (n:Agreement) ON EACH [n.title, n.id]
