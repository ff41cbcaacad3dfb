"""GraphQL types, one module per type family; api/schema.py assembles them once."""
