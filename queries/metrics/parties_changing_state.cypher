// Memberships that change state soon: a consent to be bound (ratified_on) or an entry into
// force for the partner (in_force_on) dated after $as_of and on or before $until, on an
// agreement signed, active or suspended. Dates are partial strings, compared at their own
// precision. Params: $as_of, $until (YYYY-MM-DD), $tlp_max (int).
// Returns subject (agreement id), title, kind, partner, role, ratified_on, in_force_on, and
// events: [{event: 'consent'|'entry_into_force', day}] within the window, earliest first.
MATCH (p:Partner)-[r:PARTY_TO]->(a:Agreement)
WHERE a.status IN ['signed', 'active', 'suspended'] AND coalesce(a.tlp_rank, 4) <= $tlp_max
  AND r.role IN ['party', 'depositary', 'signatory']
WITH p, r, a,
     [e IN [{event: 'consent', day: r.ratified_on}, {event: 'entry_into_force', day: r.in_force_on}]
      WHERE e.day IS NOT NULL AND e.day > left($as_of, size(e.day))
        AND e.day <= left($until, size(e.day))] AS events
WHERE size(events) > 0
RETURN a.id AS subject, a.title AS title, a.kind AS kind, p.id AS partner, r.role AS role,
       r.ratified_on AS ratified_on, r.in_force_on AS in_force_on, events
ORDER BY events[0].day, subject, partner
