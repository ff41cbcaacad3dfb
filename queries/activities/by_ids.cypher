// Activities by id that the viewer may see (DataLoader batch).
// Params: $ids, $max_tlp. Returns id, node; hidden and missing ids are absent alike.
UNWIND $ids AS id
MATCH (n:Activity {id: id}) WHERE (n.tlp_rank <= $max_tlp OR n.id IN $visible_ids)
RETURN id, n {.*} AS node
