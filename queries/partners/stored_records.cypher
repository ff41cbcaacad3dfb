// The stored properties of the given partners, as one list (one record, see
// partners/existing_ids). Params: $ids. Returns records [{id, node}].
UNWIND $ids AS id
MATCH (n:Partner {id: id})
RETURN collect({id: id, node: n {.*}}) AS records
