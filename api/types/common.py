"""Shared GraphQL plumbing: the Node interface, Relay connections, Info typing, paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeAlias, TypeVar

import strawberry
from starlette.concurrency import run_in_threadpool

from api.context import Context
from graph.filters import FilterError
from graph.filters import Node as FilterNode
from graph.reads import known, lists

Info: TypeAlias = strawberry.Info[Context, None]
T = TypeVar("T")


@strawberry.interface(description="An object with a global id `Type:key`, fetchable by `node(id)`.")
class Node:
    @strawberry.field(description="Global id: the type name, a colon, and the object's key.")
    def node_id(self) -> strawberry.ID:
        return strawberry.ID(f"{type(self).__name__}:{self.key()}")

    def key(self) -> str:
        raise NotImplementedError


@strawberry.type(description="Where this page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="More results follow: ask again with `after: endCursor`.")
    has_previous_page: bool = strawberry.field(
        description="This page was asked for with `after`, so results come before it.")
    start_cursor: str | None = strawberry.field(
        description="The cursor of this page's first result (null on an empty page).")
    end_cursor: str | None = strawberry.field(
        description="The cursor of this page's last result: pass it as `after` for the next "
                    "page (null on an empty page).")


@strawberry.type(description="One result on a page, with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="An opaque position in the list: pass it as `after` to continue from here.")
    node: T = strawberry.field(description="The result itself.")


@strawberry.type(description="A page of results (Relay cursor connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The results on this page, in order.")
    page_info: PageInfo = strawberry.field(description="Whether more pages follow, and the "
                                                       "cursors to reach them.")
    total_count: int = strawberry.field(description="How many match the filter, on all pages.")


class BadInput(ValueError):
    """A query argument the caller must fix; reported with code BAD_USER_INPUT, and
    `extensions` (e.g. the close matches of an unknown id) beside the code."""

    def __init__(self, message: str, extensions: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.extensions = extensions or {}

    @classmethod
    def of(cls, error: FilterError) -> BadInput:
        """A filter's error for the caller, with its details (graph/reads/known.py)."""
        return cls(str(error), getattr(error, "extensions", None))


async def require_known(info: Info, kind: str, ids: dict[str, list[str]]) -> None:
    """Raise UnknownIds (BAD_USER_INPUT, with close matches) unless every id, by the argument
    that names it, is a `kind` the caller may see (one read)."""
    named = [(where, kind, str(v)) for where, values in ids.items() for v in values]
    await run_in_threadpool(known.check, info.context.store, named, info.context.viewer.access)


async def lookup(info: Info, loader: str, kind: str, key: str,
                 build: Callable[[dict[str, Any]], T]) -> T | None:
    """The object with id `key`, else null and an error naming the closest ids (the id is
    matched exactly; the hint only suggests)."""
    row = await getattr(info.context.loaders, loader).load(key)
    if row:
        return build(row)
    raise await run_in_threadpool(known.unknown, info.context.store, kind, key,
                                  info.context.viewer.access)


def clamp_first(info: Info, first: int | None) -> int:
    limit = info.context.settings.api_max_page_size
    if first is None:
        return min(info.context.settings.api_default_page_size, limit)
    if first < 0 or first > limit:
        raise BadInput(f"first must be between 0 and {limit}")
    return first


async def connection(info: Info, kind: str, tree: FilterNode | None, *, first: int | None,
                     after: str | None, sort: str, descending: bool,
                     build: Callable[[dict[str, Any]], T]) -> Connection[T]:
    """Run one page query and wrap its rows as a Relay connection of `build(row)`."""
    size = clamp_first(info, first)
    ctx = info.context
    try:
        page = await run_in_threadpool(
            lambda: lists.page(ctx.store, kind, tree, first=size, after=after, sort=sort,
                               descending=descending, access=ctx.viewer.access))
    except FilterError as exc:
        raise BadInput.of(exc) from None
    edges = [Edge(cursor=c.encode(), node=build(row)) for row, c in page.rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=page.has_next, has_previous_page=after is not None,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None),
        total_count=page.total,
    )
