"""Typo-tolerant text search over partner names and aliases (full-text index `partner_names`).

User text never becomes Lucene syntax. It is cut into lower-case words the way the index's
standard analyzer cuts names (letters and digits; `Group-IB` → `group`, `ib`), because
fuzzy terms are not analyzed; every Lucene special character that could remain is escaped
anyway. Each word becomes a fuzzy term whose edit distance grows with its length, as
Elasticsearch's AUTO fuzziness does: three characters or fewer exact (a fuzzy short word
matches almost anything), four or five within one edit (`word~1`), longer within two
(`word~2`); fewer edits also keep Lucene's fuzzy expansion cheap. Terms are ORed; the
index's BM25 score ranks. The query string then travels as a parameter like any other value.
"""

from __future__ import annotations

import re

from graph.queries import named
from graph.store import Row, Store

_SEARCH = named("partners/search")

# Lucene's classic query parser: + - && || ! ( ) { } [ ] ^ " ~ * ? : \ /
_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_WORDS = ("AND", "OR", "NOT", "TO")
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8


def escape(word: str) -> str:
    """`word` with every Lucene special character escaped."""
    escaped = _SPECIAL.sub(r"\\\1", word)
    # Bare operator words would be read as operators; lower-case them (the analyzer does too).
    return escaped.lower() if escaped in _WORDS else escaped


def lucene_query(text: str) -> str | None:
    """The fuzzy Lucene query for `text`, or None when it holds no words."""
    terms = []
    for word in _WORD.findall(text.lower())[:MAX_TERMS]:
        term = escape(word)
        edits = 0 if len(word) <= 3 else 1 if len(word) <= 5 else 2
        terms.append(f"{term}~{edits}" if edits else term)
    return " ".join(terms) or None


def search_partners(store: Store, text: str, limit: int) -> list[tuple[Row, float]]:
    """Partners whose name or aliases match `text`, best first, at most `limit`."""
    query = lucene_query(text)
    if query is None:
        return []
    return [(r["node"], r["score"]) for r in store.read(_SEARCH, terms=query, limit=limit)]
