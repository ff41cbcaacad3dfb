// ISO 3166-1 countries and their desk. Params: $rows [{code, name, region}].
UNWIND $rows AS row
MERGE (c:Country {code: row.code})
SET c.name = row.name, c.region = row.region
WITH c, row
OPTIONAL MATCH (c)-[old:IN_REGION]->()
DELETE old
WITH DISTINCT c, row
MATCH (r:Region {code: row.region})
MERGE (c)-[:IN_REGION]->(r)
