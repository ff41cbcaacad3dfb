"""The spool: validated rows wait on disk, per kind, until every row has passed."""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

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
from graph.writer import TARGETS
from ingest.lanes import by_phase, phase_of
from ingest.prune import Key, content_key

KIND_NAMES: dict[type[Record], str] = {
    Partner: "partners", Objective: "objectives", Platform: "platforms",
    Agreement: "agreements", AgreementParty: "agreement_parties", Activity: "activities",
    ActivityParticipant: "activity_participants", PlatformUse: "platform_use",
}

_SPOOL_CHUNK = 1000  # rows per pickled chunk: cheap to write and read, small in memory


@dataclass(frozen=True)
class Layout:
    """How a spool keeps its rows.

    `keep_keys`: also the graph key of every record, for --prune. `lanes`: the lanes the
    rows will be written on; with more than one, each kind of tie is kept in one file per
    write phase (`ingest/lanes.py`), so that each phase reads only its own rows (read whole
    and filtered, each tie was unpickled once per phase: at 10k partners the write phase's
    Python CPU went from 2.0-2.2 s to 1.5-1.9 s).
    """

    keep_keys: bool = False
    lanes: int = 1
    # An import that aborts on errors stops validating at `MAX_ERRORS` (ingest/validation.py):
    # it is refused anyway, and the steward fixes those rows and imports again.
    stop_at_error_cap: bool = False


_Part = tuple[type[Record], int | None]  # a kind, and the write phase of its ties (or None)


class Spool:
    """Validated rows wait here, per kind, until every row has passed.

    Rows are pickled in chunks (this process writes and reads them back, nobody else):
    several times cheaper than a JSON line per row, and memory holds one chunk per file
    (per kind, and per write phase of ties).

    A spool reads back, from its own folder, only the files it wrote: a validation pass
    repeated in the same folder leaves the files of kinds (or phases) it no longer holds.
    """

    def __init__(self, root: Path, layout: Layout = Layout(), parts: tuple[Path, ...] = ()) -> None:
        self.root = root
        self.lanes = layout.lanes
        self.stop_at_error_cap = layout.stop_at_error_cap
        # Spools of the validation workers, one per source in source order, read before
        # this one's own files: the rows come in the serial pass's order.
        self.parts = parts
        self._files: dict[_Part, IO[bytes]] = {}
        self._written: set[Path] = set()
        self._pending: dict[_Part, list[dict[str, Any]]] = {}
        self.sizes: Counter[type[Record]] = Counter()
        # What the import contains, for --prune: the graph key of every spooled record, and
        # the government partners its ties name (created on first use by an earlier run).
        self.keys: set[Key] | None = set() if layout.keep_keys else None

    def add(self, record: Record) -> None:
        kind = type(record)
        if self.keys is not None:
            key = content_key(record)
            self.keys.add(key)
            if len(key) == 3 and key[1].startswith("gov-"):
                self.keys.add(("Partner", key[1]))
        row = TARGETS[kind].to_row(record)
        part = (kind, phase_of(kind, row, self.lanes))
        pending = self._pending.setdefault(part, [])
        pending.append(row)
        self.sizes[kind] += 1
        if len(pending) >= _SPOOL_CHUNK:
            self._flush(part)

    def _flush(self, part: _Part) -> None:
        fh = self._files.get(part)
        if fh is None:
            path = self.path(*part)
            fh = self._files[part] = path.open("wb")
            self._written.add(path)
        pickle.dump(self._pending[part], fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending[part] = []

    def path(self, kind: type[Record], phase: int | None = None) -> Path:
        return self.root / (f"{KIND_NAMES[kind]}.pickle" if phase is None
                            else f"{KIND_NAMES[kind]}.phase-{phase}.pickle")

    def append(self, kind: type[Record], rows: list[dict[str, Any]]) -> None:
        """Rows added after the spool was closed (government partners go last)."""
        path = self.path(kind)
        with path.open("ab" if path in self._written else "wb") as fh:
            pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._written.add(path)
        self.sizes[kind] += len(rows)

    def close(self) -> None:
        for part, pending in self._pending.items():
            if pending:
                self._flush(part)
        for fh in self._files.values():
            fh.close()

    def rows(self, kind: type[Record], phase: int | None = None) -> Iterator[dict[str, Any]]:
        """The rows of `kind` in the order they were added; of ties, with `phase`, those
        the lanes write in that phase (see `Layout`: the writer still filters them, so a
        spool that keeps them whole gives the same batches)."""
        split = by_phase(kind, self.lanes)
        if split and phase is None:
            raise ValueError(f"{KIND_NAMES[kind]} are spooled by phase: name one")
        own = self.path(kind, phase if split else None)
        paths = [path for path in (part / own.name for part in self.parts) if path.exists()]
        for path in [*paths, *([own] if own in self._written else [])]:
            with path.open("rb") as fh:
                while True:
                    try:
                        chunk = pickle.load(fh)
                    except EOFError:
                        break
                    yield from chunk


class Rejected:
    """Rejected rows with their errors, by file, in the order met, waiting on disk (pickled
    in chunks, as the spool's rows): a skip-mode import writes every one out, and memory
    holds one chunk per file. Picklable once closed (a validation worker returns it)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.counts: Counter[str] = Counter()
        self._paths: dict[str, list[Path]] = {}
        self._pending: dict[str, list[Any]] = {}

    def add(self, file: str, row: Any, errors: list[Any]) -> None:
        pending = self._pending.setdefault(file, [])
        pending.append((row, errors))
        self.counts[file] += 1
        if len(pending) >= _SPOOL_CHUNK:
            self._flush(file)

    def _flush(self, file: str) -> None:
        paths = self._paths.setdefault(file, [])
        begun = bool(paths)  # else a new file, even where an earlier pass left one of that name
        if not begun:
            paths.append(self.root / f"rejected-{len(self._paths)}.pickle")
        with paths[0].open("ab" if begun else "wb") as fh:
            pickle.dump(self._pending[file], fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending[file] = []

    def close(self) -> None:
        for file, pending in self._pending.items():
            if pending:
                self._flush(file)
        self._pending = {}

    def extend(self, other: Rejected) -> None:
        """Another's rows after these (a later source's: `validation._merge`)."""
        for file, paths in other._paths.items():
            self._paths.setdefault(file, []).extend(paths)
        self.counts.update(other.counts)

    def rows(self, file: str) -> Iterator[tuple[Any, list[Any]]]:
        for path in self._paths.get(file, []):
            with path.open("rb") as fh:
                while True:
                    try:
                        yield from pickle.load(fh)
                    except EOFError:
                        break
