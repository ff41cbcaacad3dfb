"""The Neo4j store: one driver per process, named queries only, readable failures.

Reads go through `execute_query` routed as reads; writes run in managed transactions,
which the driver retries on transient errors (deadlocks, leader switches, brief outages),
so every transaction function here is idempotent and returns plain values. A database
that cannot be reached becomes one exception, `DatabaseUnavailable`, with a message a
person can act on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.config import Settings
from graph.queries import NamedQuery, named

_VERSION = named("admin/version")
_TERMINATE_TAGGED = named("admin/terminate_tagged")

# The request a read belongs to (set by the API per request): reads carry it as transaction
# metadata, so that `Store.terminate_tagged` can end them when the client goes away.
request_tag: ContextVar[str | None] = ContextVar("request_tag", default=None)


def _query(text: str, timeout: float | None) -> neo4j.Query:
    tag = request_tag.get()
    return neo4j.Query(text, timeout=timeout, metadata={"request": tag} if tag else None)
T = TypeVar("T")
Row = dict[str, Any]


class StoreError(Exception):
    """Base of the store's named errors."""


class DatabaseUnavailable(StoreError):
    """Neo4j could not be reached (or kept failing) within the retry budget."""

    def __init__(self, uri: str, cause: BaseException | str) -> None:
        reason = (str(cause).strip().splitlines() or ["no answer"])[0].rstrip(":")
        super().__init__(
            f"Neo4j at {uri} is not reachable ({reason}). "
            "Start the local database with `partnergraph db start`, "
            "or point NEO4J_URI at a running server."
        )
        self.uri = uri


class DatabaseAuthError(StoreError):
    def __init__(self, uri: str, user: str) -> None:
        super().__init__(
            f"Neo4j at {uri} refused user {user!r}: check NEO4J_USER and NEO4J_PASSWORD."
        )


class ConstraintViolation(StoreError):
    """A write broke a schema constraint, e.g. a second node with an existing id."""


class QueryTimedOut(StoreError):
    """Neo4j ended a read that ran past the store's read timeout."""

    def __init__(self, query: str, seconds: float | None) -> None:
        super().__init__(f"Query {query!r} ran past the {seconds} s limit and was stopped.")
        self.query = query
        self.seconds = seconds


class QueryFailed(StoreError):
    """Neo4j rejected a named query; carries the query name and Neo4j's code."""

    def __init__(self, query: str, error: Neo4jError) -> None:
        super().__init__(f"Query {query!r} failed: {error.code}: {error.message}")
        self.query = query
        self.code = error.code


class _Listed(list):  # type: ignore[type-arg]
    """A long list parameter whose repr is its length. The driver formats each query's
    parameters for its debug log whether that log is on or not (neo4j 6.4, `Bolt5x5.run`):
    4-16 ms of a writer's CPU per batch of 5,000 rows, about a tenth of its time."""

    def __repr__(self) -> str:
        return f"<{len(self)} items>"


def _batched(params: dict[str, Any]) -> dict[str, Any]:
    return {k: _Listed(v) if type(v) is list and len(v) > 100 else v for k, v in params.items()}


class Tx:
    """A managed transaction that runs named queries (and counts them)."""

    def __init__(self, tx: ManagedTransaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    def run(self, query: NamedQuery, **params: Any) -> list[Row]:
        query.check(params)
        self._store._count()
        return [r.data() for r in self._tx.run(query.text, _batched(params))]

    def counters(self, query: NamedQuery, **params: Any) -> neo4j.SummaryCounters:
        return self.run_counted(query, **params)[1]

    def run_counted(self, query: NamedQuery, **params: Any) -> tuple[list[Row], neo4j.SummaryCounters]:
        """Rows and the write counters of one query."""
        query.check(params)
        self._store._count()
        result = self._tx.run(query.text, _batched(params))
        rows = [r.data() for r in result]
        return rows, result.consume().counters


class Store:
    def __init__(self, settings: Settings, *, retry_seconds: float = 30.0,
                 connect_timeout: float = 5.0, acquire_timeout: float | None = None,
                 read_timeout: float | None = None) -> None:
        """`read_timeout`: seconds after which Neo4j ends a read (`read`, `read_one`,
        `stream`); None for no limit (the command line and jobs). The API sets it.
        `acquire_timeout` bounds each attempt to get a working connection (by default twice
        `connect_timeout`); a server that accepts and never answers costs that much per
        attempt."""
        self.settings = settings
        self.read_timeout = read_timeout
        self.uri = settings.neo4j_uri
        self.database = settings.neo4j_database
        self._driver = GraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_user, settings.neo4j_password),
            connection_timeout=connect_timeout,
            connection_acquisition_timeout=acquire_timeout or connect_timeout * 2,
            max_transaction_retry_time=retry_seconds,
            notifications_min_severity="OFF",
        )
        self._trips = 0
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ping(self) -> None:
        """Raise DatabaseUnavailable (or DatabaseAuthError) unless Neo4j answers now."""
        with self._errors("ping"):
            self._driver.verify_connectivity()

    # -- round trips (for metrics and the N+1 tests) ---------------------------------------

    @property
    def round_trips(self) -> int:
        return self._trips

    def _count(self) -> None:
        with self._lock:
            self._trips += 1

    # -- queries --------------------------------------------------------------------------

    def read(self, query: NamedQuery, **params: Any) -> list[Row]:
        """Run a read query and return its rows as plain dicts."""
        query.check(params)
        self._count()
        with self._errors(query.name):
            records, _, _ = self._driver.execute_query(
                _query(query.text, self.read_timeout), _batched(params),
                database_=self.database, routing_=RoutingControl.READ
            )
        return [r.data() for r in records]

    def read_one(self, query: NamedQuery, **params: Any) -> Row | None:
        rows = self.read(query, **params)
        return rows[0] if rows else None

    def write(self, query: NamedQuery, **params: Any) -> list[Row]:
        """Run one write statement in a managed (retried) transaction."""
        return self.transaction(lambda tx: tx.run(query, **params), name=query.name)

    def transaction(self, work: Callable[[Tx], T], *, name: str = "transaction") -> T:
        """Run `work` in a managed write transaction; it may be retried, so keep it idempotent."""
        with self._errors(name), self._driver.session(database=self.database) as session:
            return session.execute_write(lambda tx: work(Tx(tx, self)))

    def write_in_transactions(self, query: NamedQuery, **params: Any) -> None:
        """Run a `CALL { … } IN TRANSACTIONS` statement: it commits as it goes, so it runs
        in an auto-commit transaction, not a managed (retried) one."""
        query.check(params)
        self._count()
        with self._errors(query.name), self._driver.session(database=self.database) as session:
            session.run(query.text, _batched(params)).consume()

    def version(self) -> str:
        """The database's latest committed state as an opaque string: it changes with every
        committed write by any client (this process, the CLI, another API worker). It is the
        bookmark Neo4j returns for a read in a session with no bookmarks of its own."""
        self._count()
        with self._errors(_VERSION.name), self._driver.session(
            database=self.database, bookmark_manager=None
        ) as session:
            session.run(_VERSION.text).consume()
            return ",".join(sorted(session.last_bookmarks().raw_values))

    def stream(self, query: NamedQuery, **params: Any) -> Iterator[Row]:
        """Yield rows as they arrive, for reads too large to hold at once."""
        query.check(params)
        self._count()
        with self._errors(query.name), self._driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            for record in session.run(_query(query.text, self.read_timeout),
                                      _batched(params)):
                yield record.data()

    def terminate_tagged(self, tag: str) -> int:
        """End the running reads tagged `tag` (see `request_tag`); returns how many. Reads
        not yet sent, or already done, are not affected."""
        self._count()
        with self._errors(_TERMINATE_TAGGED.name), self._driver.session(
                database=self.database) as session:  # a transaction command: auto-commit
            return len(session.run(_TERMINATE_TAGGED.text, request=tag).data())

    @contextmanager
    def _errors(self, name: str) -> Iterator[None]:
        try:
            yield
        except AuthError:
            raise DatabaseAuthError(self.uri, self.settings.neo4j_user) from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise DatabaseUnavailable(self.uri, exc) from None
        except ConstraintError as exc:
            raise ConstraintViolation(f"{name}: {exc.message}") from None
        except Neo4jError as exc:
            if exc.code and "TransactionTimedOut" in exc.code:
                raise QueryTimedOut(name, self.read_timeout) from None
            raise QueryFailed(name, exc) from None
        except DriverError as exc:
            raise DatabaseUnavailable(self.uri, exc) from None
        except OSError as exc:
            raise DatabaseUnavailable(self.uri, exc) from None
