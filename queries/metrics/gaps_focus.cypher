// Focus areas with no activity in the window. Params: $focus (list of focus values),
// $as_of, $since (YYYY-MM-DD), $tlp_max (int). Returns subject (focus value), activities (0).
UNWIND $focus AS subject
OPTIONAL MATCH (x:Activity)
  WHERE subject IN coalesce(x.focus, [])
    AND x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
    AND coalesce(x.start, '0') <= left($as_of, size(coalesce(x.start, '0')))
    AND left($since, size(coalesce(x.end, x.start, '9999'))) <= coalesce(x.end, x.start, '9999')
WITH subject, count(x) AS activities
WHERE activities = 0
RETURN subject, activities
ORDER BY subject
