// Regional desks. Params: $rows [{code, name}].
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.name = row.name
