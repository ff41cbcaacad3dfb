// Every index (constraints own a backing index). Returns name, type, constraint.
SHOW INDEXES YIELD name, type, owningConstraint
RETURN name, type, owningConstraint AS constraint
ORDER BY name
