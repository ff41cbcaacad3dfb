"""JSON documents: shape errors point into the document; rejects re-import once fixed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files
from ingest.json_source import JsonSource
from ingest.problems import RowError
from ingest.source import SourceOptions
from tests.ingest.conftest import nodes


def errors(store: Store, path) -> list[tuple[str, str, str]]:
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [path], options=ImportOptions(dry_run=True))
    return [(e.where, e.column, e.reason) for e in caught.value.errors]


def test_invalid_json_names_line_and_column(store: Store, write) -> None:
    path = write("doc.json", '{"partners": [\n  {"id": "a",}\n]}')
    assert errors(store, path) == [(
        "(file)", "", "not valid JSON: Expecting property name enclosed in double quotes at "
                      "line 2 column 14")]


def test_unknown_keys_and_fields_are_errors(store: Store, write) -> None:
    assert errors(store, write("a.json", '{"people": []}')) == [(
        "/people", "people", "unknown key; expected partners, objectives, platforms, agreements, "
                             "agreement_parties, activities, activity_participants, platform_use")]
    doc = {"partners": [{"id": "a", "name": "A", "kind": "ngo", "colour": "red"}, 7]}
    assert errors(store, write("b.json", json.dumps(doc))) == [
        ("/partners/0", "(row)", "unknown field(s) 'colour'"),
        ("/partners/1", "(row)", "each item must be a JSON object"),
    ]


def test_a_party_without_a_partner_is_an_error(store: Store, write) -> None:
    doc = {"partners": [{"id": "a", "name": "A", "kind": "ngo"}],
           "agreements": [{"id": "x", "title": "X", "kind": "mou", "status": "active",
                           "parties": [{"role": "party"}, {"partner": "A", "role": "boss"}]}]}
    assert errors(store, write("c.json", json.dumps(doc))) == [
        ("/agreements/0", "parties", "a party needs `partner` (an id, name, alias or country)"),
        ("/agreements/0", "parties[A].role",
         "Input should be 'party', 'signatory', 'invited', 'depositary' or 'observer'"),
    ]


def test_skipped_items_go_to_a_json_rejects_file_that_reimports(store: Store, write, tmp_path) -> None:
    doc = {"partners": [{"id": "a", "name": "A", "kind": "ngo"},
                        {"id": "b", "name": "B", "kind": "ngo", "country": "Narnia"}]}
    path = write("doc.json", json.dumps(doc))
    report = import_files(store, [path], options=ImportOptions(on_error="skip", rejects=tmp_path / "r"))
    [rejects] = report.rejects_files
    saved = json.loads(Path(rejects).read_text(encoding="utf-8"))
    assert saved["partners"][0]["id"] == "b" and saved["partners"][0]["_reject_reason"].startswith(
        "country: not an ISO 3166-1 country")
    saved["partners"][0]["country"] = "Norway"
    Path(rejects).write_text(json.dumps(saved), encoding="utf-8")

    again = import_files(store, [rejects])
    assert again.counts["partners"] == Counter(created=1)
    assert nodes(store, "Partner", "id", "country") == {("a", None), ("b", "NO")}


MALFORMED = ['{"partners": [{"id": "a"} {"id": "b"}]}', '{"partners": [{"id": "a"},]}',
             '{"partners" [', '{"partners": [], }', '{partners: []}', '{"a": 1} {}', '',
             '[1, 2', '{"partners": [{"id": "a\\x"}]}', '{"_note": {"k": [1, 2,, 3]}}',
             '{"partners": [{"id": "a"}], "type": "bundle", "objects": [1 2]}', '"\\ud800" 1']


@pytest.mark.parametrize("text", MALFORMED)
def test_the_walked_document_fails_as_json_loads_words_it(text: str, tmp_path: Path) -> None:
    """The document is walked item by item, never decoded whole, with `json.loads`'s errors."""
    with pytest.raises(json.JSONDecodeError) as want:
        json.loads(text)
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    [error] = list(JsonSource(path, SourceOptions()).rows())
    assert isinstance(error, RowError) and error.reason == (
        f"not valid JSON: {want.value.msg} at line {want.value.lineno} column {want.value.colno}")


def test_nesting_too_deep_is_an_error(store: Store, write) -> None:
    deep = '{"_x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert errors(store, write("deep.json", deep)) == [
        ("(file)", "", "not valid JSON: nested too deeply")]


def test_an_item_over_the_length_limit_is_rejected_unread(store: Store, write) -> None:
    doc = {"partners": [{"id": "a", "name": "A", "kind": "ngo", "description": "x" * 200},
                        {"id": "b", "name": "B", "kind": "ngo"}]}
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [write("long.json", json.dumps(doc))],
                     options=ImportOptions(dry_run=True, max_line_bytes=100))
    assert [(e.where, e.reason) for e in caught.value.errors] == [
        ("/partners/0", "item is 258 characters long, over the limit of 100 (--max-line-bytes)")]


def test_repeated_and_ignored_keys_read_as_json_loads_reads_them(store: Store, write) -> None:
    text = ('{"$schema": "x", "_notes": {"big": [[{}], {"a": [1, null, true]}]}, '
            '"partners": [{"id": "a", "name": "A", "kind": "ngo"}], '
            '"partners": [{"id": "b", "name": "B", "kind": "ngo"}]}')
    report = import_files(store, [write("doc.json", text)])
    assert report.counts["partners"] == Counter(created=1)
    assert nodes(store, "Partner", "id") == {("b",)}
