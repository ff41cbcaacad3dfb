"""The spreadsheets stewards really have, against the real Neo4j: Excel workbooks, files
Excel writes in Europe (`;`, a BOM, CRLF), title rows, dates and countries as people write
them. The .xlsx fixtures are built here with openpyxl, as Excel would save them."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from api.cli import main
from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files
from tests.ingest.conftest import nodes, rels

DRY = ImportOptions(dry_run=True)


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook as Excel saves one; a text cell that starts with "=" (typed with a leading
    apostrophe in Excel) stays text."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    book.save(path)
    return path


def test_an_xlsx_of_partners_with_countries_as_people_write_them_passes_a_dry_run(
        store: Store, tmp_path: Path) -> None:
    path = workbook(tmp_path / "Partners 2026.xlsx", {"Sheet1": [
        ["Partner register, cybercrime unit (updated March 2026)"],
        [],
        ["ID", "Name", "Kind", "Country", "Website", "Aliases"],
        ["nl-htcu", "Team High Tech Crime", "law_enforcement", "The Netherlands",
         "https://www.politie.nl", "THTC"],
        ["kr-knpa-cyber", "KNPA Cyber Bureau", "Law Enforcement", "Republic of Korea", None, None],
        ["ae-dubai-cyber", "Dubai Police Cybercrime Department", "law_enforcement", "UAE", None, None],
        [1001, "Numbered NGO", "NGO", "Cote d'Ivoire", None, None],
    ]})

    with pytest.raises(ImportRejected) as caught:  # the title row is not the header
        import_files(store, [path], options=DRY)
    assert "the header seems to be row 3: give the header row (--header-row 3)" in \
        caught.value.errors[0].reason

    report = import_files(store, [path], options=ImportOptions(dry_run=True, header_row=3))

    assert report.status == "validated" and report.errors == []
    assert report.counts["partners"] == {"created": 4}
    countries = {(n.value, n.message) for n in report.notices if n.column == "country"}
    assert countries == {
        ("The Netherlands", "country 'The Netherlands' normalised to 'NL'"),
        ("Republic of Korea", "country 'Republic of Korea' normalised to 'KR'"),
        ("UAE", "country 'UAE' normalised to 'AE'"),
        ("Cote d'Ivoire", "country \"Cote d'Ivoire\" normalised to 'CI'"),
    }
    assert nodes(store, "Partner", "id") == set()

    import_files(store, [path], options=ImportOptions(header_row=3))
    assert ("1001", "CI") in nodes(store, "Partner", "id", "country")


def test_a_european_excel_agreements_file_passes_a_dry_run(store: Store,
                                                           write: Callable[..., Path]) -> None:
    bad = write("bad/agreements.csv", (
        "\ufeffID;Title;Kind;Status;Signed On;Expires On;Binding;Scope;Parties\r\n"
        "agr-eu-1;Data exchange, Europe;data sharing;active;03/01/2021;1 March 2026;yes;"
        "information sharing;\"France (signed 03/01/2021); Atlantis Police\"\r\n"
        "agr-eu-2;MoU on cyber;pact;active;2023;;false;;Nigeria\r\n"))
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [bad], options=DRY)
    # Every problem of the file in one report: a date, a reference, a vocabulary word.
    assert {(e.line, e.column, e.value) for e in caught.value.errors} == {
        (2, "signed_on", "03/01/2021"), (2, "parties[France].signed_on", "03/01/2021"),
        (2, "parties", "Atlantis Police"), (3, "kind", "pact")}

    good = write("agreements.csv", (
        "\ufeffID;Title;Kind;Status;Signed On;Expires On;Binding;Scope;Parties\r\n"
        "agr-eu-1;Data exchange, Europe;data_sharing;active;31/12/2021;1 March 2026;true;"
        "information_sharing;\"France (signed 31/12/2021); Belgium\"\r\n"
        "agr-eu-2;MoU on cyber, West Africa;mou;active;2023;;false;;\"Nigeria; Ghana\"\r\n"))
    report = import_files(store, [good], options=DRY)

    assert report.status == "validated"
    assert report.counts["agreements"] == {"created": 2}
    assert report.counts["agreement_parties"] == {"created": 4}
    assert {(n.value, n.message) for n in report.notices if n.column == "signed_on"} == {
        ("31/12/2021", "date '31/12/2021' read as 2021-12-31")}
    import_files(store, [good])
    assert nodes(store, "Agreement", "id", "signed_on", "expires_on") == {
        ("agr-eu-1", "2021-12-31", "2026-03-01"), ("agr-eu-2", "2023", None)}
    assert ("gov-FR", "agr-eu-1", "2021-12-31") in rels(store, "PARTY_TO", "signed_on")


def test_dates_that_could_be_read_two_ways_ask_for_the_order(store: Store,
                                                              write: Callable[..., Path]) -> None:
    path = write("activities.csv", "id,name,kind,start,end\n"
                                   "act-1,Operation Ambiguous,operation,03/01/2021,31/01/2021\n")
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [path], options=DRY)
    [error] = caught.value.errors
    assert (error.column, error.value) == ("start", "03/01/2021")
    assert "give --date-order dmy or mdy" in error.reason
    report = import_files(store, [path], options=ImportOptions(date_order="dmy"))
    assert nodes(store, "Activity", "id", "start", "end") == {("act-1", "2021-01-03", "2021-01-31")}
    assert report.status == "complete"


def test_a_workbook_of_several_sheets_holds_one_kind_per_sheet(store: Store,
                                                               tmp_path: Path) -> None:
    path = workbook(tmp_path / "register.xlsx", {
        "Partners": [["id", "name", "kind", "country"],
                     ["gh-csa", "Cyber Security Authority", "government", "Ghana"],
                     ["gh-cert", "CERT-GH", "cert", "GH"]],
        "Agreements": [["id", "title", "kind", "status", "signed_on"],
                       ["agr-gh", "National incident sharing", "mou", "active",
                        dt.datetime(2022, 5, 17)]],
        "Agreement parties": [["agreement_id", "partner_id", "role"],
                              ["agr-gh", "gh-csa", "party"], ["agr-gh", "CERT-GH", "party"]],
    })
    report = import_files(store, [path])
    assert report.status == "complete"
    assert nodes(store, "Agreement", "id", "signed_on") == {("agr-gh", "2022-05-17")}
    assert rels(store, "PARTY_TO") == {("gh-csa", "agr-gh"), ("gh-cert", "agr-gh")}

    notes = workbook(tmp_path / "with-notes.xlsx", {
        "partners": [["id", "name", "kind"], ["x", "X", "ngo"]],
        "Notes": [["Checked by the desk in May"]]})
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [notes], options=DRY)
    assert "sheet 'Notes' is not named after a kind" in caught.value.errors[0].reason


def test_rejected_rows_of_a_workbook_go_to_a_workbook_and_of_a_csv_to_an_excel_csv(
        store: Store, tmp_path: Path, write: Callable[..., Path]) -> None:
    book = workbook(tmp_path / "partners.xlsx", {"partners": [
        ["id", "name", "kind", "country"], ["ok", "Fine", "ngo", "FR"],
        ["bad", "=HYPERLINK(\"x\")", "ngo", "FR"], ["bad2", "Nowhere", "ngo", "Atlantis"]]})
    sheet = write("partners.csv", "id;name;kind;country\nok2;Fine Two;ngo;FR\nbad3;Three;pirates;FR\n")

    report = import_files(store, [book, sheet], options=ImportOptions(on_error="skip"))

    assert report.counts["partners"] == {"created": 2}
    assert sorted(Path(p).name for p in report.rejects_files) == [
        "partners.rejects.csv", "partners.rejects.xlsx"]
    rejected = openpyxl.load_workbook(tmp_path / "partners.rejects.xlsx").active
    values = [[c.value for c in row] for row in rejected.iter_rows()]
    assert values[0] == ["id", "name", "kind", "country", "reject_reason"]
    assert values[1][:4] == ["bad", "=HYPERLINK(\"x\")", "ngo", "FR"]  # text, not a formula
    assert rejected["B2"].data_type == "s"
    raw = (tmp_path / "partners.rejects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;name;kind;country;reject_reason\r\n")
    with (tmp_path / "partners.rejects.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[1][:4] == ["bad3", "Three", "pirates", "FR"]


def test_the_command_line_exits_2_when_it_wrote_with_rejected_rows(
        store: Store, write: Callable[..., Path]) -> None:
    path = write("partners.csv", "id,name,kind\nok,Fine,ngo\nbad,Bad,pirates\n")
    done = CliRunner().invoke(main, ["import", str(path), "--on-error", "skip", "--json"])
    assert done.exit_code == 2, done.output
    assert ("ok",) in nodes(store, "Partner", "id")
    assert CliRunner().invoke(main, ["import", str(path), "--json"]).exit_code == 1
    unreadable = write("broken/partners.csv", "id,name,kind,colour\nx,X,ngo,red\n")
    told = CliRunner().invoke(main, ["import", str(unreadable), "--on-error", "skip"])
    assert told.exit_code == 1
    assert "use --on-error skip" not in told.output
    assert "A file could not be read at all" in told.output
