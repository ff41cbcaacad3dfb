"""Every validation rule: a bad row and the exact error it gets (file, line, column, value)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files
from ingest.problems import RowError

PARTNERS = "id,name,kind,country\np1,One,ngo,FR\np2,Two,cert,DE\n"


def errors_of(store: Store, paths: list[Path], **opts: object) -> list[tuple[str, int, str, str, str]]:
    with pytest.raises(ImportRejected) as caught:
        import_files(store, paths, options=ImportOptions(dry_run=True, **opts))  # type: ignore[arg-type]
    return [(e.file, e.line, e.column, e.value, e.reason) for e in caught.value.errors]


def only_error(store: Store, paths: list[Path]) -> RowError:
    with pytest.raises(ImportRejected) as caught:
        import_files(store, paths, options=ImportOptions(dry_run=True))
    [error] = caught.value.errors
    return error


@pytest.mark.parametrize(("row", "column", "value", "reason"), [
    ("p9,Nine,pirates,FR", "kind", "pirates",
     "Input should be 'law_enforcement', 'government', 'international_org', 'private_sector', "
     "'cert', 'academia' or 'ngo'"),
    ("p9,,ngo,FR", "name", "", "Field required"),
    ("p 9,Nine,ngo,FR", "id", "p 9",
     "'p 9' is not a valid id (letters, digits and . _ : - only, at most 128 characters)"),
    ("p9,Nine,ngo,Atlantis", "country", "Atlantis",
     "not an ISO 3166-1 country (name, alpha-2, alpha-3 or numeric code)"),
    ("p1,Again,ngo,FR", "id", "p1", "duplicate id: first defined at partners.csv line 2"),
    ("p9,=cmd|' /C calc'!A0,ngo,FR", "name", "=cmd|' /C calc'!A0",
     "looks like a spreadsheet formula (starts with '='); remove the leading character"),
    ("p9,@SUM(1+1),ngo,FR", "name", "@SUM(1+1)",
     "looks like a spreadsheet formula (starts with '@'); remove the leading character"),
])
def test_a_bad_partner_row_gets_the_exact_error(store: Store, write: Callable[..., Path],
                                                row: str, column: str, value: str,
                                                reason: str) -> None:
    path = write("partners.csv", PARTNERS + row + "\n")
    assert errors_of(store, [path]) == [("partners.csv", 4, column, value, reason)]


@pytest.mark.parametrize(("cells", "column", "value", "reason"), [
    ("kind=mou,status=active,signed_on=2020-13", "signed_on", "2020-13",
     "'2020-13' is not a calendar date: month must be in 1..12"),
    ("kind=mou,status=active,signed_on=2020-06-01,expires_on=2019",
     "expires_on", "2019", "expires_on 2019 is before signed_on 2020-06-01"),
    ("kind=mou,status=pending", "status", "pending",
     "Input should be 'draft', 'signed', 'active', 'suspended', 'expired' or 'terminated'"),
    ("kind=mou,status=active,tlp=purple", "tlp", "purple",
     "Input should be 'clear', 'green', 'amber', 'amber+strict' or 'red'"),
    ("kind=mou,status=active,binding=maybe", "binding", "maybe",
     "Input should be a valid boolean, unable to interpret input"),
    ("kind=mou,status=active,scope=spying", "scope", "spying",
     "Input should be 'information_sharing', 'capacity_building', 'joint_operations', "
     "'technical_assistance' or 'research'"),
    ("kind=mou,status=active,objectives=obj-404", "objectives", "obj-404",
     "no objective with this id in this import or the graph"),
])
def test_a_bad_agreement_row_gets_the_exact_error(store: Store, write, cells: str, column: str,
                                                  value: str, reason: str) -> None:
    header = "id,title,kind,status,signed_on,expires_on,binding,scope,tlp,objectives"
    given = dict(c.split("=", 1) for c in cells.split(","))
    row = ",".join(given.get(h, {"id": "a1", "title": "T"}.get(h, "")) for h in header.split(","))
    path = write("agreements.csv", f"{header}\n{row}\n")
    assert errors_of(store, [path]) == [("agreements.csv", 2, column, value, reason)]


def test_an_activity_ending_before_it_starts_is_rejected(store: Store, write) -> None:
    path = write("activities.csv", "id,name,kind,start,end\nx1,Op,operation,2022-05,2022-04\n")
    assert errors_of(store, [path]) == [
        ("activities.csv", 2, "end", "2022-04", "end 2022-04 is before start 2022-05")]


def test_partial_dates_overlap_rather_than_invent_a_day(store: Store, write) -> None:
    path = write("activities.csv", "id,name,kind,start,end\nx1,Op,operation,2022-05-20,2022-05\n")
    report = import_files(store, [path], options=ImportOptions(dry_run=True))
    assert report.records["activities"] == 1


def test_a_party_ratifying_before_signing_is_rejected(store: Store, write) -> None:
    p = write("partners.csv", PARTNERS)
    a = write("agreements.csv", "id,title,kind,status\na1,T,convention,active\n")
    t = write("agreement_parties.csv",
              "agreement_id,partner_id,signed_on,ratified_on\na1,p1,2020-05,2019\n")
    assert errors_of(store, [p, a, t]) == [("agreement_parties.csv", 2, "ratified_on", "2019",
                                            "ratified_on 2019 is before signed_on 2020-05")]


def test_duplicate_ids_across_files_name_the_first(store: Store, write) -> None:
    csv_file = write("partners.csv", PARTNERS)
    json_file = write("more.json", '{"partners": [{"id": "p2", "name": "Two again", "kind": "ngo"}]}')
    assert errors_of(store, [csv_file, json_file]) == [
        ("more.json", 0, "id", "p2", "duplicate id: first defined at partners.csv line 3")]


def test_a_tie_given_twice_is_rejected(store: Store, write) -> None:
    p = write("partners.csv", PARTNERS)
    a = write("activities.csv", "id,name,kind\nx1,Op,operation\n")
    t = write("activity_participants.csv", "activity_id,partner_id,role\nx1,p1,lead\nx1,One,participant\n")
    assert errors_of(store, [p, a, t]) == [("activity_participants.csv", 3, "partner_id", "p1",
                                            "'p1' is tied to 'x1' twice (first at "
                                            "activity_participants.csv line 2)")]


def test_an_unknown_partner_name_suggests_the_closest(store: Store, write) -> None:
    p = write("partners.csv", "id,name,kind,aliases\ngib,Group-IB,private_sector,GIB\n"
                              "kas,Kaspersky Lab,private_sector,\n")
    a = write("agreements.csv", "title,kind,status,parties\nT,mou,active,Grupo IB;Kaspersky\n")
    assert errors_of(store, [p, a]) == [
        ("agreements.csv", 2, "parties", "Grupo IB",
         "no partner with this id, name or alias; closest known: 'Group-IB'"),
        ("agreements.csv", 2, "parties", "Kaspersky",
         "no partner with this id, name or alias; closest known: 'Kaspersky Lab'"),
    ]


def test_references_resolve_to_the_graph_by_alias(store: Store, write) -> None:
    import_files(store, [write("partners.csv", "id,name,kind,aliases\ngib,Group-IB,private_sector,GIB\n")])
    a = write("later/agreements.csv", "title,kind,status,parties\nT,mou,active,gib;  g i b ;GIB\n")
    assert errors_of(store, [a])[0][2:] == (
        "parties", "g i b", "no partner with this id, name or alias; closest known: 'GIB', "
        "'Group-IB'")


def test_an_ambiguous_name_asks_for_the_id(store: Store, write) -> None:
    # One name, two countries: two organisations (resolution keeps both), so the name is
    # ambiguous as a reference.
    p = write("partners.csv", "id,name,kind,country\na,National Police,law_enforcement,FR\n"
                              "b,NATIONAL POLICE ,law_enforcement,CI\n")
    t = write("platform_use.csv", "partner_id,platform_id\nnational police,pl\n")
    pl = write("platforms.csv", "id,name\npl,P\n")
    assert errors_of(store, [p, t, pl]) == [
        ("platform_use.csv", 2, "partner_id", "national police",
         "partner name 'national police' is ambiguous: it names a, b; give the id instead")]


def test_an_unknown_agreement_id_is_rejected(store: Store, write) -> None:
    p = write("partners.csv", PARTNERS)
    t = write("agreement_parties.csv", "agreement_id,partner_id\nnope,p1\n")
    assert errors_of(store, [p, t]) == [("agreement_parties.csv", 2, "agreement_id", "nope",
                                         "no agreement with this id in this import or the graph")]


def test_countries_are_normalised_and_reported(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind,country\na,A,ngo,nga\nb,B,ngo,Côte d'Ivoire\n"
                                 "c,C,ngo,UK\nd,D,ngo,FR\n")
    report = import_files(store, [path])
    assert {(n.value, n.message) for n in report.notices} == {
        ("nga", "country 'nga' normalised to 'NG'"),
        ("Côte d'Ivoire", "country \"Côte d'Ivoire\" normalised to 'CI'"),
        ("UK", "country 'UK' normalised to 'GB'"),
    }


def test_tlp_accepts_tlp_2_spellings_and_maps_white_to_clear(store: Store, write) -> None:
    path = write("agreements.csv", "id,title,kind,status,tlp\na,A,mou,active,TLP:AMBER+STRICT\n"
                                   "b,B,mou,active,white\nc,C,mou,active,Amber\n")
    report = import_files(store, [path])
    assert report.counts["agreements"]["created"] == 3
    assert [n.message for n in report.notices] == ["TLP:WHITE is TLP 2.0 CLEAR; stored as clear"]


def test_enum_values_are_case_and_space_insensitive(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind\na,A,Law Enforcement\nb,B,private-sector\n")
    assert import_files(store, [path]).counts["partners"]["created"] == 2


def test_a_row_with_more_cells_than_the_header_is_rejected(store: Store, write) -> None:
    path = write("partners.csv", "id,name,kind\na,Acme, Inc,private_sector\n")
    assert errors_of(store, [path]) == [("partners.csv", 2, "(row)", "",
                                         "row has 4 cells but the header has 3 columns "
                                         "(an unquoted comma?)")]
