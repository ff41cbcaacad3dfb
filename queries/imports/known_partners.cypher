// Every partner with what resolution compares (ingest/resolution.py) and references by name
// or alias read: id, name, aliases, country, website and the other ids recorded on it.
// Params: none. Returns id, name, aliases, country, website, other_ids.
MATCH (p:Partner)
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases, p.country AS country,
       p.website AS website, coalesce(p.other_ids, []) AS other_ids
