// Benchmark baseline: one MERGE per agreement party row, one transaction each.
// Params: $agreement_id, $partner_id, $props. Returns nothing.
MATCH (p:Partner {id: $partner_id})
MATCH (a:Agreement {id: $agreement_id})
MERGE (p)-[r:PARTY_TO]->(a)
SET r += $props
