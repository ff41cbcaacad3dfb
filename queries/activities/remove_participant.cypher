// Remove one (Partner)-[:PARTICIPATED_IN]->(Activity) tie. Params: $activity_id, $partner_id.
// Returns removed (0 or 1).
OPTIONAL MATCH (:Partner {id: $partner_id})-[r:PARTICIPATED_IN]->(:Activity {id: $activity_id})
DELETE r
RETURN count(r) AS removed
