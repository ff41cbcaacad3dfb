"""The scan and the validation passes: every row transformed, checked and resolved, valid
rows spooled.

The scan (`scan_all`) records what the sources define and refer to. One validation pass
reads every source in order (`validate_pass`); rows rejected withdraw the ids they define,
and the pass repeats until none does. Large imports scan and run the first pass in forked
worker processes (ingest/forked.py), each taking whole sources; the result is the serial
one, row for row (see `scan_all` and `_validate_forked`). Their CSV files of ties are
usually validated before the scan, which then skips them (`validate_ties_early`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph.access import Access
from graph.model import Partner, Record
from graph.store import Store
from graph.write_policy import WritePolicy
from ingest import forked
from ingest.csv_source import KINDS, CsvSource
from ingest.forked import Progress
from ingest.problems import Notice, RowError
from ingest.prune import Key
from ingest.resolve import Definitions, NamesUnread, NotAnId, Origin, Resolver
from ingest.source import Source, SourceRow
from ingest.spool import Layout, Rejected, Spool
from ingest.transform import LABEL_OF, RowInvalid, names_needed, row_id, scan, transform


@dataclass(frozen=True)
class Resolving:
    """The steward's say in resolution: the mapping file's entries (source id → (partner id,
    where)) and whether ambiguous partners are created anyway."""

    mapping: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    create_anyway: bool = False


class Unreadable(Exception):
    """A file could not be read at all: its rows cannot even be listed."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} file(s) could not be read")
        self.errors = errors


# The errors a pass keeps, in row order; the rest are counted. A skip-mode import still writes
# every rejected row out (they wait on disk: `Rejected`); an aborting one stops at this many.
MAX_ERRORS = 1_000
_REPORT_EVERY = 256  # rows read between two reports to the progress bar


def read_rows(sources: list[Source], progress: Progress | None) -> Iterator[SourceRow]:
    """Every row of every source; an unreadable file stops the import before any write."""
    errors: list[RowError] = []
    for source in sources:
        unreported = 0  # told in chunks: a call per row costs as much as a cell's checks
        for item in source.rows():
            if isinstance(item, RowError):
                errors.append(item)
                break
            unreported += 1
            if unreported == _REPORT_EVERY and progress:
                progress.advance(unreported)
                unreported = 0
            yield item
        if progress and unreported:
            progress.advance(unreported)
    if errors:
        raise Unreadable(errors)


# --- the scan -----------------------------------------------------------------------------

# Kinds of CSV file that define nothing (ties): their rows only refer to ids (`transform.scan`).
_REFERRING = frozenset(KINDS) - LABEL_OF.keys()


def scan_all(sources: list[Source], progress: Progress | None,
             workers: int) -> tuple[Definitions, Counter[str]]:
    """What the sources define and refer to, and their rows by file name.

    With several workers, a forked child scans the biggest CSV files of ties (up to about
    half of the bytes) while this process scans the rest. Ties only add ids to the sets of
    references, so the result is the serial scan's whatever the order; what sources define
    is recorded here alone, in source order (the first definition of an id counts)."""
    defs = Definitions()
    scanned: Counter[str] = Counter()
    unreadable: dict[int, list[RowError]] = {}

    def scan_sources(share: list[int], into: Definitions, rows: Counter[str],
                     errors: dict[int, list[RowError]], tally: Progress | None) -> None:
        for j in share:
            try:
                for row in read_rows([sources[j]], tally):
                    scan(row, into)
                    rows[row.file] += 1
            except Unreadable as exc:
                errors[j] = exc.errors

    child = _referring_half(sources) if workers > 1 else []
    mine = [j for j in range(len(sources)) if j not in child]
    if child:
        def work(_: int, tally: Progress) -> tuple[dict[str, set[str]], Counter[str],
                                                   dict[int, list[RowError]]]:
            found, rows = Definitions(), Counter[str]()
            errors: dict[int, list[RowError]] = {}
            scan_sources(child, found, rows, errors, tally)
            return dict(found.refs), rows, errors

        with tempfile.TemporaryDirectory(prefix="partnergraph-scan-") as tmp:
            [(refs, rows, errors)] = forked.run(
                1, work, Path(tmp), progress,
                meanwhile=lambda: scan_sources(mine, defs, scanned, unreadable, progress))
        for label, ids in refs.items():
            defs.refs[label] |= ids
        scanned.update(rows)
        unreadable.update(errors)
    else:
        scan_sources(mine, defs, scanned, unreadable, progress)
    if unreadable:  # as the serial scan: every unreadable file, in source order
        raise Unreadable([e for j in sorted(unreadable) for e in unreadable[j]])
    return defs, scanned


def _referring_half(sources: list[Source]) -> list[int]:
    """CSV files of ties, biggest first, until they hold about half of all the bytes."""
    size = [s.path.stat().st_size for s in sources]
    referring = sorted((j for j, s in enumerate(sources)
                        if getattr(s, "kind", None) in _REFERRING), key=lambda j: -size[j])
    share: list[int] = []
    for j in referring:
        if sum(size[i] for i in share) >= sum(size) / 2 or len(share) == len(sources) - 1:
            break
        share.append(j)
    return sorted(share)


# --- validation passes ------------------------------------------------------------------------


@dataclass
class Plan:
    """What a pass found: rejected rows by file (on disk), the first `MAX_ERRORS` errors
    and every notice in row order. `errors_more`: errors found past those; `unchecked`: rows
    read but not validated once the pass stopped at the cap (`Layout.stop_at_error_cap`)."""

    rejected: Rejected
    errors: list[RowError]
    notices: list[Notice]
    rows: int
    withdrawn: bool
    errors_more: int = 0
    unchecked: int = 0


def validate_pass(sources: list[Source], resolver: Resolver, spool: Spool,
                  progress: Progress | None, policy: WritePolicy) -> Plan:
    """One pass over every row of `sources`: valid records to `spool`, the rest to the plan."""
    defs = resolver.defs
    (spool.root / "rejected").mkdir(parents=True, exist_ok=True)
    rejected = Rejected(spool.root / "rejected")
    errors: list[RowError] = []
    errors_more = unchecked = 0
    notices: list[Notice] = []
    rows = 0
    withdrawn = False
    checked = not policy.access.unrestricted  # the command line's full access breaks no rule
    dates = sources[0].options.date_order if sources else None  # one import, one set of options
    for row in read_rows(sources, progress):
        rows += 1
        if spool.stop_at_error_cap and len(errors) >= MAX_ERRORS:
            unchecked += 1  # read to the end all the same: the file must be readable
            continue
        try:
            done = transform(row, resolver, dates)
            refused = [RowError(row.file, row.line, column, value, reason)
                       for record in done.records
                       for column, value, reason in policy.problems(record)] if checked else []
            if refused:
                raise RowInvalid(refused)
        except RowInvalid as exc:
            if spool.stop_at_error_cap:  # refused whole: no rejects file to write
                rejected.counts[row.file] += 1
            else:
                rejected.add(row.file, row, exc.errors)
            room = max(0, MAX_ERRORS - len(errors))
            errors.extend(exc.errors[:room])
            errors_more += len(exc.errors[room:])
            label = LABEL_OF.get(row.kind)
            rid = row_id(row)
            if label and rid and defs.first[label].get(rid) == Origin(row.file, row.line, row.pointer) \
                    and rid not in defs.invalid[label]:
                defs.invalid[label].add(rid)
                withdrawn = True
            continue
        for record in done.records:
            spool.add(record)
        notices.extend(done.notices)
    rejected.close()
    return Plan(rejected, errors, notices, rows, withdrawn, errors_more, unchecked)


# --- serial or forked ------------------------------------------------------------------------

_FORK_FROM_ROWS = 20_000  # smaller imports validate in well under a second: not worth a fork
_MAX_WORKERS = 2
# The cost of a source, to share them out: its bytes, plus this many for the work every row
# costs whatever its length (fitted on the synthetic files: about 14 µs a row, 0.3 µs a byte;
# by bytes alone the worker with the participants took 55% of the time, by rows alone 60%).
_ROW_BYTES = 40

# Sources that can tie the same pair must go to one worker, whose `resolver.ties` then sees
# every duplicate tie, first occurrence included, as the serial pass does.
_TIES_FROM = {"agreements": "AgreementParty", "agreement_parties": "AgreementParty",
              "activities": "ActivityParticipant",
              "activity_participants": "ActivityParticipant", "platform_use": "PlatformUse"}
_ANY_TIES = frozenset(_TIES_FROM.values())


def workers_for(asked: int | None, access: Access, rows: int) -> int:
    """Processes to scan and validate with (`rows`: counted, or estimated from the files'
    size before the scan). One under restricted access: its policy plans TLPs row by row
    across sources. One off the main thread: a server's worker thread forking would copy
    the locks its other threads hold."""
    if not access.unrestricted or threading.current_thread() is not threading.main_thread():
        return 1
    if asked is not None:
        return asked
    if rows < _FORK_FROM_ROWS:
        return 1
    # The CPUs this process may run on where the system says (Linux), else all of them.
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(_MAX_WORKERS, cpus or 1)


def validate_all(sources: list[Source], resolver: Resolver, policy: WritePolicy, root: Path,
                  layout: Layout, progress: Progress | None, scanned: Counter[str],
                  workers: int) -> tuple[Spool, Plan]:
    """Validation passes until no row withdraws an id; the spool of the last one."""
    if workers > 1:
        _new_pass(resolver, policy, progress, scanned.total())
        if (done := _validate_forked(sources, resolver, policy, root, layout, progress,
                                     _shares(sources, workers, scanned))) is not None:
            return done
    while True:
        spool = Spool(root, layout)
        _new_pass(resolver, policy, progress, scanned.total())
        try:
            plan = validate_pass(sources, resolver, spool, progress, policy)
        finally:
            spool.close()
        if not plan.withdrawn:
            return spool, plan


def _new_pass(resolver: Resolver, policy: WritePolicy, progress: Progress | None,
              rows: int) -> None:
    if progress:
        progress.phase("validating", rows)
    resolver.governments.clear()
    resolver.ties.clear()
    policy.planned.clear()


@dataclass
class _Share:
    """What one worker found, by source index, for the parent to merge in source order."""

    plans: dict[int, Plan] = field(default_factory=dict)
    unreadable: dict[int, list[RowError]] = field(default_factory=dict)
    sizes: dict[int, Counter[type[Record]]] = field(default_factory=dict)
    keys: set[Key] = field(default_factory=set)
    governments: dict[str, Partner] = field(default_factory=dict)


def _validate_forked(sources: list[Source], resolver: Resolver, policy: WritePolicy, root: Path,
                     layout: Layout, progress: Progress | None, shares: list[list[int]],
                     kept: tuple[_Share, ...] = ()) -> tuple[Spool, Plan] | None:
    """The first pass, each worker validating whole sources (`shares`: the indexes of each
    worker's) into a spool per source; `kept`: what earlier workers found for the other
    sources, gathered with it (`validate_ties_early`).

    Exact when no row withdraws an id: every row then sees the same definitions as in the
    serial pass, and duplicate ties meet in one worker (`_shares`). A withdrawal is seen
    by the later rows of the serial pass but not by the other worker's: then None, and the
    serial passes decide, starting afresh (the workers changed nothing in this process).
    Partner names are read from the graph here, before the fork, when a reference may need
    them (a worker has no connection of its own).
    """
    if names_needed(resolver):  # once here, rather than once in each worker
        resolver.read_names()
    (root / "forked").mkdir(exist_ok=True)

    def work(i: int, tally: Progress) -> _Share | None:
        resolver.detach()
        try:
            return _validate_share(sources, shares[i], resolver, policy, root, layout, tally)
        except NamesUnread:  # a partner withdrawn, then named by its id: serial passes follow
            return None

    found: list[_Share | None] = forked.run(len(shares), work, root / "forked", progress)
    if None in found:
        _abandon(root)
        return None
    return _gathered(sources, resolver, root, layout,
                     [*kept, *(share for share in found if share is not None)])


def _gathered(sources: list[Source], resolver: Resolver, root: Path, layout: Layout,
              found: list[_Share]) -> tuple[Spool, Plan] | None:
    """What workers found for every source, as one pass over them all would have found it;
    None after a withdrawal."""
    unreadable = {j: e for share in found for j, e in share.unreadable.items()}
    if unreadable:  # as `_read` would: every unreadable file, in source order
        raise Unreadable([e for j in sorted(unreadable) for e in unreadable[j]])
    plan = _merge([p for _, p in sorted((j, p) for share in found for j, p in share.plans.items())], root)
    if plan.withdrawn or (layout.stop_at_error_cap and plan.errors_more + len(plan.errors) >= MAX_ERRORS):
        # The serial pass stops at the cap's row; the workers went on past it.
        _abandon(root)
        return None
    spool = Spool(root, layout, parts=tuple(_part(root, j) for j in range(len(sources))))
    sizes = {j: n for share in found for j, n in share.sizes.items()}
    for j in sorted(sizes):  # the kinds in the order the serial pass first met them
        spool.sizes.update(sizes[j])
    for share in found:
        if spool.keys is not None:
            spool.keys |= share.keys
        resolver.governments.update(share.governments)
    return spool, plan


def _validate_share(sources: list[Source], share: list[int], resolver: Resolver,
                    policy: WritePolicy, root: Path, layout: Layout,
                    tally: Progress | None) -> _Share:
    """In a worker: validate the sources of `share`, in source order."""
    out = _Share()
    for j in share:
        spool = Spool(_part(root, j), layout)
        spool.root.mkdir()
        try:
            out.plans[j] = validate_pass([sources[j]], resolver, spool, tally, policy)
        except Unreadable as exc:
            out.unreadable[j] = exc.errors
        finally:
            spool.close()
        out.sizes[j] = spool.sizes
        out.keys |= spool.keys or set()
    out.governments = resolver.governments
    return out


def _part(root: Path, source: int) -> Path:
    return root / "forked" / f"source-{source}"


def _merge(plans: list[Plan], root: Path) -> Plan:
    """Plans of consecutive sources, as one pass over all of them would have made."""
    out = Plan(Rejected(root), [], [], 0, False)
    for plan in plans:
        out.rejected.extend(plan.rejected)
        room = max(0, MAX_ERRORS - len(out.errors))
        out.errors += plan.errors[:room]
        out.errors_more += len(plan.errors[room:]) + plan.errors_more
        out.notices += plan.notices
        out.rows += plan.rows
        out.withdrawn |= plan.withdrawn
        out.unchecked += plan.unchecked
    return out


def _shares(sources: list[Source], workers: int, scanned: Counter[str]) -> list[list[int]]:
    """Source indexes per worker, each in source order, none empty. Sources that may tie the
    same pair form one unit; units go costliest first to the least loaded worker."""
    units: list[tuple[frozenset[str], list[int]]] = []
    for j, source in enumerate(sources):
        ties = _ties_of(source)
        joined = [u for u in units if u[0] & ties]
        units = [u for u in units if not u[0] & ties]
        units.append((ties.union(*(u[0] for u in joined)),
                      sorted([j, *(i for u in joined for i in u[1])])))
    size = [s.path.stat().st_size + _ROW_BYTES * scanned[s.name] for s in sources]
    loads = [0] * workers
    shares: list[list[int]] = [[] for _ in range(workers)]
    for _, members in sorted(units, key=lambda u: (-sum(size[i] for i in u[1]), u[1][0])):
        lightest = loads.index(min(loads))
        shares[lightest] += members
        loads[lightest] += sum(size[i] for i in members)
    return [sorted(share) for share in shares if share]


# The column by which a CSV file of agreements or activities gives ties inline.
_INLINE_TIES = {"agreements": "parties", "activities": "participants"}


def _ties_of(source: Source) -> frozenset[str]:
    """The kinds of tie a source can hold: a CSV file holds one kind of row (known once
    scanned, or from its name), and agreements or activities ties only if its header has
    the column for them; a JSON document or STIX bundle any."""
    kind = getattr(source, "kind", None)
    if kind is None:
        return _ANY_TIES
    if kind not in _TIES_FROM:
        return frozenset()
    if kind in _INLINE_TIES and isinstance(source, CsvSource) \
            and (columns := source.columns()) is not None \
            and _INLINE_TIES[kind] not in columns:
        return frozenset()
    return frozenset({_TIES_FROM[kind]})


# --- ties validated before the scan -----------------------------------------------------------


def early_sources(sources: list[Source]) -> list[int]:
    """Indexes of the CSV files of ties that forked workers may validate from the start,
    while this process scans and validates the rest (`validate_ties_early`): their rows
    define no id, and no other source can hold their kind of tie (the check for duplicate
    ties needs every tie of a kind in one process)."""
    rest = frozenset().union(*(_ties_of(s) for s in sources
                               if getattr(s, "kind", None) not in _REFERRING))
    return [j for j, s in enumerate(sources)
            if getattr(s, "kind", None) in _REFERRING and not _ties_of(s) & rest]


def validate_ties_early(sources: list[Source], early: list[int], store: Store, access: Access,
                        root: Path, layout: Layout, progress: Progress | None,
                        workers: int, resolving: Resolving) -> tuple[Resolver, Spool, Plan] | None:
    """Validate the `early` sources (see `early_sources`) in forked workers from the start,
    while this process scans the rest, then validates it: the scan of the files of ties,
    most of the rows of a large import, is not needed.

    Without the scan nobody knows yet what the import defines, so the workers take every
    reference for an id and note it (`Resolver.deferred`); the ids noted are then looked up
    among the rest's definitions and in the graph. When every one is found, each early row
    met the answers the serial pass would have given it, and the outcome is the serial
    one, row for row. If not (a reference by name, by country, to an id missing), that
    worker's files are validated again in forked workers, now with the import's
    definitions, as `_validate_forked` would. None when a row withdraws an id or
    a file is unreadable: the import scans and validates as usual, and what the workers
    did is thrown away.
    """
    assert access.unrestricted  # (workers_for) a restricted policy plans across sources
    rest = [j for j in range(len(sources)) if j not in early]
    shares = [[early[k] for k in share]
              for share in _shares([sources[j] for j in early], workers, Counter())]
    policy = WritePolicy.load(store, access, ())  # full access here: no rule to plan
    (root / "forked").mkdir()
    try:
        resolver, own, found = _early_and_rest(sources, early, rest, shares, store, access,
                                               policy, root, layout, progress, resolving)
    except Unreadable:  # the usual path reports every unreadable file, in order
        _abandon(root)
        return None
    if _withdrawn_or_unreadable(own, found):
        _abandon(root)
        return None
    _look_up_noted(resolver, found)
    kept, again = _answered(resolver, own, shares, found)
    if not again:
        done = _gathered(sources, resolver, root, layout, kept)
    else:
        done = _ties_again(sources, resolver, policy, root, layout, progress, again, kept,
                           names=None in found)
    return None if done is None else (resolver, *done)


# What an early worker returns: what it validated and the ids it took references for, by
# label; None when it met a reference that is no id (a name, most likely).
_Early = tuple[_Share, dict[str, set[str]]] | None


def _early_and_rest(sources: list[Source], early: list[int], rest: list[int],
                    shares: list[list[int]], store: Store, access: Access, policy: WritePolicy,
                    root: Path, layout: Layout, progress: Progress | None,
                    resolving: Resolving) -> tuple[Resolver, _Share, list[_Early]]:
    """The early sources validated in forked workers, one per share, while this process
    scans and validates the rest: the rest's resolver, what this process found and what
    each worker did. Raises Unreadable when a source is."""

    def work(i: int, tally: Progress) -> _Early:
        resolver = Resolver(None, Definitions(), access=access, deferred={})
        try:
            share = _validate_share(sources, shares[i], resolver, policy, root, layout, tally)
        except NotAnId:  # names, most likely: stop now, these files are validated again
            return None
        return share, resolver.deferred or {}

    mine: list[tuple[Resolver, _Share]] = []
    if progress:
        progress.phase("scanning", None)

    def meanwhile() -> None:
        defs, scanned = scan_all([sources[j] for j in rest], progress, 1)
        resolver = Resolver(store, defs, access=access)
        resolver.preload()
        resolver.resolve_partners(resolving.mapping, resolving.create_anyway)
        if progress:
            progress.phase("validating", scanned.total() + _rows_about(sources, early))
        mine.append((resolver, _validate_share(sources, rest, resolver, policy, root,
                                                layout, progress)))

    found: list[_Early] = forked.run(len(shares), work, root / "forked", progress,
                                     meanwhile=meanwhile)
    [(resolver, own)] = mine
    return resolver, own, found


def _withdrawn_or_unreadable(own: _Share, found: list[_Early]) -> bool:
    """Whether a row withdrew an id or a file was unreadable. Files of ties define nothing:
    only the rest can withdraw an id."""
    return any(plan.withdrawn for plan in own.plans.values()) \
        or any(share.unreadable for share in [own, *(r[0] for r in found if r)])


def _look_up_noted(resolver: Resolver, found: list[_Early]) -> None:
    """The ids the early workers took references for: looked up among the rest's
    definitions and, for those it does not define, in the graph."""
    for _, noted in filter(None, found):
        for label, ids in noted.items():
            resolver.defs.refs[label] |= ids
            resolver.look_up(label, ids)


def _answered(resolver: Resolver, own: _Share, shares: list[list[int]],
              found: list[_Early]) -> tuple[list[_Share], list[list[int]]]:
    """What stands (this process's and each worker's whose every reference is, as the serial
    pass would answer, an id) and the shares to validate again."""
    kept = [own]
    again: list[list[int]] = []
    for share, result in zip(shares, found, strict=True):
        if result is not None and all(resolver.answers_as_id(label, i)
                                      for label, ids in result[1].items() for i in ids):
            kept.append(result[0])
        else:
            again.append(share)
    return kept, again


def _ties_again(sources: list[Source], resolver: Resolver, policy: WritePolicy, root: Path,
                layout: Layout, progress: Progress | None, again: list[list[int]],
                kept: list[_Share], names: bool) -> tuple[Spool, Plan] | None:
    """A reference the serial pass answers otherwise (a name, a country, an id not found):
    those workers' files again, knowing what the import defines. What the others found
    stands: no file depends on another's ties (they define nothing, and files that can hold
    the same tie share a worker). `names`: a worker stopped on a name, which the graph's
    partner names may answer."""
    for j in (j for share in again for j in share):
        shutil.rmtree(_part(root, j), ignore_errors=True)  # a worker that stopped early
    if names:
        resolver.read_names()
    if progress:
        progress.phase("validating ties",
                       _rows_about(sources, [j for share in again for j in share]))
    try:
        return _validate_forked(sources, resolver, policy, root, layout, progress, again,
                                kept=tuple(kept))
    except Unreadable:  # a file that changed since: the usual path reports it, in order
        _abandon(root)
        return None


def _abandon(root: Path) -> None:
    """Throw away what workers validated: the usual path begins afresh."""
    shutil.rmtree(root / "forked")


def _rows_about(sources: list[Source], indexes: list[int]) -> int:
    """Rows of those CSV files, near enough for a progress bar: their line breaks less the
    headers, counted without parsing."""
    total = 0
    for j in indexes:
        with sources[j].path.open("rb") as fh:
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1
    return total
