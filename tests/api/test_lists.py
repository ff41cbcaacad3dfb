"""Filtered, paginated lists: operators, and/or/not, stable keyset pages, bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Agreement, AgreementParty, Partner
from graph.writer import write_records
from tests.api.conftest import gql


def ids(connection: dict) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


def page_through(client, query: str, first: int, between_pages=None) -> list[str]:
    seen, after = [], None
    while True:
        data = gql(client, query, {"first": first, "after": after})["partners"]
        seen += ids(data)
        if between_pages:
            between_pages()
        if not data["pageInfo"]["hasNextPage"]:
            return seen
        after = data["pageInfo"]["endCursor"]


PAGE = """query($first: Int, $after: String) {
    partners(first: $first, after: $after, orderBy: {field: NAME}) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


def test_pages_cover_every_partner_once_in_name_order(store, client) -> None:
    write_records(store, [Partner(id=f"p{i:02d}", name=f"Partner {i % 7} {i:02d}",
                                  kind="ngo") for i in range(23)], "test")
    seen = page_through(client, PAGE, 5)
    expected = [f"p{i:02d}" for i in sorted(range(23), key=lambda i: (i % 7, i))]
    assert seen == expected


def test_pages_have_no_duplicates_or_gaps_while_data_changes(store, client) -> None:
    write_records(store, [Partner(id=f"p{i:02d}", name=f"Name {i:02d}", kind="ngo")
                          for i in range(0, 40, 2)], "test")
    inserted = iter(range(1, 40, 2))

    def insert_one() -> None:  # a new partner lands before and after the cursor
        i = next(inserted, None)
        if i is not None:
            write_records(store, [Partner(id=f"p{i:02d}", name=f"Name {i:02d}", kind="ngo")],
                          "test")

    seen = page_through(client, PAGE, 4, between_pages=insert_one)
    assert len(seen) == len(set(seen))
    originals = {f"p{i:02d}" for i in range(0, 40, 2)}
    assert originals <= set(seen)
    assert seen == sorted(seen)  # names sort like ids here


def test_total_count_and_page_info(known, client) -> None:
    data = gql(client, """{ partners(first: 2) { totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }""")
    c = data["partners"]
    assert c["totalCount"] == 6 and ids(c) == ["fr-gendarmerie", "group-ib"]
    assert c["pageInfo"]["hasNextPage"] is True and c["pageInfo"]["hasPreviousPage"] is False
    assert c["pageInfo"]["endCursor"] == c["edges"][-1]["cursor"]


@pytest.mark.parametrize(("flt", "expected"), [
    ('{kind: {eq: PRIVATE_SECTOR}}', ["group-ib", "trend-micro"]),
    ('{kind: {in: [ACADEMIA, INTERNATIONAL_ORG]}}', ["interpol", "lonely-uni"]),
    ('{country: {eq: "FR"}}', ["fr-gendarmerie", "interpol"]),
    ('{region: {eq: AFRICA}}', ["ng-police"]),
    ('{name: {contains: "police"}}', ["ng-police"]),
    ('{name: {startsWith: "gr"}}', ["group-ib"]),
    ('{sector: {isNull: false}}', ["group-ib", "trend-micro"]),
    ('{not: {kind: {eq: PRIVATE_SECTOR}}}',
     ["fr-gendarmerie", "interpol", "lonely-uni", "ng-police"]),
    ('{or: [{country: {eq: "JP"}}, {region: {eq: AFRICA}}]}', ["ng-police", "trend-micro"]),
    ('{and: [{country: {eq: "FR"}}, {kind: {ne: INTERNATIONAL_ORG}}]}', ["fr-gendarmerie"]),
    ('{activityFocus: [BEC], activityRole: [PRIVATE_PARTNER]}', ["group-ib"]),
    ('{workedWith: ["ng-police"], kind: {eq: PRIVATE_SECTOR}}', ["group-ib"]),
    # Parties (bound: party or depositary); the gendarmerie only signed the convention.
    ('{agreement: ["a-conv"]}', ["interpol", "ng-police"]),
    ('{partyTo: {agreements: ["a-conv"], roles: [SIGNATORY]}}', ["fr-gendarmerie"]),
    ('{activity: ["tr-2020"]}', ["fr-gendarmerie", "trend-micro"]),
    ('{id: {in: ["interpol", "lonely-uni"]}}', ["interpol", "lonely-uni"]),
    ('{country: {eq: "Nigeria"}}', ["ng-police"]),
    ('{country: {eq: "fra"}}', ["fr-gendarmerie", "interpol"]),
    ('{country: {in: ["ng", "Japan"]}}', ["ng-police", "trend-micro"]),
    ('{country: {ne: "France"}, kind: {eq: LAW_ENFORCEMENT}}', ["ng-police"]),
])
def test_partner_filters(known, client, flt, expected) -> None:
    data = gql(client, f"{{ partners(filter: {flt}, orderBy: {{field: ID}}) {{ totalCount edges {{ node {{ id }} }} }} }}")
    assert ids(data["partners"]) == expected
    assert data["partners"]["totalCount"] == len(expected)


@pytest.mark.parametrize(("flt", "expected"), [
    ('{kind: {eq: MOU}}', ["a-int-fr"]),
    ('{status: {eq: ACTIVE}, binding: true}', ["a-conv"]),
    ('{tlp: {in: [CLEAR, GREEN]}}', ["a-conv", "a-ng-gib"]),
    ('{scope: {any: [INFORMATION_SHARING, JOINT_OPERATIONS]}}', ["a-conv", "a-ng-gib"]),
    ('{scope: {all: [JOINT_OPERATIONS, CAPACITY_BUILDING]}}', ["a-conv"]),
    ('{signedOn: {from: "2019", to: "2021-12-31"}}', ["a-int-fr", "a-ng-gib"]),
    ('{signedOn: {from: "2019-06"}}', ["a-int-fr", "a-ng-gib"]),
    ('{signedOn: {isNull: true}}', ["a-secret"]),
    ('{expiresOn: {to: "2026"}}', ["a-ng-gib"]),
    ('{party: ["group-ib"]}', ["a-ng-gib"]),
    ('{partyCountry: ["FR"], partyRole: [SIGNATORY]}', ["a-conv"]),
    ('{partyKind: [PRIVATE_SECTOR]}', ["a-ng-gib", "a-secret"]),
    ('{partyRegion: [AFRICA]}', ["a-conv", "a-ng-gib"]),
    ('{title: {contains: "mou"}}', ["a-int-fr"]),
])
def test_agreement_filters(known, client, flt, expected) -> None:
    data = gql(client, f"{{ agreements(filter: {flt}, orderBy: {{field: ID}}) {{ totalCount edges {{ node {{ id }} }} }} }}")
    assert ids(data["agreements"]) == expected


def test_expires_within_days_counts_from_today(store, client) -> None:
    today = dt.date.today()
    soon, later = today + dt.timedelta(days=30), today + dt.timedelta(days=200)
    write_records(store, [
        Agreement(id="soon", title="Soon", kind="nda", status="active", expires_on=soon.isoformat()),
        Agreement(id="later", title="Later", kind="nda", status="active",
                  expires_on=later.isoformat()),
        Agreement(id="past", title="Past", kind="nda", status="expired", expires_on="2001"),
    ], "test")
    data = gql(client, "{ a: agreements(filter: {expiresWithinDays: 90}) { edges { node { id } } }"
                       "  b: agreements(filter: {expiresWithinDays: 365}, orderBy: {field: EXPIRES_ON})"
                       "   { edges { node { id } } } }")
    assert ids(data["a"]) == ["soon"] and ids(data["b"]) == ["soon", "later"]


@pytest.mark.parametrize(("flt", "expected"), [
    ('{focus: {any: [BEC]}}', ["op-bec"]),
    ('{kind: {eq: TRAINING}}', ["tr-2020"]),
    ('{start: {from: "2021"}}', ["op-bec"]),
    ('{end: {to: "2020-12"}}', ["tr-2020"]),
    ('{participant: {partners: ["group-ib"], roles: [PRIVATE_PARTNER]}}', ["op-bec"]),
    ('{participant: {partners: ["group-ib"], roles: [LEAD]}}', []),
    ('{participant: {roles: [SPONSOR]}}', ["tr-2020"]),
    ('{participantCountry: ["NG"]}', ["op-bec"]),
    ('{participantKind: [PRIVATE_SECTOR], participantRegion: [EUROPE]}', ["op-bec", "tr-2020"]),
])
def test_activity_filters(known, client, flt, expected) -> None:
    data = gql(client, f"{{ activities(filter: {flt}, orderBy: {{field: ID}}) {{ edges {{ node {{ id }} }} }} }}")
    assert ids(data["activities"]) == expected


def test_the_partnership_question_from_the_design(known, client) -> None:
    # "Which private partners worked with Nigeria's police on BEC operations since 2022?"
    data = gql(client, """{ activities(filter: {kind: {eq: OPERATION}, focus: {any: [BEC]},
          end: {from: "2022"}, participant: {partners: ["ng-police"]}}) {
        edges { node { id participants { role partner { id kind } } } } } }""")
    private = {p["partner"]["id"] for e in data["activities"]["edges"]
               for p in e["node"]["participants"] if p["partner"]["kind"] == "PRIVATE_SECTOR"}
    assert private == {"group-ib"}


def test_sorting_descending_and_platform_list(known, client) -> None:
    data = gql(client, """{ agreements(orderBy: {field: SIGNED_ON, direction: DESC}) {
        edges { node { id } } } platforms { totalCount edges { node { id } } } }""")
    assert ids(data["agreements"]) == ["a-ng-gib", "a-int-fr", "a-conv", "a-secret"]
    assert ids(data["platforms"]) == ["i24-7"]


def test_unknown_filter_key_is_an_error_not_an_empty_list(known, client) -> None:
    body = gql(client, '{ partners(filter: {colour: {eq: "red"}}) { totalCount } }', ok=False)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("args", ['first: 101', 'first: -1', 'after: "not-a-cursor"',
                                  'after: "WyJpZDphc2MiLCJ4IiwieCJd"'])
def test_bad_paging_arguments_are_bad_user_input(known, client, args) -> None:
    body = gql(client, f"{{ partners({args}) {{ totalCount }} }}", ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(("query", "value"), [
    ('{ agreements(filter: {partyCountry: ["FR", "Narnia"]}) { totalCount } }', "Narnia"),
    ('{ activities(filter: {participantCountry: ["Nigria"]}) { totalCount } }', "Nigria"),
    ('{ partners(filter: {country: {eq: "Nigria"}}) { totalCount } }', "Nigria"),
    ('{ partners(filter: {headquarters: {in: ["XX"]}}) { totalCount } }', "XX"),
])
def test_a_country_that_is_none_is_an_error_naming_it(known, client, query, value) -> None:
    body = gql(client, query, ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert repr(value) in body["errors"][0]["message"]


def test_a_country_by_name_or_code_gives_the_same_answer(known, client) -> None:
    counts = {gql(client, f'{{ agreements(filter: {{partyCountry: ["{c}"]}}) {{ totalCount }} }}')
              ["agreements"]["totalCount"] for c in ("FR", "fr", "FRA", "France")}
    assert len(counts) == 1 and counts != {0}, counts
    assert "Nigeria (NG)" in gql(client, '{ partners(filter: {country: {eq: "Nigria"}}) '
                                 '{ totalCount } }', ok=False)["errors"][0]["message"]


def test_invalid_date_in_filter_is_bad_user_input(known, client) -> None:
    body = gql(client, '{ agreements(filter: {signedOn: {from: "2019-13"}}) { totalCount } }',
               ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "2019-13" in body["errors"][0]["message"]


def test_cypher_looking_values_are_only_values(known, client) -> None:
    evil = "x') OR 1=1 WITH n MATCH (m) DETACH DELETE m //"
    data = gql(client, "query($v: String!) { partners(filter: {name: {contains: $v}}) "
                       "{ totalCount } }", {"v": evil})
    assert data["partners"]["totalCount"] == 0
    assert gql(client, "{ partners { totalCount } }")["partners"]["totalCount"] == 6


def test_counts_by_facet(known, client) -> None:
    data = gql(client, """{
        kinds: counts(of: PARTNER, by: KIND) { value count }
        focus: counts(of: ACTIVITY, by: FOCUS) { value count }
        fr: counts(of: AGREEMENT, by: STATUS, agreementFilter: {partyCountry: ["FR"]}) { value count } }""")
    assert data["kinds"] == [{"value": "law_enforcement", "count": 2},
                             {"value": "private_sector", "count": 2},
                             {"value": "academia", "count": 1},
                             {"value": "international_org", "count": 1}]
    assert data["focus"] == [{"value": "bec", "count": 1}, {"value": "malware", "count": 1},
                             {"value": "phishing", "count": 1}]
    assert data["fr"] == [{"value": "active", "count": 2}]


def test_counts_reject_a_filter_for_another_subject(known, client) -> None:
    body = gql(client, '{ counts(of: PARTNER, by: KIND, agreementFilter: {binding: true}) '
                       '{ count } }', ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_new_party_shows_in_filters(known, client) -> None:
    write_records(known, [AgreementParty(agreement_id="a-conv", partner_id="group-ib")], "t")
    data = gql(client, '{ partners(filter: {agreement: ["a-conv"]}) { totalCount } }')
    assert data["partners"]["totalCount"] == 3  # interpol, ng-police and now group-ib
