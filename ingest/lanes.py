"""Split one kind's rows into lanes that concurrent transactions write without contending.

A node's lane follows from its own id, so two lanes never write the same node (they do
share the hubs a node links to: a partner's country, an agreement's objectives). A tie locks
both of its ends, and a split by one end alone (its group: the agreement of a `PARTY_TO`,
the activity of a `PARTICIPATED_IN`, the partner of a `USES`) leaves the other end shared:
the lanes then wait on each other's partners and the writes run one at a time (measured:
two lanes no faster than one, with deadlock retries). So ties are split into blocks by
both ends ("mix and batch"): with n lanes, block (i, j) holds the ties whose group hashes to
i and whose other end hashes to j, and the ties are written in n phases; in phase d, lane i
writes block (i, i + d mod n). The blocks of one phase share no node, so the lanes never
wait on each other; a phase starts when the previous one has finished.

The split depends only on the rows, the number of lanes and the batch size (CRC-32, not
Python's salted `hash`), so a resumed import, given the same three, rebuilds exactly the
batches the interrupted one named in its checkpoint. Each lane takes its rows in spool
order; with several lanes, a batch is then sorted by what the lanes still share (`_SHARED`).
"""

from __future__ import annotations

import queue
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from graph.model import ActivityParticipant, AgreementParty, Partner, PlatformUse, Record

# A tie's two ends, as row keys: its group (which decides its lane) and its other end.
GROUP_FIELD: dict[type[Record], str] = {
    AgreementParty: "agreement_id",
    ActivityParticipant: "activity_id",
    PlatformUse: "partner_id",
}
OTHER_END: dict[type[Record], str] = {
    AgreementParty: "partner_id",
    ActivityParticipant: "partner_id",
    PlatformUse: "platform_id",
}

# What concurrent lanes still share (a partner's country; a tie's other end in the split by
# group alone): each batch is sorted by it so that transactions lock shared nodes in the
# same order and wait for each other instead of deadlocking (measured: 7-10 deadlock
# retries per 10k-partner import unsorted, none sorted).
_SHARED: dict[type[Record], Callable[[dict[str, Any]], str]] = {
    Partner: lambda r: r["props"].get("country") or "",
    **{kind: itemgetter(key) for kind, key in OTHER_END.items()},
}


@dataclass(frozen=True)
class Batch:
    key: str  # "kind/lane/seq" ("kind/i.j/seq" for a block of ties): what the checkpoint records
    lane: int
    rows: list[dict[str, Any]]
    end: int  # rows read when it was cut (1-based; of the kind, or of its phase's spool file when
    # the spool keeps ties by phase), for row-count checkpoints (one lane: a whole spool)


def _hash(value: str, lanes: int) -> int:
    return zlib.crc32(value.encode()) % lanes


def lane_of(kind: type[Record], row: dict[str, Any], lanes: int) -> int:
    if lanes == 1:
        return 0
    return _hash(row[GROUP_FIELD.get(kind, "id")], lanes)


def by_phase(kind: type[Record], lanes: int) -> bool:
    """Whether `kind` is written in several phases on `lanes` lanes: ties on more than one."""
    return lanes > 1 and kind in OTHER_END


def phases(kind: type[Record], lanes: int, blocks: bool = True) -> list[int | None]:
    """The phases one kind is written in: n for ties on n > 1 lanes (one per diagonal of
    blocks), else a single one (None). `blocks=False` gives the split of ties by group alone,
    for an import begun before blocks: a resumed run splits its rows as its checkpoint
    names them."""
    return list(range(lanes)) if blocks and by_phase(kind, lanes) else [None]


def phase_of(kind: type[Record], row: dict[str, Any], lanes: int) -> int | None:
    """The phase in which the lanes write this row (`lane_batches`); None for a kind
    written in one."""
    if not by_phase(kind, lanes):
        return None
    return (_hash(row[OTHER_END[kind]], lanes) - _hash(row[GROUP_FIELD[kind]], lanes)) % lanes


def lane_batches(kind: type[Record], name: str, rows: Iterable[dict[str, Any]], lanes: int,
                 size: int, phase: int | None = None) -> Iterator[Batch]:
    """Batches of at most `size` rows, each from one lane, numbered per lane in order.

    With a `phase` (ties only, see `phases`), only the rows of that phase's blocks, keyed
    "kind/i.j/seq" by their block."""
    pending: list[list[dict[str, Any]]] = [[] for _ in range(lanes)]
    seq = [0] * lanes
    position = 0
    # In a phase the lanes share no node: nothing to sort by.
    shared = _SHARED.get(kind) if lanes > 1 and phase is None else None
    other = OTHER_END[kind] if phase is not None else ""

    def batch(lane: int) -> Batch:
        if shared is not None:
            pending[lane].sort(key=shared)
        block = str(lane) if phase is None else f"{lane}.{(lane + phase) % lanes}"
        done = Batch(f"{name}/{block}/{seq[lane]}", lane, pending[lane], position)
        pending[lane] = []
        seq[lane] += 1
        return done

    for row in rows:
        position += 1
        lane = lane_of(kind, row, lanes)
        if phase is not None and _hash(row[other], lanes) != (lane + phase) % lanes:
            continue
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
