// Partners, agreements, activities, platforms and objectives last written by one of the
// given imports (--prune's candidates). Params: $imports (list of import ids).
// Returns label, id.
MATCH (n)
WHERE n.import_id IN $imports
  AND (n:Partner OR n:Agreement OR n:Activity OR n:Platform OR n:Objective)
RETURN [l IN labels(n) WHERE l IN ['Partner', 'Agreement', 'Activity', 'Platform', 'Objective']][0] AS label,
       n.id AS id
