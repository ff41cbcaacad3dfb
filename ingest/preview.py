"""What a dry run would change: the validated rows against the graph, nothing written.

Each spooled row carries the content hash the writer compares (graph/writer.py); a dry run
sends each kind's ids (or a tie's two ends) and hashes in batches to a read query that says,
per row, whether it would be created (absent), unchanged (the stored hash is the row's) or
updated. One read per batch of `batch_size` rows: about 2 s (1 s of Python CPU) for the
224k rows of the 10k benchmark files (bench/bench_import.py's data, `partnergraph import
--dry-run`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Partner,
    Platform,
    PlatformUse,
    Record,
)
from graph.queries import named
from graph.store import Store
from graph.writer import batches
from ingest.lanes import phases
from ingest.spool import KIND_NAMES, Spool

_PREVIEW = {
    Partner: named("partners/preview"), Objective: named("objectives/preview"),
    Platform: named("platforms/preview"), Agreement: named("agreements/preview"),
    Activity: named("activities/preview"),
    AgreementParty: named("agreements/preview_parties"),
    ActivityParticipant: named("activities/preview_participants"),
    PlatformUse: named("platforms/preview_use"),
}
_ENDS = {AgreementParty: "agreement_id", ActivityParticipant: "activity_id",
         PlatformUse: "platform_id"}


def preview(store: Store, spool: Spool, order: Iterable[type[Record]],
            batch_size: int) -> dict[str, Counter[str]]:
    """Counts by status (created, updated, unchanged) per kind, as the load would report
    them, for the rows in `spool`."""
    counts: dict[str, Counter[str]] = {}
    for kind in order:
        if not spool.sizes[kind]:
            continue
        got: Counter[str] = Counter()
        end = _ENDS.get(kind)
        for phase in phases(kind, spool.lanes):
            for chunk in batches(spool.rows(kind, phase), batch_size):
                rows = ([{"id": r["id"], "hash": r["hash"]} for r in chunk] if end is None else
                        [{"partner_id": r["partner_id"], end: r[end], "hash": r["hash"]}
                         for r in chunk])
                for row in store.read(_PREVIEW[kind], rows=rows):
                    got[row["status"]] += row["n"]
        counts[KIND_NAMES[kind]] = got
    return counts
