"""What changed between two metric runs: partners added and removed, the biggest movers in
one metric's ranking, communities that split or merged, partners newly isolated, and
single points of failure that appeared or went.

`diff` is a pure function of the two runs' values per partner ({id: {m_*: value}}, as
`MEASURED` holds them). A partner deleted from the graph takes its history with it, so the
removed are counted (from the earlier run's `counts.measured`: those no longer in the graph
now, deleted after the later run too), not named.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Values = Mapping[str, Mapping[str, Any]]  # partner id → its m_* values in one run


@dataclass(frozen=True)
class Move:
    partner: str
    before: int  # its rank in the earlier run, 1 = highest value
    after: int

    @property
    def change(self) -> int:
        """Places gained (positive: up the ranking)."""
        return self.before - self.after


@dataclass(frozen=True)
class Reshaped:
    community: int  # split: the earlier run's community; merged: the later run's
    parts: tuple[int, ...]  # split: the later communities it went to; merged: those it joined


@dataclass(frozen=True)
class RunDiff:
    added: tuple[str, ...]
    removed: int
    movers: tuple[Move, ...]
    splits: tuple[Reshaped, ...]
    merges: tuple[Reshaped, ...]
    newly_isolated: tuple[str, ...]
    newly_articulation: tuple[str, ...]
    no_longer_articulation: tuple[str, ...]


def ranks(values: Values, metric: str) -> dict[str, int]:
    """Each partner with a value's place by `metric`, highest first: 1 + how many partners
    have a higher value, so equal values share a place.

    >>> ranks({"a": {"m": 1.0}, "b": {"m": 3.0}, "c": {"m": None}, "d": {"m": 1.0}}, "m")
    {'b': 1, 'a': 2, 'd': 2}
    """
    valued = sorted(((v[metric], pid) for pid, v in values.items()
                     if isinstance(v.get(metric), (int, float)) and not math.isnan(v[metric])),
                    key=lambda t: (-t[0], t[1]))
    out: dict[str, int] = {}
    for i, (value, pid) in enumerate(valued):
        out[pid] = out[valued[i - 1][1]] if i and valued[i - 1][0] == value else i + 1
    return out


def reshaped(source: Mapping[str, int], target: Mapping[str, int],
             share: float) -> tuple[Reshaped, ...]:
    """The communities of `source` whose members went to two or more communities of
    `target`, each taking at least `share` of them and at least two (members of both runs
    only), by community number.

    >>> reshaped({"a": 0, "b": 0, "c": 0, "d": 0}, {"a": 0, "b": 0, "c": 5, "d": 5}, 0.25)
    (Reshaped(community=0, parts=(0, 5)),)
    """
    went: dict[int, Counter[int]] = defaultdict(Counter)
    for pid, c in source.items():
        if pid in target:
            went[c][target[pid]] += 1
    out = []
    for c in sorted(went):
        total = sum(went[c].values())
        parts = sorted(t for t, n in went[c].items() if n >= 2 and n >= share * total)
        if len(parts) >= 2:
            out.append(Reshaped(c, tuple(parts)))
    return tuple(out)


def diff(before: Values, after: Values, *, metric: str = "m_pagerank", top: int = 10,
         share: float = 0.25, measured_before: int | None = None) -> RunDiff:
    """Compare two runs' values.

    Parameters
    ----------
    before, after : the earlier and the later run's values per partner.
    metric : the `m_*` value whose ranking the movers are taken from.
    top : how many movers: the largest changes of place (either way) among partners ranked
        in both runs whose value changed, ties by partner id.
    share : the least share of a community's members (and at least two) that counts as a
        part of it when it split or merged.
    measured_before : how many partners the earlier run measured (its `counts.measured`),
        for the removed (those of them no longer in the graph now, so a partner deleted after
        the later run counts too); None counts none.
    """
    both = before.keys() & after.keys()
    was, now = ranks(before, metric), ranks(after, metric)
    # A move is a change of place that comes with a change of value: a partner whose value
    # held while others passed it or joined above is not a mover.
    moves = [Move(pid, was[pid], now[pid]) for pid in sorted(both & was.keys() & now.keys())
             if was[pid] != now[pid] and before[pid][metric] != after[pid][metric]]
    moves.sort(key=lambda m: (-abs(m.change), m.partner))

    def community(values: Values) -> dict[str, int]:
        return {pid: v["m_community"] for pid, v in values.items()
                if pid in both and v.get("m_community") is not None}

    def flagged(values: Values, pid: str, key: str) -> bool:
        return bool(values[pid].get(key))

    def isolated(values: Values, pid: str) -> bool:
        return values[pid].get("m_degree") == 0

    return RunDiff(
        added=tuple(sorted(after.keys() - before.keys())),
        removed=max((measured_before or 0) - len(before), 0),
        movers=tuple(moves[:top]),
        splits=reshaped(community(before), community(after), share),
        merges=reshaped(community(after), community(before), share),
        newly_isolated=tuple(sorted(p for p in both
                                    if isolated(after, p) and not isolated(before, p))),
        newly_articulation=tuple(sorted(
            p for p in both if flagged(after, p, "m_articulation")
            and not flagged(before, p, "m_articulation"))),
        no_longer_articulation=tuple(sorted(
            p for p in both if flagged(before, p, "m_articulation")
            and not flagged(after, p, "m_articulation"))),
    )
