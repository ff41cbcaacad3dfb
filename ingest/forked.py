"""Run one function in each of a few forked child processes and collect what they return.

Fork, not spawn: a child inherits the parent's memory copy-on-write, so what the parent
built (an import's definitions and resolver) needs no pickling. Each child pickles its
result to a file (results can be large: a pipe would need the parent to read while it
waits) and leaves by `os._exit`: it runs none of the parent's exit handlers (which would
remove the parent's temporary directory) and flushes none of its buffers (another thread
of the parent, such as a progress bar's, may have held their locks at the fork).

While it waits, the parent passes on the rows the children report through shared memory,
so a progress bar keeps moving. A parent with a share of its own (`meanwhile`) reports its
own rows while it works and the children's once it is done; it notices a failed child then.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

_POLL_SECONDS = 0.05
_PUBLISH_EVERY = 1000  # rows a child counts before it updates the shared tally
_RAISED, _UNWRITTEN = 1, 3  # a child's exit status: its result file holds its exception; none


class Progress(Protocol):
    def phase(self, name: str, total: int | None) -> None: ...
    def advance(self, n: int) -> None: ...


class WorkerFailed(RuntimeError):
    """A child raised (its traceback is the message) or died without a result.

    A built-in exception (an OSError, say) is raised again in the parent as itself, with this
    as its cause, so callers see what the serial code would have raised; other exceptions may
    not survive pickling, so they arrive as this alone.
    """


class _Tally:
    """A child's Progress: rows done, written to its own slot of the shared counts."""

    def __init__(self, counts: Any, slot: int) -> None:
        self._counts = counts
        self._slot = slot
        self._done = 0
        self._published = 0

    def phase(self, name: str, total: int | None) -> None:
        """Phases are the parent's to announce."""

    def advance(self, n: int) -> None:
        self._done += n
        if self._done - self._published >= _PUBLISH_EVERY:
            self.publish()

    def publish(self) -> None:
        self._counts[self._slot] = self._published = self._done


def run(n: int, work: Callable[[int, Progress], Any], root: Path,
        progress: Progress | None = None,
        meanwhile: Callable[[], None] | None = None) -> list[Any]:
    """`work(i, progress)` for i in range(n), each in its own forked child; the results in
    order of i. `meanwhile()` runs in this process once the children are forked (its own
    share of the work: it reports its own progress). When a child fails (or `meanwhile`
    raises), the others are stopped and its exception is raised (see WorkerFailed)."""
    counts = multiprocessing.get_context("fork").RawArray("q", n)
    running: dict[int, int] = {}  # pid → i
    failed: dict[int, int] = {}  # i → exit status
    try:
        for i in range(n):
            pid = os.fork()
            if pid == 0:
                _child(i, work, root, counts)
            running[pid] = i
        if meanwhile is not None:
            meanwhile()
        shown = 0
        while running:
            time.sleep(_POLL_SECONDS)
            for pid, i in list(running.items()):
                ended, status = os.waitpid(pid, os.WNOHANG)
                if ended:
                    del running[pid]
                    if (code := os.waitstatus_to_exitcode(status)) != 0:
                        failed[i] = code
            if failed:
                break
            if progress and (now := sum(counts)) > shown:
                progress.advance(now - shown)
                shown = now
    finally:
        for pid in running:  # only after a failure or an interrupt of the parent
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if failed:
        i = min(failed)
        if failed[i] != _RAISED:  # killed, or could not write its result
            raise WorkerFailed(f"worker {i} ended with status {failed[i]}")
        _result(root, i)  # raises what the child raised
    return [_result(root, i) for i in range(n)]


def _child(i: int, work: Callable[[int, Progress], Any], root: Path, counts: Any) -> None:
    code = _UNWRITTEN
    try:
        tally = _Tally(counts, i)
        try:
            result: tuple[Any, ...] = ("ok", work(i, tally))
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            builtin = type(exc).__module__ == "builtins"
            result = ("failed", exc if builtin else None, traceback.format_exc())
        tally.publish()
        with _path(root, i).open("wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0 if result[0] == "ok" else _RAISED
    finally:
        os._exit(code)


def _result(root: Path, i: int) -> Any:
    with _path(root, i).open("rb") as fh:
        status, *value = pickle.load(fh)
    if status == "ok":
        return value[0]
    exc, trace = value
    failure = WorkerFailed(f"worker {i} failed:\n{trace}")
    if exc is None:
        raise failure
    raise exc from failure


def _path(root: Path, i: int) -> Path:
    return root / f"worker-{i}.pickle"
