"""The spool: validated rows wait on disk, per kind, until every row has passed."""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterator
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
from ingest.prune import Key, content_key

KIND_NAMES: dict[type[Record], str] = {
    Partner: "partners", Objective: "objectives", Platform: "platforms",
    Agreement: "agreements", AgreementParty: "agreement_parties", Activity: "activities",
    ActivityParticipant: "activity_participants", PlatformUse: "platform_use",
}

_SPOOL_CHUNK = 1000  # rows per pickled chunk: cheap to write and read, small in memory


class Spool:
    """Validated rows wait here, per kind, until every row has passed.

    Rows are pickled in chunks (this process writes and reads them back, nobody else):
    several times cheaper than a JSON line per row, and memory holds one chunk per kind.
    """

    def __init__(self, root: Path, keep_keys: bool = False, parts: tuple[Path, ...] = ()) -> None:
        self.root = root
        # Spools of the validation workers, one per source in source order, read before
        # this one's own files: the rows come in the serial pass's order.
        self.parts = parts
        self._files: dict[type[Record], IO[bytes]] = {}
        self._pending: dict[type[Record], list[dict[str, Any]]] = {}
        self.sizes: Counter[type[Record]] = Counter()
        # What the import contains, for --prune: the graph key of every spooled record, and
        # the government partners its ties name (created on first use by an earlier run).
        self.keys: set[Key] | None = set() if keep_keys else None

    def add(self, record: Record) -> None:
        kind = type(record)
        if self.keys is not None:
            key = content_key(record)
            self.keys.add(key)
            if len(key) == 3 and key[1].startswith("gov-"):
                self.keys.add(("Partner", key[1]))
        pending = self._pending.setdefault(kind, [])
        pending.append(TARGETS[kind].to_row(record))
        self.sizes[kind] += 1
        if len(pending) >= _SPOOL_CHUNK:
            self._flush(kind)

    def _flush(self, kind: type[Record]) -> None:
        fh = self._files.get(kind)
        if fh is None:
            fh = self._files[kind] = self.path(kind).open("wb")
        pickle.dump(self._pending[kind], fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending[kind] = []

    def path(self, kind: type[Record]) -> Path:
        return self.root / f"{KIND_NAMES[kind]}.pickle"

    def append(self, kind: type[Record], rows: list[dict[str, Any]]) -> None:
        """Rows added after the spool was closed (government partners go last)."""
        with self.path(kind).open("ab") as fh:
            pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.sizes[kind] += len(rows)

    def close(self) -> None:
        for kind, pending in self._pending.items():
            if pending:
                self._flush(kind)
        for fh in self._files.values():
            fh.close()

    def rows(self, kind: type[Record]) -> Iterator[dict[str, Any]]:
        for root in (*self.parts, self.root):
            path = root / self.path(kind).name
            if path.exists():
                with path.open("rb") as fh:
                    while True:
                        try:
                            chunk = pickle.load(fh)
                        except EOFError:
                            break
                        yield from chunk
