"""importFiles: several files (CSV, .xlsx, JSON, STIX 2.1) uploaded at once, with the command
line's options, through the same importer as `partnergraph import`, answered with the same
report: status, counts by kind and status, every error (file, line, column, value, reason,
pointer), notices, the partners resolved to existing ones, and the rejects files.

Uploads are streamed to a private temporary folder under their own names (the importer
reads the kind of rows from a CSV file's name), at most `MAX_FILES` files and
`MAX_UPLOAD_BYTES` in all, and removed afterwards.
"""

from __future__ import annotations

import base64
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.file_uploads import Upload

from api.types.common import BadInput, Info
from api.types.importing import _SAFE_NAME, MAX_UPLOAD_BYTES
from api.types.imports import ImportCount
from graph.access import Access
from graph.store import DatabaseUnavailable

MAX_FILES = 20
MAX_LISTED = 1000  # errors and notices returned; the counts say how many there were
_CHUNK = 1 << 20


@strawberry.enum(description="What an import does with invalid rows.")
class OnError(Enum):
    ABORT = "abort"
    SKIP = "skip"


@strawberry.enum(description="How numeric dates are written: day, month or year first.")
class DateOrder(Enum):
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


@strawberry.input(description="The options of `partnergraph import` (docs/IMPORT.md).")
class ImportFilesOptions:
    dry_run: bool = strawberry.field(default=False, description="Validate and report what "
                                     "would change; write nothing.")
    on_error: OnError = strawberry.field(default=OnError.ABORT, description=(
        "ABORT: any invalid row and nothing is written. SKIP: write the valid rows; the "
        "rejected ones come back in `rejects`."))
    ignore_columns: list[str] | None = None
    delimiter: str | None = strawberry.field(default=None, description=(
        "The CSV files' delimiter: `,`, `;` or `\\t` (default: detected)."))
    header_row: int = strawberry.field(default=1, description="The row that holds the header.")
    date_order: DateOrder | None = None
    mapping: Upload | None = strawberry.field(default=None, description=(
        "A CSV of source_id,partner_id: which existing partner a file's partner is."))
    create_anyway: bool = strawberry.field(default=False, description=(
        "Create the partners resolution finds ambiguous as new ones instead of stopping."))


@strawberry.type(description="A reason a row (or a whole file, line 0) was rejected.")
class ImportProblem:
    file: str
    line: int
    column: str
    value: str
    reason: str
    pointer: str


@strawberry.type(description="A value the importer changed, or a record it created or resolved.")
class ImportNotice:
    file: str
    line: int
    column: str
    value: str
    message: str
    pointer: str


@strawberry.type(description="A partner of the files that is one already in the graph.")
class ResolvedPartner:
    source_id: str
    partner_id: strawberry.ID
    where: str
    evidence: str


@strawberry.type(description="The rejected rows of one file, as a file of its format.")
class RejectsFile:
    name: str
    content_base64: str


@strawberry.type(description="What an import did (or, with dryRun, would do).")
class ImportReport:
    status: str = strawberry.field(description="validated (dry run), complete, rejected")
    import_id: strawberry.ID | None
    sources: list[str]
    rows_read: int
    rows_rejected: int
    counts: list[ImportCount]
    error_count: int
    errors: list[ImportProblem] = strawberry.field(description=f"The first {MAX_LISTED}.")
    notice_count: int
    notices: list[ImportNotice] = strawberry.field(description=f"The first {MAX_LISTED}.")
    resolved: list[ResolvedPartner]
    governments_created: list[str]
    rejects: list[RejectsFile]


def _report(done: Any, rejects: list[RejectsFile]) -> ImportReport:
    return ImportReport(
        status=done.status, import_id=strawberry.ID(done.import_id) if done.import_id else None,
        sources=done.sources, rows_read=done.rows_read, rows_rejected=done.rows_rejected,
        counts=[ImportCount(kind=k, status=s, count=n)
                for k, by in done.counts.items() for s, n in sorted(by.items())],
        error_count=len(done.errors),
        errors=[ImportProblem(file=e.file, line=e.line, column=e.column, value=e.value,
                              reason=e.reason, pointer=e.pointer)
                for e in done.errors[:MAX_LISTED]],
        notice_count=len(done.notices),
        notices=[ImportNotice(file=n.file, line=n.line, column=n.column, value=n.value,
                              message=n.message, pointer=n.pointer)
                 for n in done.notices[:MAX_LISTED]],
        resolved=[ResolvedPartner(source_id=r["source_id"], partner_id=strawberry.ID(r["partner_id"]),
                                  where=r["where"], evidence=r["evidence"]) for r in done.resolved],
        governments_created=list(done.governments), rejects=rejects)


async def _save(upload: Any, folder: Path, budget: int) -> tuple[Path, int]:
    """Stream one upload to `folder` under its own (checked) name; the bytes it took."""
    name = Path(getattr(upload, "filename", "") or "").name
    if not _SAFE_NAME.match(name):
        raise BadInput("each upload needs a plain file name, e.g. partners.csv")
    path = folder / name
    if path.exists():
        raise BadInput(f"two uploads are named {name!r}")
    size = 0
    try:
        with path.open("wb") as fh:
            while chunk := await upload.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise BadInput(f"uploads are limited to {MAX_UPLOAD_BYTES // (1024 * 1024)} "
                                   "MB in all")
                fh.write(chunk)
    finally:
        await upload.close()
    return path, size


def _run(store: Any, paths: list[Path], options: Any, actor: str, access: Access) -> Any:
    from ingest.importer import import_files

    return import_files(store, paths, actor=actor, options=options, access=access)


async def import_uploads(info: Info, files: list[Any],
                         options: ImportFilesOptions | None) -> ImportReport:
    from ingest.importer import ImportInterrupted, ImportOptions, ImportRejected

    opts = options or ImportFilesOptions()
    if not files or len(files) > MAX_FILES:
        raise BadInput(f"give between 1 and {MAX_FILES} files")
    if opts.delimiter not in (None, ",", ";", "\t"):
        raise BadInput("delimiter is one of `,`, `;` or a tab")
    if not 1 <= opts.header_row <= 1000:
        raise BadInput("headerRow is between 1 and 1000")
    ctx = info.context
    with tempfile.TemporaryDirectory(prefix="partnergraph-upload-") as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        budget = MAX_UPLOAD_BYTES
        paths = []
        for upload in files:
            path, size = await _save(upload, folder, budget)
            budget -= size
            paths.append(path)
        mapping = None
        if opts.mapping is not None:
            (Path(tmp) / "mapping").mkdir()
            mapping, _ = await _save(opts.mapping, Path(tmp) / "mapping", budget)
        rejects_dir = Path(tmp) / "rejects"
        import_options = ImportOptions(
            on_error=opts.on_error.value, dry_run=opts.dry_run, rejects=rejects_dir,
            ignore_columns=frozenset(opts.ignore_columns or ()), delimiter=opts.delimiter,
            header_row=opts.header_row,
            date_order=opts.date_order.value if opts.date_order else None,
            mapping=mapping, create_anyway=opts.create_anyway)
        try:
            done = await run_in_threadpool(_run, ctx.store, paths, import_options,
                                           f"api:{ctx.viewer.actor}", ctx.viewer.access)
        except ImportInterrupted as exc:
            # The database went away mid-load: UNAVAILABLE (503); the same upload resumes.
            raise DatabaseUnavailable(ctx.store.uri, exc) from None
        except ImportRejected as exc:
            assert exc.report is not None
            return _report(exc.report, [])
        rejects = [RejectsFile(name=Path(p).name,
                               content_base64=base64.b64encode(Path(p).read_bytes()).decode())
                   for p in done.rejects_files]
    return _report(done, rejects)

__all__ = ["ImportFilesOptions", "ImportReport", "import_uploads"]
