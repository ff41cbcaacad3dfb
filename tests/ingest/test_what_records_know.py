"""The cells that say how much a record knows (figures, sources, confidence, consent, roles,
partial lists) read as documented, and a cell that cannot be read gets the exact error."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import Store
from ingest.importer import ImportOptions, import_files
from tests.ingest.conftest import nodes, rels
from tests.ingest.test_transform import errors_of

ACTIVITY = "id,name,kind,{column}\na1,Op,operation,{cell}\n"
PARTIES = ("id,name,kind\np1,P,government\n", "id,title,kind,status\nt1,T,convention,active\n")


@pytest.mark.parametrize(("column", "cell", "value", "reason"), [
    ("arrests", "many", "many", "'many' is not a figure: write a number (3500, 3,500, 1.2 million), "
     "~3500 (approximately), >5500 (at least), <10 (at most) or 11-12 (a range), with a currency "
     "code for money (EUR 1200000)"),
    ("seized", "5000", "5000", "seized is an amount of money: give its ISO 4217 currency, e.g. "
     "'USD 5000' (amounts are never converted)"),
    ("arrests", "EUR 5", "EUR 5", "arrests is a count, not money: remove the currency EUR"),
    ("frozen", "€1.2m", "€1.2m", "'€1.2m': give the currency as its ISO 4217 code, not a symbol "
     "(EUR 1200000, USD 5000)"),
    ("servers_seized", "12-12", "12-12", "servers_seized: a range needs low < high (got 12 and "
     "12); give one value when they agree"),
    ("outcomes", "arrests", "arrests", "each outcome reads name=figure (arrests=~3500; "
     "frozen=EUR 1200000)"),
    ("outcomes", "9lives=3", "3", "9lives: String should match pattern '^[a-z][a-z0-9_]{0,63}$'"),
    ("participants_complete", "maybe", "maybe",
     "Input should be a valid boolean, unable to interpret input"),
    ("participants_reported", "76 countries", "76 countries",
     "Input should be a valid integer, unable to parse string as an integer"),
    ("confidence", "150", "150", "Input should be less than or equal to 100"),
    ("end", "later", "later", "not a date: write YYYY, YYYY-MM or YYYY-MM-DD, a day, month and "
     "year (31/12/2021, 1 March 2021), or a month and year (March 2021)"),
    ("sources", "(published 2024)", "", "a source needs a url or a title"),
])
def test_a_cell_an_activity_cannot_hold_gets_the_exact_error(store: Store, write, column: str,
                                                             cell: str, value: str,
                                                             reason: str) -> None:
    path = write("activities.csv", ACTIVITY.format(column=column, cell=f'"{cell}"'))
    assert errors_of(store, [path]) == [("activities.csv", 2, column, value, reason)]


@pytest.mark.parametrize(("cells", "column", "value", "reason"), [
    ("signatory,,2019,2020,", "role", "signatory", "role signatory is for a partner that has only "
     "signed: one whose consent, ratification or entry into force is recorded is a party (role party)"),
    ("invited,,2019,,", "role", "invited", "role invited is for a partner that has neither signed "
     "nor consented: with dates or a consent it is a signatory or a party"),
    ("party,signature_only,2019,,", "consent", "signature_only",
     "consent signature_only means the partner has only signed: role signatory"),
    ("observer,accession,,2019,", "consent", "accession",
     "consent accession makes the partner a party: role party"),
    (",accession,,2021,2020", "in_force_on", "2020",
     "in_force_on 2020 is before the partner signed or consented"),
    (",ratified,,2021,", "consent", "ratified", "Input should be 'signature_only', 'ratification', "
     "'accession', 'acceptance', 'approval' or 'succession'"),
])
def test_a_party_whose_role_and_consent_disagree_is_rejected(store: Store, write, cells: str,
                                                             column: str, value: str,
                                                             reason: str) -> None:
    partners, agreements = (write(n, t) for n, t in zip(("partners.csv", "agreements.csv"), PARTIES,
                                                        strict=True))
    path = write("agreement_parties.csv",
                 "agreement_id,partner_id,role,consent,signed_on,ratified_on,in_force_on\n"
                 f"t1,p1,{cells}\n")
    assert errors_of(store, [partners, agreements, path]) == [
        ("agreement_parties.csv", 2, column, value, reason)]


def test_a_consent_of_signature_only_makes_a_signatory(store: Store, write) -> None:
    partners, agreements = (write(n, t) for n, t in zip(("partners.csv", "agreements.csv"), PARTIES,
                                                        strict=True))
    path = write("agreement_parties.csv",
                 "agreement_id,partner_id,consent,signed_on\nt1,p1,signature_only,2019\n")
    import_files(store, [partners, agreements, path])
    assert rels(store, "PARTY_TO", "role", "consent") == {("p1", "t1", "signatory", "signature_only")}


def test_a_semicolon_inside_an_unquoted_list_item_is_caught_and_quoting_keeps_it(
        store: Store, write) -> None:
    split = write("partners.csv", 'id,name,kind,aliases\n'
                  'np,Nigeria Police Force,law_enforcement,"NPF;Nigeria Police Force (cybercrime '
                  'unit; NCB Abuja)"\n')
    hint = ("its parentheses do not pair: an item holding a ';' was split in two? Put such an "
            "item in double quotes (\"Police (cyber unit; NCB)\"; NPF)")
    assert errors_of(store, [split]) == [
        ("partners.csv", 2, "aliases", "Nigeria Police Force (cybercrime unit", hint),
        ("partners.csv", 2, "aliases", "NCB Abuja)", hint)]

    quoted = write("fixed/partners.csv", 'id,name,kind,aliases\n'
                   'np,Nigeria Police Force,law_enforcement,"NPF;""Nigeria Police Force (cybercrime '
                   'unit; NCB Abuja)"""\n')
    import_files(store, [quoted])
    assert nodes(store, "Partner", "id", "aliases") == {
        ("np", ("NPF", "Nigeria Police Force (cybercrime unit; NCB Abuja)"))}


def test_several_roles_an_open_end_and_the_legacy_dollar_column(store: Store, write) -> None:
    partners = write("partners.csv", "id,name,kind\nfund,Fund,ngo\nunit,Unit,law_enforcement\n")
    activities = write("activities.csv", "id,name,kind,status,start,end,seized_usd,outcomes\n"
                       "a1,Programme,capacity_building,ongoing,2019,open,5000,arrest=3\n")
    ties = write("activity_participants.csv", "activity_id,partner_id,role\n"
                 "a1,fund,sponsor;participant\na1,unit,lead\n")

    report = import_files(store, [partners, activities, ties])

    assert nodes(store, "Activity", "id", "end", "open_ended", "outcome_names", "outcome_units") == {
        ("a1", None, True, ("seized", "arrest"), ("USD", ""))}
    assert rels(store, "PARTICIPATED_IN", "role", "roles") == {
        ("fund", "a1", "participant", ("participant", "sponsor")), ("unit", "a1", "lead", None)}
    assert {(n.column, n.message) for n in report.notices} >= {
        ("seized_usd", "seized_usd is stored as seized, in USD"),
        ("outcomes", "'arrest' is not in the vocabulary of figures; did you mean 'arrests'? "
                     "(kept as 'arrest')")}


def test_a_participant_given_a_partys_details_is_rejected(store: Store, write) -> None:
    partners = write("partners.csv", "id,name,kind\nunit,Unit,law_enforcement\n")
    activities = write("activities.csv", "id,name,kind,participants\n"
                       "a1,Op,operation,\"Unit (signed 2020)\"\n")
    assert errors_of(store, [partners, activities]) == [
        ("activities.csv", 2, "participants", "Unit",
         "signed_on: only an agreement's parties have those; a participant has a role")]


def test_a_skipped_row_with_new_cells_goes_to_rejects_unchanged(store: Store, write,
                                                                tmp_path: Path) -> None:
    path = write("activities.csv", 'id,name,kind,arrests,sources\n'
                 'a1,Good,operation,~10,"Press https://example.org/a (published 2024)"\n'
                 'a2,Bad,operation,lots,\n')
    report = import_files(store, [path], options=ImportOptions(on_error="skip"))
    assert report.rows_rejected == 1
    assert (tmp_path / "activities.rejects.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "a2,Bad,operation,lots,,\"arrests: 'lots' is not a figure: write a number (3500, 3,500, "
        "1.2 million), ~3500 (approximately), >5500 (at least), <10 (at most) or 11-12 (a range), "
        "with a currency code for money (EUR 1200000)\""]
    assert nodes(store, "Activity", "id", "outcome_qualifiers", "source_urls", "source_dates") == {
        ("a1", ("approximately",), ("https://example.org/a",), ("2024",))}
