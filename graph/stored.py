"""How structured fields are kept as Neo4j properties, and read back.

Neo4j properties hold scalars and lists of scalars (no maps, no null inside a list), so a
list of sources is three parallel lists, with '' for a part not given, and only when there
is a source (a node or tie without one stores nothing). Figures are stored the same way
(graph/figures.py, `to_properties`). Several roles in one activity: `role` holds the
principal one and `roles` every one, only when there are several.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.model import Citation

CITATION_KEYS = ("source_urls", "source_titles", "source_dates")
_NONE = dict.fromkeys(CITATION_KEYS)


def citations(items: tuple[Citation, ...]) -> dict[str, list[str] | None]:
    """The properties for a record's sources (all None when it has none)."""
    if not items:
        return _NONE
    return {"source_urls": [c.url or "" for c in items],
            "source_titles": [c.title or "" for c in items],
            "source_dates": [c.published_on or "" for c in items]}


def citations_from(row: Mapping[str, Any]) -> list[Citation]:
    """The sources stored on a node's or tie's property map, in their order."""
    urls = row.get("source_urls") or []
    return [Citation.model_construct(url=u or None, title=t or None, published_on=d or None)
            for u, t, d in zip(urls, row.get("source_titles") or [], row.get("source_dates") or [],
                               strict=True)]


def citations_document(row: Mapping[str, Any]) -> list[dict[str, str]]:
    """The stored sources as the import document writes them (for edits)."""
    return [c.model_dump(exclude_none=True) for c in citations_from(row)]


def roles_from(row: Mapping[str, Any]) -> list[str]:
    """Every role of a stored participation (`roles`, else the one `role`)."""
    return list(row.get("roles") or [row["role"]])
