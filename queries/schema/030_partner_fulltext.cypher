// Typo-tolerant text search over partner names and aliases (alias_text joins the aliases).
CREATE FULLTEXT INDEX partner_names IF NOT EXISTS FOR (n:Partner) ON EACH [n.name, n.alias_text]
