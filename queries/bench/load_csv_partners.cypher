// Benchmark baseline: Neo4j's own loader for partners.csv (auto-commit only), writing what
// the importer writes less its provenance.
// Params: $url (file:// URL of the CSV), $batch. Returns nothing.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (p:Partner {id: row.id})
  SET p.name = row.name, p.kind = row.kind, p.country = row.country, p.sector = row.sector,
      p.aliases = CASE WHEN row.aliases IS NULL THEN [] ELSE split(row.aliases, ';') END,
      p.alias_text = replace(row.aliases, ';', ' | '),
      p.website = row.website, p.description = row.description, p.source = row.source
  WITH p, row
  MATCH (c:Country {code: row.country})
  MERGE (p)-[:BASED_IN]->(c)
} IN TRANSACTIONS OF $batch ROWS
