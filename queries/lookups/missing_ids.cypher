// Which of the named ids match nothing the caller may see: partners and platforms by id;
// agreements and activities by id and within the caller's access (hidden and missing read
// alike).
// Params: $partners, $agreements, $activities, $platforms (lists of ids), $max_tlp,
// $visible_ids. Returns partners, agreements, activities, platforms: the ids of each list
// that match nothing.
CALL {
  UNWIND $partners AS id
  OPTIONAL MATCH (n:Partner {id: id})
  WITH id, n WHERE n IS NULL
  RETURN collect(id) AS partners
}
CALL {
  UNWIND $agreements AS id
  OPTIONAL MATCH (n:Agreement {id: id}) WHERE n.tlp_rank <= $max_tlp OR n.id IN $visible_ids
  WITH id, n WHERE n IS NULL
  RETURN collect(id) AS agreements
}
CALL {
  UNWIND $activities AS id
  OPTIONAL MATCH (n:Activity {id: id}) WHERE n.tlp_rank <= $max_tlp OR n.id IN $visible_ids
  WITH id, n WHERE n IS NULL
  RETURN collect(id) AS activities
}
CALL {
  UNWIND $platforms AS id
  OPTIONAL MATCH (n:Platform {id: id})
  WITH id, n WHERE n IS NULL
  RETURN collect(id) AS platforms
}
RETURN partners, agreements, activities, platforms
