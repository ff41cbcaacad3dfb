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
from api.types.enums import describe_values
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


describe_values(OnError, {
    "ABORT": "Any invalid row, and nothing is written (the default).",
    "SKIP": "Write the valid rows; the rejected ones come back in the report's rejects.",
})


@strawberry.enum(description="How numeric dates are written: day, month or year first.")
class DateOrder(Enum):
    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


describe_values(DateOrder, {
    "DMY": "Day first: 03/01/2021 is 3 January 2021.",
    "MDY": "Month first: 03/01/2021 is 1 March 2021.",
    "YMD": "Year first: 2021/03/01 is 1 March 2021.",
})


@strawberry.input(description="The options of `partnergraph import` (docs/IMPORT.md).")
class ImportFilesOptions:
    dry_run: bool = strawberry.field(default=False, description="Validate and report what "
                                     "would change; write nothing.")
    on_error: OnError = strawberry.field(default=OnError.ABORT, description=(
        "ABORT: any invalid row and nothing is written. SKIP: write the valid rows; the "
        "rejected ones come back in `rejects`."))
    ignore_columns: list[str] | None = strawberry.field(default=None, description=(
        "Columns the format does not know that should be skipped instead of refused."))
    delimiter: str | None = strawberry.field(default=None, description=(
        "The CSV files' delimiter: `,`, `;` or `\\t` (default: detected)."))
    header_row: int = strawberry.field(default=1, description="The row that holds the header.")
    date_order: DateOrder | None = strawberry.field(default=None, description=(
        "How the files write numeric dates, when 03/01/2021 could be read either way (if not "
        "given, such a date is an error naming both readings)."))
    mapping: Upload | None = strawberry.field(default=None, description=(
        "A CSV of source_id,partner_id: which existing partner a file's partner is."))
    create_anyway: bool = strawberry.field(default=False, description=(
        "Create the partners resolution finds ambiguous as new ones instead of stopping."))


@strawberry.type(description="A reason a row (or a whole file, line 0) was rejected.")
class ImportProblem:
    file: str = strawberry.field(description="The file, by name.")
    line: int = strawberry.field(description="The line (CSV) or row (spreadsheet) where the "
                                             "record starts; 0 for the whole file.")
    column: str = strawberry.field(description="The column or field at fault (empty if none).")
    value: str = strawberry.field(description="The value found (empty if none).")
    reason: str = strawberry.field(description="What is wrong and how to fix it.")
    pointer: str = strawberry.field(
        description="Where in a JSON or STIX file (a JSON pointer such as /objects/12); "
                    "empty for CSV.")


@strawberry.type(description="A value the importer changed, or a record it created or resolved.")
class ImportNotice:
    file: str = strawberry.field(description="The file, by name.")
    line: int = strawberry.field(description="The line (CSV) or row (spreadsheet); 0 for the "
                                             "whole file.")
    column: str = strawberry.field(description="The column or field (empty if none).")
    value: str = strawberry.field(description="The value as the file gave it.")
    message: str = strawberry.field(
        description="What the importer did, e.g. country 'Nigeria' stored as NG.")
    pointer: str = strawberry.field(
        description="Where in a JSON or STIX file (a JSON pointer); empty for CSV.")


@strawberry.type(description="A partner of the files that is one already in the graph.")
class ResolvedPartner:
    source_id: str = strawberry.field(description="The partner's id in the files.")
    partner_id: strawberry.ID = strawberry.field(description="The partner in the graph it is.")
    where: str = strawberry.field(description="Where the files define it (file and line).")
    evidence: str = strawberry.field(
        description="Why they are one: the same name, an alias, the same website, ….")


@strawberry.type(description="The rejected rows of one file, as a file of its format.")
class RejectsFile:
    name: str = strawberry.field(description="The file's name.")
    content_base64: str = strawberry.field(
        description="The file's content, base64-encoded: the rejected rows with their reasons.")


@strawberry.type(description="What an import did (or, with dryRun, would do).")
class ImportReport:
    status: str = strawberry.field(description="validated (dry run), complete, rejected")
    import_id: strawberry.ID | None = strawberry.field(
        description="The import's record (null for a dry run or a rejected import).")
    sources: list[str] = strawberry.field(description="The files read.")
    rows_read: int = strawberry.field(description="How many rows or records were read.")
    rows_rejected: int = strawberry.field(description="How many of them were rejected.")
    counts: list[ImportCount] = strawberry.field(
        description="Records created, updated or unchanged, by kind (a dry run's: what would "
                    "change).")
    error_count: int = strawberry.field(description="How many errors there were in all.")
    errors: list[ImportProblem] = strawberry.field(description=f"The first {MAX_LISTED}.")
    notice_count: int = strawberry.field(description="How many notices there were in all.")
    notices: list[ImportNotice] = strawberry.field(description=f"The first {MAX_LISTED}.")
    resolved: list[ResolvedPartner] = strawberry.field(
        description="Partners of the files recognised as partners already in the graph.")
    governments_created: list[str] = strawberry.field(
        description="Government partners created for countries named as parties, by id.")
    rejects: list[RejectsFile] = strawberry.field(
        description="With onError SKIP: the rejected rows, one file per input file.")


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
