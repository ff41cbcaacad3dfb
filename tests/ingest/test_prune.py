"""`--prune` against the real Neo4j: what the same files no longer contain goes, nothing else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files
from tests.ingest.conftest import EXAMPLES, nodes, rels, snapshot

PRUNE = ImportOptions(prune=True)
Write = Callable[[str, str], Path]

# Source A, first version: three partners, two agreements, three ties, a platform in use.
A1 = {
    "partners.csv": "id,name,kind\np1,One,ngo\np2,Two,ngo\np3,Three,ngo\n",
    "agreements.csv": "id,title,kind,status\nag1,First,mou,active\nag2,Second,mou,active\n",
    "agreement_parties.csv": "agreement_id,partner_id\nag1,p1\nag1,p2\nag2,p3\n",
}
# Source A, second version: p3, ag2 and the ties (ag1, p2) and (ag2, p3) are gone; p1 is
# renamed (so written by the new import) and p2 unchanged (still the first import's).
A2 = {
    "partners.csv": "id,name,kind\np1,One renamed,ngo\np2,Two,ngo\n",
    "agreements.csv": "id,title,kind,status\nag1,First,mou,active\n",
    "agreement_parties.csv": "agreement_id,partner_id\nag1,p1\n",
}


def _files(write: Write, folder: str, files: dict[str, str]) -> list[Path]:
    return [write(f"{folder}/{name}", text) for name, text in files.items()]


def test_prune_deletes_exactly_what_the_same_files_no_longer_contain(store: Store,
                                                                       write: Write) -> None:
    import_files(store, _files(write, "a1", A1))
    other = write("b/partners_b.csv", "id,name,kind\nq1,Other source,ngo\n")
    import_files(store, [other])

    report = import_files(store, _files(write, "a2", A2), options=PRUNE)

    assert report.status == "complete"
    assert report.pruned == Counter(partners=1, agreements=1, agreement_parties=2)
    assert report.counts["partners"] == Counter(updated=1, unchanged=1, pruned=1)
    assert nodes(store, "Partner", "id") == {("p1",), ("p2",), ("q1",)}
    assert nodes(store, "Agreement", "id") == {("ag1",)}
    assert rels(store, "PARTY_TO") == {("p1", "ag1")}
    assert report.as_dict()["pruned"] == {"partners": 1, "agreements": 1,
                                          "agreement_parties": 2}


def test_without_prune_nothing_is_deleted(store: Store, write: Write) -> None:
    import_files(store, _files(write, "a1", A1))

    report = import_files(store, _files(write, "a2", A2))

    assert report.pruned is None
    assert nodes(store, "Partner", "id") == {("p1",), ("p2",), ("p3",)}
    assert nodes(store, "Agreement", "id") == {("ag1",), ("ag2",)}
    assert rels(store, "PARTY_TO") == {("p1", "ag1"), ("p2", "ag1"), ("p3", "ag2")}


def test_dry_run_with_prune_reports_what_would_go_and_deletes_nothing(store: Store,
                                                                      write: Write) -> None:
    import_files(store, _files(write, "a1", A1))
    before = snapshot(store)
    a2 = _files(write, "a2", A2)

    dry = import_files(store, a2, options=ImportOptions(prune=True, dry_run=True))

    assert dry.status == "validated"
    assert dry.pruned == Counter(partners=1, agreements=1, agreement_parties=2)
    assert "would prune: 2 agreement_parties, 1 agreements, 1 partners" in dry.summary()
    assert snapshot(store) == before
    assert import_files(store, a2, options=PRUNE).pruned == dry.pruned


def test_a_node_another_source_still_ties_to_is_kept_and_reported(store: Store,
                                                                  write: Write) -> None:
    import_files(store, _files(write, "a1", A1))
    import_files(store, [write("b/agreement_parties_b.csv",
                               "agreement_id,partner_id\nag2,p1\n")])

    report = import_files(store, _files(write, "a2", A2), options=PRUNE)

    # (ag2, p3) was A's and goes, and so does p3; ag2 is held by source B's tie.
    assert report.pruned == Counter(partners=1, agreement_parties=2)
    assert report.prune_kept == Counter(agreements=1)
    assert [(n.column, n.value) for n in report.notices if n.file == "(prune)"] == [
        ("agreements", "ag2")]
    assert nodes(store, "Agreement", "id") == {("ag1",), ("ag2",)}
    assert rels(store, "PARTY_TO") == {("p1", "ag1"), ("p1", "ag2")}


def test_prune_leaves_what_another_source_wrote_last(store: Store, write: Write) -> None:
    import_files(store, _files(write, "a1", A1))
    # Source B rewrites p3 (new content): B is now its last writer, so A's prune keeps it.
    import_files(store, [write("b/partners_b.csv", "id,name,kind\np3,Three (B),cert\n")])

    report = import_files(store, _files(write, "a2", A2), options=PRUNE)

    assert report.pruned == Counter(agreements=1, agreement_parties=2)
    assert nodes(store, "Partner", "id", "name") == {("p1", "One renamed"), ("p2", "Two"),
                                                     ("p3", "Three (B)")}


def test_reimporting_with_prune_deletes_nothing_not_even_governments_created_on_first_use(
        store: Store) -> None:
    options = ImportOptions(prune=True, ignore_columns=frozenset({"Steward notes"}))
    files = [EXAMPLES / "treaties.csv"]
    import_files(store, sorted((EXAMPLES / "csv").glob("*.csv")))  # the partners it names
    first = import_files(store, files, options=options)
    before = snapshot(store, imports=False)

    again = import_files(store, files, options=options)

    assert first.governments and not again.governments
    assert again.pruned == Counter() and again.prune_kept == Counter()
    assert snapshot(store, imports=False) == before


def test_prune_is_refused_when_rows_were_rejected(store: Store, write: Write) -> None:
    import_files(store, _files(write, "a1", A1))
    before = snapshot(store)
    a2 = _files(write, "a2", {**A2, "partners.csv": "id,name,kind\np1,One,ngo\np2,Two,pirates\n"})

    with pytest.raises(ImportRejected) as caught:
        import_files(store, a2, options=ImportOptions(prune=True, on_error="skip"))

    first = caught.value.errors[0]
    assert first.column == "--prune"
    assert first.reason.startswith("--prune refused: 1 row(s) were rejected")
    assert snapshot(store) == before
