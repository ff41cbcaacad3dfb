"""Lanes: rows split so concurrent transactions never write the same node or group."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from graph.model import ActivityParticipant, AgreementParty, Partner
from ingest.lanes import Batch, LaneFailed, lane_batches, lane_of, phases, run_lanes
from ingest.spool import Layout, Spool


def _parties(n: int) -> list[dict[str, str]]:
    return [{"agreement_id": f"a{i % 7}", "partner_id": f"p{i}"} for i in range(n)]


def test_every_row_lands_in_exactly_one_batch_of_bounded_size() -> None:
    rows = _parties(100)
    got = list(lane_batches(AgreementParty, "agreement_parties", rows, 3, 8))

    assert sorted(r["partner_id"] for b in got for r in b.rows) == sorted(r["partner_id"] for r in rows)
    assert all(1 <= len(b.rows) <= 8 for b in got)
    assert len({b.key for b in got}) == len(got)


def test_a_group_never_spans_two_lanes() -> None:
    got = list(lane_batches(AgreementParty, "agreement_parties", _parties(100), 2, 5))
    lanes_of_group: dict[str, set[int]] = {}
    for b in got:
        for r in b.rows:
            lanes_of_group.setdefault(r["agreement_id"], set()).add(b.lane)

    assert all(len(lanes) == 1 for lanes in lanes_of_group.values())
    assert len({lane for lanes in lanes_of_group.values() for lane in lanes}) == 2


def test_the_split_is_the_same_in_every_process_and_keeps_spool_order() -> None:
    # CRC-32, not the salted hash(): a resumed run in another process names the same batches.
    assert lane_of(Partner, {"id": "p1"}, 2) == 1 and lane_of(Partner, {"id": "p2"}, 2) == 1
    assert lane_of(Partner, {"id": "p4"}, 2) == 0
    got = list(lane_batches(Partner, "partners", [{"id": f"p{i}"} for i in range(10)], 1, 4))
    assert [b.key for b in got] == ["partners/0/0", "partners/0/1", "partners/0/2"]
    assert [r["id"] for b in got for r in b.rows] == [f"p{i}" for i in range(10)]
    assert [b.end for b in got] == [4, 8, 10]


def test_lanes_write_in_order_on_their_own_threads() -> None:
    seen: dict[int, list[str]] = {}
    threads: dict[int, set[str]] = {}
    lock = threading.Lock()

    def write(b: Batch) -> None:
        with lock:
            seen.setdefault(b.lane, []).append(b.key)
            threads.setdefault(b.lane, set()).add(threading.current_thread().name)

    batches = list(lane_batches(Partner, "partners", [{"id": f"p{i}", "props": {}} for i in range(50)], 2, 3))
    run_lanes(batches, 2, write)

    for lane, keys in seen.items():
        assert keys == [b.key for b in batches if b.lane == lane]
        assert len(threads[lane]) == 1
    assert sum(map(len, seen.values())) == len(batches)


def test_a_failing_lane_stops_the_others_and_raises_its_cause() -> None:
    written: list[str] = []

    def write(b: Batch) -> None:
        if b.key == "partners/0/1":
            raise OSError("database stopped")
        written.append(b.key)

    batches = list(lane_batches(Partner, "partners", [{"id": f"p{i}", "props": {}} for i in range(400)], 2, 3))
    with pytest.raises(LaneFailed) as caught:
        run_lanes(batches, 2, write)

    assert isinstance(caught.value.cause, OSError)
    assert "partners/0/1" not in written and len(written) < len(batches) - 1


def test_an_interrupt_in_a_lane_is_raised_as_itself_not_left_hanging() -> None:
    # A lane thread that died of an interrupt used to leave the reader blocked on its full
    # inbox for ever.
    def write(b: Batch) -> None:
        if b.key == "partners/1/0":
            raise KeyboardInterrupt

    batches = list(lane_batches(Partner, "partners", [{"id": f"p{i}", "props": {}} for i in range(400)], 2, 3))
    with pytest.raises(KeyboardInterrupt):
        run_lanes(batches, 2, write)


def test_batches_of_several_lanes_are_sorted_by_what_lanes_share() -> None:
    got = list(lane_batches(AgreementParty, "agreement_parties", _parties(100)[::-1], 2, 10))

    assert all([r["partner_id"] for r in b.rows] == sorted(r["partner_id"] for r in b.rows)
               for b in got)


def _participants(n: int) -> list[dict[str, str]]:
    # Every activity has several partners and every partner several activities.
    return [{"activity_id": f"x{i % 13}", "partner_id": f"p{i % 17}", "n": str(i)} for i in range(n)]


@pytest.mark.parametrize("lanes", [2, 3])
def test_ties_in_blocks_share_no_node_between_the_lanes_of_a_phase(lanes: int) -> None:
    # A tie locks both ends: lanes split by the activity alone wait on each other's partners.
    rows = _participants(221)
    assert phases(ActivityParticipant, lanes) == list(range(lanes))
    seen: list[str] = []
    for phase in phases(ActivityParticipant, lanes):
        got = list(lane_batches(ActivityParticipant, "activity_participants", rows, lanes, 7, phase))
        for end in ("activity_id", "partner_id"):
            ends_of_lane = [{r[end] for b in got if b.lane == lane for r in b.rows}
                            for lane in range(lanes)]
            assert all(not (ends_of_lane[a] & ends_of_lane[b])
                       for a in range(lanes) for b in range(a + 1, lanes))
        assert len({b.lane for b in got}) > 1  # the phase does run lanes side by side
        assert all(1 <= len(b.rows) <= 7 for b in got)
        seen += [r["n"] for b in got for r in b.rows]
        assert all(b.key.startswith(f"activity_participants/{b.lane}.{(b.lane + phase) % lanes}/")
                   for b in got)

    assert sorted(seen) == sorted(r["n"] for r in rows)  # every row in exactly one phase


def test_nodes_and_one_lane_take_a_single_phase_and_old_imports_the_split_by_group() -> None:
    assert phases(Partner, 2) == [None]
    assert phases(ActivityParticipant, 1) == [None]
    assert phases(ActivityParticipant, 2, blocks=False) == [None]
    got = list(lane_batches(ActivityParticipant, "activity_participants", _participants(40), 2, 100))
    assert sorted(b.key for b in got) == ["activity_participants/0/0", "activity_participants/1/0"]


@pytest.mark.parametrize("lanes", [2, 3])
def test_a_spool_kept_by_phase_gives_each_phase_the_batches_of_a_whole_one(
        lanes: int, tmp_path: Path) -> None:
    records = [ActivityParticipant(activity_id=f"x{i % 13}", partner_id=f"p{i % 17}",
                                   role="lead" if i % 5 else "participant") for i in range(221)]
    whole, split = Spool(tmp_path / "whole"), Spool(tmp_path / "split", Layout(lanes=lanes))
    for spool in (whole, split):
        spool.root.mkdir()
        for record in records:
            spool.add(record)
        spool.close()

    read = 0
    for phase in phases(ActivityParticipant, lanes):
        def cut(rows: Iterable[dict[str, Any]], phase: int | None = phase) -> list[tuple[str, list]]:
            return [(b.key, b.rows) for b in lane_batches(
                ActivityParticipant, "activity_participants", rows, lanes, 7, phase)]

        mine = list(split.rows(ActivityParticipant, phase))
        read += len(mine)
        assert cut(mine) == cut(whole.rows(ActivityParticipant, phase))
    assert read == len(records)  # each row read in its phase alone
    with pytest.raises(ValueError, match="by phase"):
        next(split.rows(ActivityParticipant))
