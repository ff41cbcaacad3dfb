"""Whole-response cache for read-only GraphQL operations, exact to the last committed write.

Most API traffic repeats itself: every strategist opening the dashboard asks for the same
rankings, network and gaps, and nothing changes between metric runs. A cached answer is
reused only while all of these are unchanged, so it is the answer the resolvers would give:

- the database's version (graph/store.py `Store.version`, Neo4j's bookmark for its latest
  committed transaction), read once per request *after it arrived*: a write committed
  before a request arrives, by anyone (this process, the CLI, another worker), is seen;
- what the caller may see: role, TLP ceiling, the restricted items their organisation
  reaches, the organisation itself (answers never cross access levels);
- the request body, byte for byte (query, variables, operation name), and today's date
  (filters such as `expiresWithinDays` count from it).

Only operations made solely of queries are stored, only answers with no errors, and only
up to a size; the cache is a bounded LRU. Concurrent requests share one version read
(`GraphVersion`), so checking costs one round trip per burst, not per request.

Different questions often share their expensive parts: the 2-hop neighbourhoods of
different partners run through the same hubs. `TieCache` keeps the partner tie lists
(the costliest resolver, queries/partners/ties.cypher) under the same version and access
key, so a hub's ties are computed once per graph version, whoever asked first.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from graph.store import Store

if TYPE_CHECKING:
    from api.context import Viewer


VERSION_TIMEOUT = 2.0  # seconds; past it a request is answered without the cache


class GraphVersion:
    """Reads of `Store.version` for many requests at once. Every caller gets a read that
    started after it arrived (so it sees every write committed before it): callers queue,
    and a reader thread takes the whole queue, reads once, and answers them all, then
    takes whoever queued meanwhile. One read is in flight at a time, however many requests
    wait, and the read's own I/O never queues behind a busy event loop's callbacks."""

    def __init__(self) -> None:
        self._queue: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[str]]] = []
        self._wake = threading.Condition()
        self._store: Store | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    async def current(self, store: Store, timeout: float = VERSION_TIMEOUT) -> str:
        """The version, from a read that started after this call; TimeoutError if none
        answers within `timeout` seconds (a hung database must not hold every request)."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[str] = loop.create_future()
        with self._wake:
            self._store = store
            self._queue.append((loop, answer))
            if self._thread is None:
                self._stop = threading.Event()
                self._thread = threading.Thread(target=self._serve, args=(self._stop,),
                                                name="graph-version", daemon=True)
                self._thread.start()
            self._wake.notify_all()
        return await asyncio.wait_for(answer, timeout)

    def close(self) -> None:
        """Stop the reader thread (the application's shutdown); a later call starts one."""
        with self._wake:
            thread, self._thread = self._thread, None
            self._stop.set()  # that thread's own flag: a new reader gets a fresh one
            self._wake.notify_all()
        if thread is not None:
            thread.join(timeout=10)

    def _serve(self, stop: threading.Event) -> None:
        waiting: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[str]]] = []
        try:
            while True:
                with self._wake:
                    while not self._queue and not stop.is_set():
                        self._wake.wait()
                    if stop.is_set():
                        return  # whoever is queued is the next reader's
                    waiting, self._queue, store = self._queue, [], self._store
                assert store is not None
                try:
                    version = store.version()
                except Exception as exc:  # noqa: BLE001 - each caller decides what it means
                    _answer(waiting, error=exc)
                else:
                    _answer(waiting, version=version)
                waiting = []
        except BaseException as exc:
            _answer(waiting, error=RuntimeError(f"version reader stopped: {exc!r}"))
            raise
        finally:
            with self._wake:
                if self._thread is threading.current_thread():
                    self._thread = None  # the next caller starts a new reader


def _answer(waiting: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[str]]], *,
            version: str | None = None, error: BaseException | None = None) -> None:
    for loop, answer in waiting:
        try:
            loop.call_soon_threadsafe(_settle, answer, version, error)
        except RuntimeError:
            pass  # that caller's event loop is closed: nobody is waiting any more


def _settle(answer: asyncio.Future[str], version: str | None, error: BaseException | None) -> None:
    if answer.done():  # the caller went away
        return
    if error is not None:
        answer.set_exception(error)
    else:
        answer.set_result(version)  # type: ignore[arg-type]


def cache_key(version: str, viewer: Viewer, body: bytes, today: dt.date) -> bytes:
    access = viewer.access
    h = hashlib.blake2b(digest_size=20)
    for part in (version, viewer.role.value, str(access.max_tlp), viewer.organisation or "",
                 "\x1f".join(sorted(access.visible_ids)), today.isoformat()):
        h.update(part.encode())
        h.update(b"\x1e")
    h.update(body)
    return h.digest()


class ResponseCache:
    """A byte-bounded LRU of encoded responses."""

    def __init__(self, max_bytes: int, max_entry_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = 0
        self.version = GraphVersion()
        self.ties = TieCache(max_entries=20_000)
        self.hits = 0
        self.misses = 0

    def get(self, key: bytes) -> bytes | None:
        value = self._entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key: bytes, value: bytes) -> None:
        if len(value) > self.max_entry_bytes or key in self._entries:
            return
        self._entries[key] = value
        self._size += len(value)
        while self._size > self.max_bytes:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._size


class TieCache:
    """An entry-bounded LRU of partner tie lists, keyed by graph version, access and
    arguments (api/loaders.py builds the keys), with the computations in flight, so that
    concurrent requests for the same list wait for one query. Values are shared: never
    mutate them."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._flights: dict[Hashable, asyncio.Future[Any]] = {}

    def get(self, key: Hashable) -> Any | None:
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def in_flight(self, key: Hashable) -> asyncio.Future[Any] | None:
        flight = self._flights.get(key)
        return flight if flight is not None and flight.get_loop() is asyncio.get_running_loop() else None

    def start(self, keys: list[Hashable]) -> dict[Hashable, asyncio.Future[Any]]:
        loop = asyncio.get_running_loop()
        flights = {k: loop.create_future() for k in keys}
        self._flights.update(flights)
        return flights

    def finish(self, flights: dict[Hashable, asyncio.Future[Any]],
               values: dict[Hashable, Any]) -> None:
        """Publish the values computed (None: failed, and the waiters ask themselves)."""
        for key, flight in flights.items():
            if self._flights.get(key) is flight:
                del self._flights[key]
            value = values.get(key)
            if value is None:
                flight.cancel()
            else:
                self.put(key, value)
                flight.set_result(value)
