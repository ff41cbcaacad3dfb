"""Named Cypher statements, one per `.cypher` file under `queries/`.

This is the only place that turns file text into query text. Modules declare the queries
they use at import time (`PARTNER_UPSERT = named("partners/upsert")`), so a misspelt name
fails when the process starts, not on the first request that needs it. Values always
travel as parameters: the text never contains user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parents[1] / "queries"

_COMMENT = re.compile(r"//[^\n]*")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class UnknownQuery(LookupError):
    """A query name with no file under queries/."""

    def __init__(self, name: str, known: list[str]) -> None:
        import difflib

        close = difflib.get_close_matches(name, known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"No query named {name!r} (looked for {QUERY_DIR / name}.cypher).{hint}")
        self.name = name


class MissingParameter(ValueError):
    """A named query was called without a parameter its text uses."""

    def __init__(self, query: str, missing: list[str]) -> None:
        super().__init__(f"Query {query!r} needs parameter(s) {', '.join(sorted(missing))}")
        self.query = query
        self.missing = missing


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    parameters: frozenset[str]

    def check(self, params: dict[str, object]) -> None:
        missing = self.parameters - params.keys()
        if missing:
            raise MissingParameter(self.name, sorted(missing))


def _parameters(text: str) -> frozenset[str]:
    code = _STRING.sub("''", _COMMENT.sub("", text))
    return frozenset(_PARAM.findall(code))


@cache
def catalogue() -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(QUERY_DIR.rglob("*.cypher")):
        name = path.relative_to(QUERY_DIR).with_suffix("").as_posix()
        text = path.read_text(encoding="utf-8")
        queries[name] = NamedQuery(name, text, _parameters(text))
    return queries


def named(name: str) -> NamedQuery:
    """The query stored in `queries/<name>.cypher`; raises UnknownQuery if there is none."""
    try:
        return catalogue()[name]
    except KeyError:
        raise UnknownQuery(name, list(catalogue())) from None
