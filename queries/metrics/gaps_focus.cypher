// Focus areas with no activity in the window (the window of gaps_partners: started, else
// announced, by $as_of and ended, started or announced on or after $since, open-ended ones
// always; an activity with no date at all is of unknown date, never in the window).
// Params: $focus (list of focus values), $as_of, $since (YYYY-MM-DD), $tlp_max (int).
// Returns subject (focus value), activities (0), undated (activities of that focus with
// no date).
UNWIND $focus AS subject
OPTIONAL MATCH (x:Activity)
  WHERE subject IN coalesce(x.focus, [])
    AND x.status IN ['completed', 'ongoing'] AND coalesce(x.tlp_rank, 4) <= $tlp_max
WITH subject, x, x.start IS NULL AND x.end IS NULL AND x.announced_on IS NULL AS undated
WITH subject, x, undated, NOT undated
     AND coalesce(x.start, x.announced_on, '0') <= left($as_of, size(coalesce(x.start, x.announced_on, '0')))
     AND (coalesce(x.open_ended, false)
          OR left($since, size(coalesce(x.end, x.start, x.announced_on))) <= coalesce(x.end, x.start, x.announced_on)) AS recent
WITH subject, count(CASE WHEN recent THEN x END) AS activities,
     count(CASE WHEN undated THEN x END) AS undated
WHERE activities = 0
RETURN subject, activities, undated
ORDER BY subject
