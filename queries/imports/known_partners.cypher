// Every partner's id, name and aliases, for resolving references by name or alias on import.
// Params: none. Returns id, name, aliases.
MATCH (p:Partner)
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases
