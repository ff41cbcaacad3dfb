// Copy one batch of a run's values onto its partners as their latest values (m_* and m_run),
// clearing every metric property first so a value the run did not produce does not linger.
// The job sends the rows it wrote as MEASURED, in batches, before the run is marked complete;
// if a batch fails, restore_partners puts the previous values back.
// Params: $run, $cleared {m_*: null}, $rows [{id, values}]. Returns written.
UNWIND $rows AS row
MATCH (p:Partner {id: row.id})
SET p += $cleared
SET p += row.values, p.m_run = $run
RETURN count(p) AS written
