"""Import files into the graph: get → transform → validate every row → load in batches.

Three passes, none holding the data in memory:

1. *scan*: read every source and record which ids it defines and which it refers to;
2. *validate* (ingest/validation.py): read again, transform each row into typed records
   with every reference resolved (to this import or the graph), and spool the valid
   records' rows to disk (ingest/spool.py); rows rejected here withdraw the ids they
   define, and the pass repeats until stable; large imports validate in forked processes;
3. *load*: only when nothing is invalid (or the steward asked to skip bad rows), write the
   spool in batches (graph/writer.py: new rows take a fast path), on concurrent lanes
   (ingest/lanes.py), one managed transaction per batch that also records the batch in the
   `Import` node's checkpoint, so an interrupted import resumes exactly where it stopped
   and reports the same counts as an uninterrupted one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from graph import audit
from graph.access import FULL_ACCESS, Access
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
from graph.store import Store, StoreError, Tx
from graph.write_policy import WritePolicy
from graph.writer import DEFAULT_BATCH_SIZE, TARGETS, Created, write_batch
from ingest.dates import DateOrder
from ingest.forked import Progress
from ingest.lanes import Batch, LaneFailed, lane_batches, phases, run_lanes
from ingest.mapping import MappingInvalid, read_mapping
from ingest.preview import preview
from ingest.problems import Notice, RowError
from ingest.prune import PrunePlan, apply_prune, content_key, plan_prune
from ingest.resolve import Resolver, government_partner
from ingest.source import (
    DEFAULT_MAX_LINE_BYTES,
    FileUnreadable,
    Source,
    SourceOptions,
    open_source,
)
from ingest.spool import KIND_NAMES, Layout, Spool
from ingest.validation import (
    MAX_ERRORS,
    Plan,
    Resolving,
    Unreadable,
    early_sources,
    scan_all,
    validate_all,
    validate_ties_early,
    workers_for,
)

_START = named("imports/start")
_FINISH = named("imports/finish")
_CHECKPOINT = named("imports/checkpoint")
_RESUMABLE = named("imports/resumable")
_CHECKPOINT_LOCK = named("imports/checkpoint_lock")
_BY_IDS = named("imports/by_ids")
_EMPTY_LABELS = named("imports/empty_labels")
_WRITTEN_BY = named("imports/written_by")
_ADD_OTHER_IDS = named("partners/add_other_ids")

# Load order: every tie after both of its ends.
WRITE_ORDER: tuple[type[Record], ...] = (
    Partner, Objective, Platform, Agreement, AgreementParty, Activity, ActivityParticipant,
    PlatformUse,
)
OnError = Literal["abort", "skip"]
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class ImportOptions:
    on_error: OnError = "abort"
    dry_run: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    rejects: Path | None = None
    ignore_columns: frozenset[str] = frozenset()
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
    prune: bool = False
    workers: int = DEFAULT_WORKERS  # concurrent write transactions (lanes) per kind
    # Processes validating: None decides by size (see `validation.workers_for`); 1 validates in this
    # process. Restricted access always validates in this process.
    validate_workers: int | None = None
    # How the files are written: CSV delimiter (None: detected), the row that holds the
    # header (title rows above it), the order of numeric dates (None: only unambiguous ones).
    delimiter: str | None = None
    header_row: int = 1
    date_order: DateOrder | None = None
    # Resolution (ingest/resolution.py): the steward's mapping file (source id → partner id),
    # and whether partners resolution finds ambiguous are created anyway.
    mapping: Path | None = None
    create_anyway: bool = False


@dataclass
class ImportReport:
    sources: list[str]
    sha256: str = ""
    import_id: str | None = None
    status: str = "validated"  # validated (dry run) | complete | rejected | incomplete
    rows_read: int = 0
    rows_rejected: int = 0
    records: Counter[str] = field(default_factory=Counter)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    governments: list[str] = field(default_factory=list)
    rejects_files: list[str] = field(default_factory=list)
    resumed_at: int = 0
    pruned: Counter[str] | None = None  # by kind; None unless --prune (dry run: would be)
    prune_kept: Counter[str] = field(default_factory=Counter)
    # Partners of the files resolved to existing ones: {source_id, partner_id, where, evidence}.
    resolved: list[dict[str, str]] = field(default_factory=list)

    def totals(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for c in self.counts.values():
            total.update(c)
        return total

    def summary(self) -> str:
        head = f"Import {self.import_id or '(not written)'}: {self.status}"
        if self.resumed_at:
            head += f" (resumed after {self.resumed_at} rows already written)"
        lines = [head, f"  rows read {self.rows_read}, rejected {self.rows_rejected}"]
        for kind, c in self.counts.items():
            lines.append(f"  {kind}: " + ", ".join(f"{n} {s}" for s, n in sorted(c.items())))
        if not self.counts and self.records:
            lines += [f"  {kind}: {n} valid" for kind, n in self.records.items()]
        if self.governments:
            lines.append(f"  government partners created: {', '.join(self.governments)}")
        if self.resolved:
            lines.append("  resolved to existing partners: " + ", ".join(
                f"{r['source_id']} → {r['partner_id']}" for r in self.resolved))
        if self.rejects_files:
            lines.append(f"  rejected rows written to: {', '.join(self.rejects_files)}")
        if self.pruned is not None:
            lines.append(self.prune_line())
        return "\n".join(lines)

    def prune_line(self) -> str:
        verb = "would prune" if self.status == "validated" else "pruned"
        done = ", ".join(f"{n} {kind}" for kind, n in sorted((self.pruned or {}).items()))
        line = f"  {verb}: {done or 'nothing'}"
        if self.prune_kept:
            line += ("; kept (still held by rows that stay): "
                     + ", ".join(f"{n} {kind}" for kind, n in sorted(self.prune_kept.items())))
        return line

    def as_dict(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id, "status": self.status, "sources": self.sources,
            "sha256": self.sha256, "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected, "records": dict(self.records),
            "counts": {k: dict(v) for k, v in self.counts.items()},
            "totals": dict(self.totals()), "resumed_at": self.resumed_at,
            "governments_created": self.governments, "rejects_files": self.rejects_files,
            "pruned": None if self.pruned is None else dict(self.pruned),
            "resolved": self.resolved,
            "prune_kept": dict(self.prune_kept),
            "errors": [e.as_dict() for e in self.errors],
            "notices": [n.as_dict() for n in self.notices],
        }


class ImportRejected(Exception):
    """Invalid rows (or unreadable files) and nothing was written. `unreadable`: a file (or
    the mapping file) could not be read at all, so skipping rows cannot help."""

    def __init__(self, errors: list[RowError], report: ImportReport | None = None,
                 unreadable: bool = False) -> None:
        shown = "\n".join(str(e) for e in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        if len(errors) > 20 and errors[-1].file == "(import)":  # where the cap stopped
            more += f", the last: {errors[-1].reason}"
        super().__init__(f"{len(errors)} error(s); nothing was written:\n{shown}{more}")
        self.errors = errors
        self.report = report
        self.unreadable = unreadable
        if report is not None:
            report.status = "rejected"
            report.errors = errors


class ImportInterrupted(Exception):
    """The database failed mid-load; running the same import again resumes it.

    `rows_done` counts the batches whose commit this process saw; a batch whose commit the
    database made but could not acknowledge is in its checkpoint too, which the resumed run
    reads, so it may resume after more rows than this says."""

    def __init__(self, report: ImportReport, rows_done: int, cause: StoreError) -> None:
        super().__init__(f"import {report.import_id} stopped after at least {rows_done} rows "
                         f"were written: {cause}. Run the same command again to finish it.")
        self.report = report
        self.rows_done = rows_done


def sha256_of(paths: list[Path]) -> str:
    """One hash over the files' names and bytes, read in chunks."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + b"\0")
        with p.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()


def _write_rejects(sources: list[Source], plan: Plan, target: Path | None) -> list[str]:
    written = []
    with_rejects = [s for s in sources if plan.rejected.counts[s.name]]
    for source in with_rejects:
        suffix = source.rejects_suffix()
        if target is not None and target.suffix and len(with_rejects) == 1:
            path = target
        elif target is not None:
            target.mkdir(parents=True, exist_ok=True)
            path = target / f"{source.path.stem}.rejects{suffix}"
        else:
            path = source.path.with_name(f"{source.path.stem}.rejects{suffix}")
        path.parent.mkdir(parents=True, exist_ok=True)
        source.write_rejects(plan.rejected.rows(source.name), path)
        written.append(str(path))
    return written


def import_files(store: Store, paths: list[Path] | list[str], actor: str = "cli",
                 options: ImportOptions | None = None, progress: Progress | None = None,
                 on_batch: Callable[[int], None] | None = None,
                 access: Access = FULL_ACCESS) -> ImportReport:
    """Validate every row of `paths`, then (unless a dry run) write them in batches.

    Raises ImportRejected when a file is unreadable, or when a row is invalid and
    `on_error` is "abort"; in both cases nothing was written. Raises ImportInterrupted
    when the database fails mid-load; calling again with the same files resumes.
    `on_batch(rows_done)` runs after each committed batch. `access` is the caller's, for
    imports made over the API (checked by graph/write_policy.py); the command line has full access.
    """
    opts = options or ImportOptions()
    files = [Path(p) for p in paths]
    report = ImportReport(sources=[p.name for p in files])
    sources, resolving = _open_sources(files, opts, report)
    report.sha256 = sha256_of(files)
    resume = None if opts.dry_run else store.read_one(_RESUMABLE, sha256=report.sha256)

    # Rows are not counted yet: about 50 bytes a row in CSV, fewer rows for the size in JSON.
    size = sum(p.stat().st_size for p in files)
    # Rows are spooled as they will be written: ties by phase when there are several lanes.
    split = None if opts.dry_run else _split(resume, opts)
    layout = Layout(keep_keys=opts.prune, stop_at_error_cap=opts.on_error == "abort",
                    lanes=split.lanes if split is not None and split.blocks else 1)
    with tempfile.TemporaryDirectory(prefix="partnergraph-import-") as tmp:
        resolver, spool, plan = _validated(store, sources, access, Path(tmp), opts, layout,
                                           progress, report, size // 50, resolving)
        _report_plan(store, report, resolver, spool, plan, resume, opts)
        _refuse(report, plan, opts)
        if plan.errors:
            report.rejects_files = _write_rejects(sources, plan, opts.rejects)
        if opts.dry_run:
            _dry_run(store, report, spool, opts)
            return report
        resolver.ties.clear()  # validation's duplicate check is done: free it for the load
        assert split is not None  # (not a dry run)
        _load(store, spool, report, actor, resume, split, opts, progress, on_batch,
              _other_ids(resolver))
    return report


def _open_sources(files: list[Path], opts: ImportOptions,
                  report: ImportReport) -> tuple[list[Source], Resolving]:
    """A reader for every file, and the steward's mapping; ImportRejected (unreadable) when
    a file or the mapping cannot be read at all."""
    src_opts = SourceOptions(frozenset(opts.ignore_columns), opts.max_line_bytes,
                             opts.delimiter, opts.header_row, opts.date_order)
    problems: list[RowError] = []
    sources = []
    for p in files:
        try:
            sources.append(open_source(p, src_opts))
        except FileUnreadable as exc:
            problems.append(exc.error)
    problems += [RowError(p.name, 0, "", "", "file not found") for p in files if not p.is_file()]
    resolving = Resolving(create_anyway=opts.create_anyway)
    if opts.mapping is not None:
        try:
            resolving = Resolving(read_mapping(opts.mapping), opts.create_anyway)
        except MappingInvalid as exc:
            problems += exc.errors
    if problems:
        raise ImportRejected(problems, report, unreadable=True)
    return sources, resolving


def _validated(store: Store, sources: list[Source], access: Access, root: Path,
               opts: ImportOptions, layout: Layout, progress: Progress | None,
               report: ImportReport, rows_guess: int,
               resolving: Resolving) -> tuple[Resolver, Spool, Plan]:
    """Every row validated and spooled: ties early, beside the scan, when several processes
    validate and some sources hold only ties (ingest/validation.py), else scan then validate."""
    workers = workers_for(opts.validate_workers, access, rows_guess)
    if workers > 1 and (early_ones := early_sources(sources)):
        early = validate_ties_early(sources, early_ones, store, access, root, layout, progress,
                                    workers, resolving)
        if early is not None:
            return early
    return _validate(store, sources, access, root, opts, layout, progress, report, workers,
                     resolving)


def _report_plan(store: Store, report: ImportReport, resolver: Resolver, spool: Spool,
                 plan: Plan, resume: dict[str, Any] | None, opts: ImportOptions) -> None:
    """What validation found, into the report; the government partners it plans, into the
    spool."""
    report.rows_read = plan.rows
    # Governments a resumed run's first attempt created are planned again, so the
    # resumed run's rows line up with the first attempt's.
    if resume is not None:
        _replan_governments(store, resolver, resume["id"])
    for gid, partner in sorted(resolver.governments.items()):
        _spool_government(spool, partner)
        report.governments.append(gid)
        report.notices.append(Notice("(import)", 0, "partner", gid,
                                     f"created government partner {gid} ({partner.name})"))
    report.notices[:0] = plan.notices
    report.errors = [*plan.errors, *_beyond_the_cap(plan, opts.on_error)]
    report.resolved = _resolved(resolver)
    report.rows_rejected = plan.rejected.counts.total()
    report.records = Counter({KIND_NAMES[k]: n for k, n in spool.sizes.items()})


def _refuse(report: ImportReport, plan: Plan, opts: ImportOptions) -> None:
    """ImportRejected when a row is invalid and the steward did not ask to skip bad rows, or
    asked to prune."""
    if not plan.errors:
        return
    if opts.on_error == "abort":
        report.status = "rejected"
        raise ImportRejected(report.errors, report)
    if opts.prune:
        # Pruning against a partial file would delete what was only rejected.
        refusal = RowError("(import)", 0, "--prune", "", (
            f"--prune refused: {report.rows_rejected} row(s) were rejected, and pruning "
            "would delete what they hold; fix them (or import without --prune)"))
        raise ImportRejected([refusal, *report.errors], report)


def _dry_run(store: Store, report: ImportReport, spool: Spool, opts: ImportOptions) -> None:
    """What the import would write (and, with --prune, delete), into the report."""
    report.status = "validated"
    report.counts = preview(store, spool, WRITE_ORDER, opts.batch_size)
    if opts.prune:
        _report_prune(report, _plan_prune(store, report, spool, None, opts))


def _validate(store: Store, sources: list[Source], access: Access, root: Path,
              opts: ImportOptions, layout: Layout, progress: Progress | None,
              report: ImportReport, workers: int,
              resolving: Resolving) -> tuple[Resolver, Spool, Plan]:
    """The scan of every source, then the validation passes."""
    if progress:
        progress.phase("scanning", None)
    try:
        defs, scanned = scan_all(sources, progress, workers)
    except Unreadable as exc:
        raise ImportRejected(exc.errors, report, unreadable=True) from None
    resolver = Resolver(store, defs, access=access)
    resolver.preload()
    resolver.resolve_partners(resolving.mapping, resolving.create_anyway)
    policy = WritePolicy.load(store, access, (
        i for label in ("Agreement", "Activity") for i in (*defs.first[label], *defs.refs[label])))
    try:
        spool, plan = validate_all(sources, resolver, policy, root, layout, progress,
                                   scanned, workers_for(opts.validate_workers, access,
                                                        scanned.total()))
    except Unreadable as exc:  # a file changed since the scan read it
        raise ImportRejected(exc.errors, report, unreadable=True) from None
    return resolver, spool, plan


def _beyond_the_cap(plan: Plan, on_error: OnError) -> list[RowError]:
    """What the errors kept (`validation.MAX_ERRORS`) leave out, said as one more error."""
    if plan.unchecked:
        reason = (f"stopped after {MAX_ERRORS:,} errors; {plan.unchecked:,} more rows not "
                  "checked: fix these and import again")
    elif plan.errors_more:
        reason = f"{plan.errors_more:,} more errors not listed (the first {MAX_ERRORS:,} are)"
        if on_error == "skip":
            reason += "; every rejected row is in the rejects file with its reasons"
    else:
        return []
    return [RowError("(import)", 0, "", "", reason)]


def _resolved(resolver: Resolver) -> list[dict[str, str]]:
    """The partners of the files that resolve to others, but for rejected rows."""
    res, defs = resolver.resolution, resolver.defs
    return [{"source_id": source, "partner_id": to,
             "where": str(defs.first["Partner"].get(source, "")),
             "evidence": "; ".join(res.evidence.get(source, ()))}
            for source, to in res.target.items() if source not in defs.invalid["Partner"]]


def _other_ids(resolver: Resolver) -> list[dict[str, Any]]:
    """Source ids to record on the partners they resolved to (`other_ids`)."""
    invalid = resolver.defs.invalid["Partner"]
    rows = [{"id": to, "other_ids": [s for s in sources if s not in invalid]}
            for to, sources in sorted(resolver.resolution.other_ids.items())]
    return [r for r in rows if r["other_ids"] and r["id"] not in invalid]


def _spool_government(spool: Spool, partner: Partner) -> None:
    """Government partners go after the other partners, in id order (a resumed run plans
    exactly the rows the interrupted one did)."""
    spool.append(Partner, [TARGETS[Partner].to_row(partner)])
    if spool.keys is not None:
        spool.keys.add(content_key(partner))


def _plan_prune(store: Store, report: ImportReport, spool: Spool, import_id: str | None,
                opts: ImportOptions) -> PrunePlan:
    assert spool.keys is not None
    return plan_prune(store, ", ".join(report.sources), spool.keys, import_id, opts.batch_size)


def _report_prune(report: ImportReport, plan: PrunePlan,
                  done: Counter[str] | None = None) -> None:
    report.pruned = plan.counts() if done is None else done
    report.prune_kept = plan.kept_counts()
    report.notices.extend(plan.kept)


def _replan_governments(store: Store, resolver: Resolver, import_id: str) -> None:
    """Plan again the governments the interrupted attempt of this import created."""
    for row in store.read(_WRITTEN_BY, import_id=import_id):
        gid = row["id"]
        if gid not in resolver.governments and not resolver.defs.defines("Partner", gid):
            resolver.governments[gid] = government_partner(gid.removeprefix("gov-"))


class _Written:
    """Rows and counts committed so far, added to by every lane."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self._lock = threading.Lock()

    def add(self, kind: str, got: Counter[str], rows: int,
            counts: dict[str, Counter[str]]) -> int:
        with self._lock:
            counts.setdefault(kind, Counter()).update(got)
            self.rows += rows
            return self.rows


@dataclass(frozen=True)
class _Split:
    """How the rows are cut into batches: lanes, rows per batch, ties in blocks (else by
    their group alone: an import begun before blocks)."""

    lanes: int
    batch_size: int
    blocks: bool


def _split(resume: dict[str, Any] | None, opts: ImportOptions) -> _Split:
    """A resumed run splits as the interrupted one did, whatever --workers and --batch-size
    say now: its checkpoint names the batches."""
    if resume is None:
        return _Split(opts.workers, opts.batch_size, True)
    return _Split(int(resume["lanes"] or 1), int(resume["batch_size"] or opts.batch_size),
                  resume["tie_split"] == "blocks")


def _begin(store: Store, report: ImportReport, actor: str, resume: dict[str, Any] | None,
           split: _Split) -> tuple[str, set[str], int]:
    """The Import node this load writes under: the interrupted one's when resuming, else a
    new one. Returns its id, the keys of the batches already written and, for an import
    begun before lanes, the rows its checkpoint counts (else 0)."""
    if resume is not None:
        report.resumed_at = int(resume["rows_done"])
        # An import begun before lanes: its checkpoint is a row count (one lane, so its spool
        # keeps every kind whole and a batch's `end` counts the kind's rows).
        legacy_rows = int(resume["rows_done"]) if resume["lanes"] is None else 0
        return resume["id"], set(resume["batches_done"]), legacy_rows
    now = dt.datetime.now(dt.UTC)
    import_id = f"import-{now:%Y%m%dT%H%M%S}-{report.sha256[:8]}-{uuid.uuid4().hex[:6]}"
    store.write(_START, id=import_id, source=", ".join(report.sources), lanes=split.lanes,
                batch_size=split.batch_size, tie_split="blocks" if split.blocks else None,
                sha256=report.sha256, actor=actor, started_at=now.isoformat())
    return import_id, set(), 0


@dataclass
class _Batches:
    """Writes an import's batches, from every lane, each in one transaction that merges it
    into the Import node's checkpoint."""

    store: Store
    import_id: str
    created: Created
    written: _Written
    counts: dict[str, Counter[str]]  # committed so far, by kind: the report's if interrupted
    progress: Progress | None
    on_batch: Callable[[int], None] | None

    def writer(self, kind: type[Record]) -> Callable[[Batch], None]:
        return partial(self.write, kind, KIND_NAMES[kind])

    def write(self, kind: type[Record], kind_name: str, batch: Batch) -> None:
        got = write_batch(self.store, kind, batch.rows, self.import_id, self.created,
                          then=partial(self._checkpoint, batch, kind_name))
        rows_done = self.written.add(kind_name, got, len(batch.rows), self.counts)
        if self.progress:
            self.progress.advance(len(batch.rows))
        if self.on_batch:
            self.on_batch(rows_done)

    def _checkpoint(self, batch: Batch, kind_name: str, tx: Tx, got: Counter[str]) -> Counter[str]:
        # Under the Import node's lock: concurrent batches merge one at a time.
        mark = tx.run(_CHECKPOINT_LOCK, id=self.import_id)[0]
        if batch.key in mark["batches_done"]:  # a retry of a batch that committed
            return Counter()
        merged = {k: Counter(v) for k, v in json.loads(mark["counts"] or "{}").items()}
        merged.setdefault(kind_name, Counter()).update(got)
        tx.run(_CHECKPOINT, id=self.import_id, rows_done=mark["rows_done"] + len(batch.rows),
               counts=json.dumps({k: dict(v) for k, v in merged.items()}),
               batches_done=[*mark["batches_done"], batch.key])
        return got

    def interrupted(self, report: ImportReport, cause: StoreError) -> ImportInterrupted:
        report.counts = self.counts
        return ImportInterrupted(report, self.written.rows, cause)


def _write_kinds(store: Store, spool: Spool, report: ImportReport, split: _Split,
                 batches: _Batches, done_keys: set[str], legacy_rows: int,
                 other_ids: list[dict[str, Any]]) -> None:
    """Every kind in order, each complete before the next (ties last), skipping the batches
    a resumed import had written."""
    before = 0  # rows of the kinds already loaded, for an old row-count checkpoint
    for kind in WRITE_ORDER:
        try:
            for phase in phases(kind, split.lanes, split.blocks):  # one after the other (ingest/lanes.py)
                todo = (b for b in lane_batches(kind, KIND_NAMES[kind], spool.rows(kind, phase),
                                                split.lanes, split.batch_size, phase)
                        if b.key not in done_keys and before + b.end > legacy_rows)
                run_lanes(todo, split.lanes, batches.writer(kind))
        except LaneFailed as exc:
            if not isinstance(exc.cause, StoreError):
                raise exc.cause from None
            raise batches.interrupted(report, exc.cause) from None
        before += spool.sizes[kind]
        if kind is Partner and other_ids:  # idempotent: a resumed run records them again
            try:
                store.write(_ADD_OTHER_IDS, rows=other_ids)
            except StoreError as exc:
                raise batches.interrupted(report, exc) from None


def _stored_counts(store: Store, spool: Spool, report: ImportReport, import_id: str,
                   batches: _Batches) -> dict[str, Counter[str]]:
    """The Import node's exact counts, in write order: each batch merged into them once, in
    its own transaction (a retried batch that had committed is not counted twice). Read in
    a write transaction, which follows this driver's bookmarks: a routed read could lag
    behind."""
    try:
        node = store.transaction(lambda tx: tx.run(_BY_IDS, ids=[import_id]), name=_BY_IDS.name)
    except StoreError as exc:
        raise batches.interrupted(report, exc) from None
    stored = json.loads(node[0]["node"].get("counts") or "{}")
    counts = {k: Counter(v) for k, v in stored.items()}
    for kind in WRITE_ORDER:  # every kind in the import appears, even if all were resumed
        if spool.sizes[kind]:
            counts.setdefault(KIND_NAMES[kind], Counter())
    return {KIND_NAMES[k]: counts[KIND_NAMES[k]] for k in WRITE_ORDER if KIND_NAMES[k] in counts}


def _prune(store: Store, spool: Spool, report: ImportReport, import_id: str,
           opts: ImportOptions, progress: Progress | None, written: _Written) -> None:
    """After every batch is in, before the import is marked complete."""
    prune = _plan_prune(store, report, spool, import_id, opts)
    if progress:
        progress.phase("pruning", len(prune.ties) + len(prune.nodes))
    try:
        pruned = apply_prune(store, prune, opts.batch_size)
    except StoreError as exc:
        raise ImportInterrupted(report, written.rows, exc) from None
    _report_prune(report, prune, pruned)
    for name in KIND_NAMES.values():
        if pruned[name]:
            report.counts.setdefault(name, Counter())["pruned"] = pruned[name]


def _load(store: Store, spool: Spool, report: ImportReport, actor: str,
          resume: dict[str, Any] | None, split: _Split, opts: ImportOptions,
          progress: Progress | None, on_batch: Callable[[int], None] | None,
          other_ids: list[dict[str, Any]]) -> None:
    # A spool kept by phase for other lanes would hand each phase rows of another's blocks.
    assert spool.lanes in (1, split.lanes), (spool.lanes, split.lanes)
    import_id, done_keys, legacy_rows = _begin(store, report, actor, resume, split)
    report.import_id = import_id
    report.status = "incomplete"
    if progress:
        progress.phase("writing", sum(spool.sizes.values()))
        progress.advance(report.resumed_at)
    written = _Written(report.resumed_at)
    # Nodes this run created: ties to them are new. Labels that hold no node yet: their
    # rows are new too.
    created = Created(frozenset(row["label"] for row in store.read(_EMPTY_LABELS)))
    counts: dict[str, Counter[str]] = {}
    if resume is not None:
        counts = {k: Counter(v) for k, v in json.loads(resume["counts"] or "{}").items()}
    batches = _Batches(store, import_id, created, written, counts, progress, on_batch)
    _write_kinds(store, spool, report, split, batches, done_keys, legacy_rows, other_ids)
    report.counts = _stored_counts(store, spool, report, import_id, batches)
    if opts.prune:
        _prune(store, spool, report, import_id, opts, progress, written)
    store.write(_FINISH, id=import_id, finished_at=dt.datetime.now(dt.UTC).isoformat(),
                counts=json.dumps({k: dict(v) for k, v in report.counts.items()}))
    report.status = "complete"
    audit.record(store, actor, "import", import_id,
                 counts={k: dict(v) for k, v in report.counts.items()})
