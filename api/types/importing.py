"""importFile: a multipart upload through the same importer as `partnergraph import`.

The upload is written under its own file name (the importer picks the format and the kind
of record from the name) in a private temporary directory, imported with "abort on any
invalid row" (nothing is written unless every row is valid), and removed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool

from api.types.common import BadInput, Info
from api.types.imports import Import
from api.types.results import FieldProblem, InvalidInput
from graph.access import Access
from graph.store import DatabaseUnavailable

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


def _problem(error: Any) -> FieldProblem:
    """`file:line column` (or the JSON pointer, the sheet's row) and `'value': reason`;
    importFiles answers with each part in its own field."""
    where = f"{error.file}:{error.pointer or error.line}" + (f" {error.column}" if error.column else "")
    value = f"{error.value!r}: " if error.value else ""
    return FieldProblem(field=where, message=f"{value}{error.reason}")


def _run(store: Any, directory: Path, name: str, content: bytes, actor: str,
         access: Access) -> Any:
    from ingest.importer import import_files

    path = directory / name
    path.write_bytes(content)
    return import_files(store, [path], actor=actor, access=access)


async def import_upload(info: Info, upload: Any) -> Import | InvalidInput:
    from ingest.importer import ImportInterrupted, ImportRejected

    name = Path(getattr(upload, "filename", "") or "").name
    if not _SAFE_NAME.match(name):
        raise BadInput("the upload needs a plain file name, e.g. partners.csv")
    try:
        content = await upload.read()
    finally:
        await upload.close()
    if len(content) > MAX_UPLOAD_BYTES:
        raise BadInput(f"uploads are limited to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    ctx = info.context
    with tempfile.TemporaryDirectory(prefix="partnergraph-upload-") as tmp:
        try:
            report = await run_in_threadpool(_run, ctx.store, Path(tmp), name, content,
                                             f"api:{ctx.viewer.actor}", ctx.viewer.access)
        except ImportInterrupted as exc:
            # The database went away mid-load: UNAVAILABLE (503); the same upload resumes.
            raise DatabaseUnavailable(ctx.store.uri, exc) from None
        except ImportRejected as exc:
            problems = [_problem(e) for e in exc.errors[:100]]
            return InvalidInput(message=f"{len(exc.errors)} invalid row(s); nothing was written",
                                problems=problems)
    row = await ctx.loaders.import_.load(report.import_id)
    if row is None:
        raise BadInput("the import wrote nothing")
    return Import.from_row(row)


__all__ = ["import_upload"]
