"""Reading CSV: encodings, quoting, headers, layouts, and hostile files that must not crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.store import Store
from ingest.csv_source import CsvSource, kind_from_header, kind_from_name, normalise_header
from ingest.importer import ImportOptions, ImportRejected, import_files
from ingest.source import SourceOptions, SourceRow
from tests.ingest.conftest import nodes


def rows(path: Path, **opts: object) -> list[object]:
    return list(CsvSource(path, SourceOptions(**opts)).rows())  # type: ignore[arg-type]


def file_error(store: Store, paths: list[Path], **opts: object) -> tuple[str, int, str, str]:
    with pytest.raises(ImportRejected) as caught:
        import_files(store, paths, options=ImportOptions(**opts))  # type: ignore[arg-type]
    [e] = caught.value.errors
    return e.file, e.line, e.column, e.reason


def test_headers_match_whatever_their_case_and_spacing() -> None:
    assert normalise_header("  Partner ID ") == "partner_id"
    assert normalise_header("Signed-On") == "signed_on"


def test_the_kind_comes_from_the_file_name_or_else_the_header() -> None:
    assert kind_from_name(Path("Agreement Parties 2024.csv")) == "agreement_parties"
    assert kind_from_name(Path("partners.rejects.csv")) == "partners"
    assert kind_from_name(Path("treaties.csv")) is None
    assert kind_from_header({"title", "kind", "status", "parties"}) == "agreements"
    assert kind_from_header({"activity_id", "partner_id", "role"}) == "activity_participants"


def test_bom_quoted_commas_and_newlines_are_read_as_written(write) -> None:
    with_bom = write("partners.csv", "\ufeffID, Name ,KIND\r\np1,\"Acme, Inc.\nLagos\",ngo\r\n\r\np2,B,ngo\r\n")
    without = write("b/partners.csv", "id,name,kind\np1,\"Acme, Inc.\nLagos\",ngo\n\np2,B,ngo\n")
    for path in (with_bom, without):
        got = [r for r in rows(path) if isinstance(r, SourceRow)]
        assert [(r.line, dict(r.cells)) for r in got] == [
            (2, {"id": "p1", "name": "Acme, Inc.\nLagos", "kind": "ngo"}),
            (5, {"id": "p2", "name": "B", "kind": "ngo"}),
        ]


def test_an_unknown_column_is_an_error_unless_declared_ignorable(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind,Remarks\np1,A,ngo,hello\n")
    assert file_error(store, [path])[1:3] == (1, "Remarks")
    report = import_files(store, [path], options=ImportOptions(ignore_columns=frozenset({"remarks"})))
    assert report.counts["partners"]["created"] == 1


def test_a_missing_required_column_is_named(store: Store, write) -> None:
    path = write("partners.csv", "id,name\np1,A\n")
    assert file_error(store, [path]) == ("partners.csv", 1, "", "required column(s) missing: kind")


def test_random_bytes_are_refused_as_not_utf8(store: Store, write) -> None:
    noise = bytes(random.Random(7).randrange(128, 256) for _ in range(4000))
    path = write("partners.csv", b"id,name,kind\n" + noise)
    file, line, _, reason = file_error(store, [path])
    assert (file, line) == ("partners.csv", 2)
    assert reason.startswith("not UTF-8 text (byte 0x") and reason.endswith("save the file as UTF-8 CSV")


def test_a_latin1_file_is_refused_with_the_line(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind\np1,Ok,ngo\np2,Société Générale,private_sector\n"
                 .encode("latin-1"))
    assert file_error(store, [path]) == ("partners.csv", 3, "",
                                         "not UTF-8 text (byte 0xe9 cannot be decoded); "
                                         "save the file as UTF-8 CSV")


def test_a_line_beyond_the_limit_is_refused_without_reading_it_whole(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind\np1," + "x" * 50_000 + ",ngo\n")
    assert file_error(store, [path], max_line_bytes=10_000) == (
        "partners.csv", 2, "", "line is longer than the limit of 10,000 bytes; split the "
        "file or raise --max-line-bytes")


def test_control_characters_such_as_nul_are_refused(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind\np1,A\x00B,ngo\n")
    assert file_error(store, [path]) == ("partners.csv", 2, "name",
                                         "contains control character U+0000")


def test_an_empty_file_is_refused(store: Store, write) -> None:
    assert file_error(store, [write("partners.csv", "")]) == (
        "partners.csv", 0, "", "the file is empty (no header row)")


def test_an_unreadable_file_rejects_the_import_even_when_skipping(store: Store, write) -> None:
    good = write("platforms.csv", "id,name\npl,P\n")
    bad = write("partners.csv", b"id,name,kind\n\xff\xfe\n")
    with pytest.raises(ImportRejected):
        import_files(store, [good, bad], options=ImportOptions(on_error="skip"))
    assert nodes(store, "Platform", "id") == set()


def test_cypher_looking_strings_are_stored_as_plain_text(store: Store, write) -> None:
    evil = "x'}) MATCH (n) DETACH DELETE n //"
    path = write("partners.csv", f'id,name,kind,description\np1,"{evil}",ngo,"$rows; CALL db.labels()"\n')
    import_files(store, [path])
    assert nodes(store, "Partner", "id", "name", "description") == {
        ("p1", evil, "$rows; CALL db.labels()")}


_cell = st.one_of(st.text(max_size=30), st.sampled_from(
    ["", "ngo", "=1+1", "p1", "2020-13-01", "FR", "Atlantis", '"', "\n", ",", ";"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_cell, min_size=0, max_size=6), min_size=1, max_size=5))
def test_malformed_rows_give_errors_never_a_crash(store: Store, tmp_path_factory, table) -> None:
    import csv

    path = tmp_path_factory.mktemp("h") / "partners.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "kind", "country"])
        writer.writerows(table)
    try:
        report = import_files(store, [path], options=ImportOptions(dry_run=True))
    except ImportRejected as exc:
        assert exc.errors and all(e.file == "partners.csv" and e.reason for e in exc.errors)
    else:
        assert report.status == "validated"
