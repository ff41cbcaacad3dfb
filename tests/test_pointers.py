"""Every path that the docs, the README and the code's comments name exists.

A path is a token starting with one of the top-level folders (`graph/…`, `docs/…`), or a
named query (`named("partners/upsert")` names `queries/partners/upsert.cypher`). A token
that ends where a template fills in the rest (`queries/metrics/gaps_` before `{kind}`)
must be the start of some file's path. Query names count as paths under `queries/`.
"""

from __future__ import annotations

import re
import subprocess

from graph.config import PROJECT_ROOT

FOLDERS = ("graph", "api", "ingest", "queries", "tests", "bench", "docs", ".ci")
TEXT = (".md", ".py", ".cypher", ".js", ".toml", ".yml", ".yaml", ".graphql", "Makefile", "run")
_ROOTS = "|".join(re.escape(f) for f in FOLDERS)
PATH = re.compile(rf"(?<![\w/.-])((?:{_ROOTS})/[\w./-]*\w)")
QUERY = re.compile(r"""named\(\s*f?["']([\w/]+)""")


def _tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    return [f for f in out if f.endswith(TEXT) and (PROJECT_ROOT / f).is_file()
            and "/dist/" not in f and "node_modules" not in f]


def _exists(token: str, everything: list[str]) -> bool:
    # On disk too: build outputs (api/dashboard/dist) are named but not tracked.
    return (PROJECT_ROOT / token).exists() or any(
        f.startswith(token) or f.startswith(f"queries/{token}") for f in everything)


def test_every_path_named_in_docs_and_comments_exists() -> None:
    everything = _tracked()
    every_file = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, check=True).stdout.split()
    missing = set()
    for name in everything:
        text = (PROJECT_ROOT / name).read_text(encoding="utf-8", errors="replace")
        queries = {m.group(1) for m in QUERY.finditer(text)}
        for m in PATH.finditer(text):
            token = m.group(1).rstrip(".")
            if token in queries:  # a named query, checked below
                continue
            if not _exists(token, every_file):
                missing.add(f"{name}: {token}")
        for q in queries if not name.startswith("tests/") else ():  # tests name bad ones
            if not _exists(f"queries/{q}", every_file):
                missing.add(f"{name}: named query {q}")
    assert sorted(missing) == []


def test_the_architecture_page_names_every_folder_of_code() -> None:
    """docs/ARCHITECTURE.md matches the tree: every folder that holds code or queries is on it."""
    page = (PROJECT_ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    every_file = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True,
                                text=True, check=True).stdout.split()
    folders = {"/".join(f.split("/")[:2]) for f in every_file
               if f.split("/")[0] in ("graph", "api", "ingest") and f.count("/") >= 2}
    unnamed = sorted(d for d in folders
                     if f"`{d}/`" not in page and f"`{d.split('/')[1]}/`" not in page)
    assert folders, "no folders found: the test reads the wrong tree"
    assert unnamed == [], f"docs/ARCHITECTURE.md does not name {unnamed}"
