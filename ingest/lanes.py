"""Split one kind's rows into lanes that concurrent transactions write without contending.

A row's lane follows from the node its batch would otherwise share with another lane: a
node's own id, a tie's group (the agreement of a `PARTY_TO`, the activity of a
`PARTICIPATED_IN`, the partner of a `USES`, whose platforms are few). Two lanes therefore
never write the same node or the same tie, and the rows of one group stay in one lane, in
spool order. The split depends only on the rows and the number of lanes (CRC-32, not
Python's salted `hash`), so a resumed import, given the same lane count, rebuilds exactly
the batches the interrupted one named in its checkpoint.
"""

from __future__ import annotations

import queue
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graph.model import ActivityParticipant, AgreementParty, Partner, PlatformUse, Record

GROUP_FIELD: dict[type[Record], str] = {
    AgreementParty: "agreement_id",
    ActivityParticipant: "activity_id",
    PlatformUse: "partner_id",
}

# What lanes still share (a tie's other end, a partner's country): each batch is sorted by
# it so that concurrent transactions lock shared nodes in the same order and wait for each
# other instead of deadlocking (measured: 7-10 deadlock retries per 10k-partner import
# unsorted, none sorted).
_SHARED: dict[type[Record], Callable[[dict[str, Any]], str]] = {
    Partner: lambda r: r["props"].get("country") or "",
    AgreementParty: lambda r: r["partner_id"],
    ActivityParticipant: lambda r: r["partner_id"],
    PlatformUse: lambda r: r["platform_id"],
}


@dataclass(frozen=True)
class Batch:
    key: str  # "kind/lane/seq": what the checkpoint records once the batch is committed
    lane: int
    rows: list[dict[str, Any]]
    end: int  # position of its last row within the kind (1-based), for old checkpoints


def lane_of(kind: type[Record], row: dict[str, Any], lanes: int) -> int:
    if lanes == 1:
        return 0
    return zlib.crc32(row[GROUP_FIELD.get(kind, "id")].encode()) % lanes


def lane_batches(kind: type[Record], name: str, rows: Iterable[dict[str, Any]], lanes: int,
                 size: int) -> Iterator[Batch]:
    """Batches of at most `size` rows, each from one lane, numbered per lane in order."""
    pending: list[list[dict[str, Any]]] = [[] for _ in range(lanes)]
    seq = [0] * lanes
    position = 0

    shared = _SHARED.get(kind) if lanes > 1 else None

    def batch(lane: int) -> Batch:
        if shared is not None:
            pending[lane].sort(key=shared)
        done = Batch(f"{name}/{lane}/{seq[lane]}", lane, pending[lane], position)
        pending[lane] = []
        seq[lane] += 1
        return done

    for row in rows:
        position += 1
        lane = lane_of(kind, row, lanes)
        pending[lane].append(row)
        if len(pending[lane]) >= size:
            yield batch(lane)
    for lane in range(lanes):
        if pending[lane]:
            yield batch(lane)


class LaneFailed(Exception):
    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def run_lanes(batches: Iterable[Batch], lanes: int, write: Callable[[Batch], None]) -> None:
    """Write each lane's batches in order on its own thread; return when all are written.

    The first failure stops every lane after its current batch (what was committed stays
    committed: the checkpoint names it) and is raised as LaneFailed once all have stopped.
    """
    if lanes == 1:  # no thread to wait on
        try:
            for b in batches:
                write(b)
        except Exception as exc:
            raise LaneFailed(exc) from exc
        return
    inboxes: list[queue.Queue[Batch | None]] = [queue.Queue(maxsize=2) for _ in range(lanes)]
    failures: list[BaseException] = []
    stop = threading.Event()

    def work(inbox: queue.Queue[Batch | None]) -> None:
        while (b := inbox.get()) is not None:
            if stop.is_set():
                continue  # drain, so the reader never blocks on a stopped lane
            try:
                write(b)
            except BaseException as exc:  # noqa: BLE001 - raised again in the reader's thread
                failures.append(exc)  # (an interrupt too: a dead lane would block the reader)
                stop.set()

    threads = [threading.Thread(target=work, args=(inbox,), name=f"import-lane-{i}")
               for i, inbox in enumerate(inboxes)]
    for t in threads:
        t.start()
    try:
        for b in batches:
            if stop.is_set():
                break
            inboxes[b.lane].put(b)
    except BaseException:  # the reader's own failure (Ctrl-C, a spool it cannot read)
        stop.set()  # lanes finish the batch in hand and write nothing more
        raise
    finally:
        for inbox in inboxes:
            inbox.put(None)
        for t in threads:
            t.join()
    if failures:
        if not isinstance(failures[0], Exception):  # KeyboardInterrupt, SystemExit: as they are
            raise failures[0]
        raise LaneFailed(failures[0]) from failures[0]
