"""Citation: where a fact was published, on any partner, agreement, activity or tie."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from graph.stored import citations_from


@strawberry.type(description="A source of a fact: a web page, a title, or both, and when it "
                             "was published.")
class Citation:
    url: str | None = strawberry.field(description="The web address of the source, if any.")
    title: str | None = strawberry.field(description="The source's title, if any.")
    published_on: str | None = strawberry.field(
        description="A partial date: YYYY, YYYY-MM or YYYY-MM-DD.")


@strawberry.input(description="A source: a url (http or https), a title, or both.")
class CitationInput:
    url: str | None = strawberry.field(default=None, description="The web address (http or "
                                                                 "https) of the source.")
    title: str | None = strawberry.field(default=None, description="The source's title.")
    published_on: str | None = strawberry.field(
        default=None, description="When it was published: YYYY, YYYY-MM or YYYY-MM-DD.")


def citations(row: Mapping[str, Any]) -> list[Citation]:
    """The sources stored on a node's or tie's property map (graph/stored.py)."""
    return [Citation(url=c.url, title=c.title, published_on=c.published_on)
            for c in citations_from(row)]
