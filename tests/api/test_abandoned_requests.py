"""A read-only request whose client goes away is cancelled, and Neo4j ends its reads.

The slow read is a real Cypher statement on the real Neo4j (it would count to 10^10); the
tests wait for it to show in `SHOW TRANSACTIONS`, never for a time.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.schema import build_schema
from api.view import GraphQLView
from graph.config import Settings
from graph.queries import NamedQuery
from graph.store import QueryFailed, Store, request_tag

SLOW = NamedQuery("abandoned_test/slow", "UNWIND range(1, 10000000000) AS i WITH i WHERE i = -1 "
                  "RETURN count(*) AS n", frozenset())
RUNNING = NamedQuery("abandoned_test/running", "SHOW TRANSACTIONS YIELD metaData "
                     "WHERE metaData.request = $tag RETURN count(*) AS n", frozenset({"tag"}))


@pytest.fixture
def patient(store: Store, settings: Settings) -> Iterator[Store]:
    """A store whose reads Neo4j would end after two minutes, should ending them fail."""
    with Store(settings, read_timeout=120) as s:
        yield s


def _wait_until_running(store: Store, tag: str) -> None:
    deadline = time.monotonic() + 120  # generous: the machine may be busy
    while not store.read_one(RUNNING, tag=tag)["n"]:
        assert time.monotonic() < deadline, "the slow read never started"


def test_terminate_tagged_ends_the_reads_carrying_the_tag(patient: Store) -> None:
    failed: list[BaseException] = []

    def read() -> None:
        request_tag.set("tag-1")  # this thread's own context
        try:
            patient.read(SLOW)
        except QueryFailed as exc:
            failed.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    _wait_until_running(patient, "tag-1")

    assert patient.terminate_tagged("tag-1") == 1
    reader.join(timeout=120)
    assert not reader.is_alive() and len(failed) == 1
    assert "Terminated" in str(failed[0])
    assert patient.terminate_tagged("tag-1") == 0  # nothing left running


def test_a_read_only_request_whose_client_disconnects_is_cancelled_and_its_reads_ended(
        patient: Store, settings: Settings) -> None:
    view = GraphQLView(build_schema(settings), settings)
    seen: dict[str, str | None] = {}

    async def work() -> Response:
        seen["tag"] = request_tag.get()  # the request's tag, in the task that answers it
        await run_in_threadpool(patient.read, SLOW)
        return Response("never sent")

    async def receive() -> dict[str, str]:
        # The body was read already; the client leaves once its read is running in Neo4j.
        while "tag" not in seen:
            await asyncio.sleep(0)
        await run_in_threadpool(_wait_until_running, patient, seen["tag"] or "")
        return {"type": "http.disconnect"}

    answered = asyncio.run(view._unless_abandoned(work(), receive, patient))

    assert answered is None
    assert seen["tag"] and request_tag.get() is None  # the tag stays with its request
    assert (view.abandoned, view.ended_reads) == (1, 1)
    deadline = time.monotonic() + 120  # a terminated transaction is gone once it unwinds
    while patient.read_one(RUNNING, tag=seen["tag"])["n"]:
        assert time.monotonic() < deadline, "the ended read is still running"


def test_a_request_answered_before_any_disconnect_is_answered(patient: Store,
                                                               settings: Settings) -> None:
    view = GraphQLView(build_schema(settings), settings)
    never = asyncio.Event()

    async def work() -> Response:
        return Response("answer")

    async def receive() -> dict[str, str]:
        await never.wait()  # the client stays
        return {"type": "http.disconnect"}

    answered = asyncio.run(view._unless_abandoned(work(), receive, patient))
    assert answered is not None and answered.body == b"answer"
    assert (view.abandoned, view.ended_reads) == (0, 0)
