"""The country view: `country(code:)` by code or name, the organisations that act for the
country, and through them its agreements and activities as connections."""

from __future__ import annotations

import datetime as dt
import warnings
from collections import Counter

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from api.app import create_app
from api.types.country_view import CountryActor, actor_label, summary_line
from graph.model import (
    TLP,
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
    Role,
)
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import bearer, gql

# Nigeria's government, police and CERT are three partners; a Nigerian company is based
# there too (not one of the country's actors). Ghana's police works with Nigeria's.
PARTNERS = [
    Partner(id="gov-ng", name="Government of Nigeria", kind="government", country="NG"),
    Partner(id="ng-npf", name="Nigeria Police Force", kind="law_enforcement", country="NG"),
    Partner(id="ng-cert", name="ngCERT", kind="cert", country="NG"),
    Partner(id="ng-bank", name="Lagos Bank", kind="private_sector", country="NG"),
    Partner(id="gh-police", name="Ghana Police Service", kind="law_enforcement", country="GH"),
    Partner(id="gov-gh", name="Government of Ghana", kind="government", country="GH"),
]
AGREEMENTS = [
    Agreement(id="conv", title="Convention on Cybercrime", kind="convention", status="active",
              binding=True, tlp="clear"),
    Agreement(id="prot", title="Additional Protocol", kind="protocol", status="signed",
              tlp="clear"),
    Agreement(id="mou", title="Police–CERT MoU", kind="mou", status="active", tlp="green"),
]
PARTIES = [
    AgreementParty(agreement_id="conv", partner_id="gov-ng", role="party",
                   consent="accession", ratified_on="2022-07-06"),
    AgreementParty(agreement_id="conv", partner_id="gov-gh", role="party",
                   consent="ratification", signed_on="2018", ratified_on="2018-12-03"),
    AgreementParty(agreement_id="prot", partner_id="gov-ng", role="signatory",
                   consent="signature_only", signed_on="2022-05-12"),
    AgreementParty(agreement_id="mou", partner_id="ng-npf"),
    AgreementParty(agreement_id="mou", partner_id="ng-cert"),
    AgreementParty(agreement_id="mou", partner_id="ng-bank"),
]
ACTIVITIES = [
    Activity(id="op-jackal", name="Operation Jackal", kind="operation", start="2023",
             tlp="green"),
    Activity(id="op-red", name="Operation Red Sky", kind="operation", start="2024", tlp="red"),
    Activity(id="tr-cert", name="CERT training", kind="training", start="2021", tlp="clear"),
]
PARTICIPANTS = [
    ActivityParticipant(activity_id="op-jackal", partner_id="ng-npf", role="lead"),
    ActivityParticipant(activity_id="op-jackal", partner_id="gh-police", role="participant"),
    ActivityParticipant(activity_id="op-jackal", partner_id="ng-bank", role="private_partner"),
    ActivityParticipant(activity_id="op-red", partner_id="ng-npf", role="participant"),
    ActivityParticipant(activity_id="tr-cert", partner_id="ng-cert", role="participant",
                        roles=("participant", "sponsor")),
]

VIEW = """query($code: String!) { country(code: $code) {
    code name summary
    actors { partner { id } kind label agreementCount treatyCount activityCount }
    agreements { totalCount nodeCount pageInfo { hasNextPage hasPreviousPage }
      edges { partner { id } role consent signedOn ratifiedOn node { id title } } }
    activities { totalCount nodeCount
      edges { partner { id } role roles node { id name } } } } }"""


@pytest.fixture
def nigeria(store):
    for records in (PARTNERS, AGREEMENTS, PARTIES, ACTIVITIES, PARTICIPANTS):
        write_records(store, records, "test")
    return store


def _client(store, settings, role: Role, clearance: TLP) -> TestClient:
    return TestClient(create_app(settings), headers=bearer(store, role, clearance))


def _errors(body) -> list[tuple[str, str]]:
    return [(e["extensions"]["code"], e["message"]) for e in body["errors"]]


def test_government_police_and_cert_meet_in_the_country(nigeria, client) -> None:
    c = gql(client, VIEW, {"code": "NG"})["country"]
    assert c["summary"] == ("Nigeria: Government (treaties) + Nigeria Police Force + ngCERT")
    assert c["actors"] == [
        {"partner": {"id": "gov-ng"}, "kind": "GOVERNMENT", "label": "Government",
         "agreementCount": 2, "treatyCount": 2, "activityCount": 0},
        {"partner": {"id": "ng-npf"}, "kind": "LAW_ENFORCEMENT", "label": "Nigeria Police Force",
         "agreementCount": 1, "treatyCount": 0, "activityCount": 2},
        {"partner": {"id": "ng-cert"}, "kind": "CERT", "label": "ngCERT",
         "agreementCount": 1, "treatyCount": 0, "activityCount": 1}]
    # By title, then agreement id, then partner id; the bank's MoU membership is not the
    # country's (a company is based there, it does not act for it).
    assert c["agreements"] == {
        "totalCount": 4, "nodeCount": 3,
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False},
        "edges": [
            {"partner": {"id": "gov-ng"}, "role": "SIGNATORY", "consent": "SIGNATURE_ONLY",
             "signedOn": "2022-05-12", "ratifiedOn": None,
             "node": {"id": "prot", "title": "Additional Protocol"}},
            {"partner": {"id": "gov-ng"}, "role": "PARTY", "consent": "ACCESSION",
             "signedOn": None, "ratifiedOn": "2022-07-06",
             "node": {"id": "conv", "title": "Convention on Cybercrime"}},
            {"partner": {"id": "ng-cert"}, "role": "PARTY", "consent": None, "signedOn": None,
             "ratifiedOn": None, "node": {"id": "mou", "title": "Police–CERT MoU"}},
            {"partner": {"id": "ng-npf"}, "role": "PARTY", "consent": None, "signedOn": None,
             "ratifiedOn": None, "node": {"id": "mou", "title": "Police–CERT MoU"}}]}
    assert c["activities"] == {
        "totalCount": 3, "nodeCount": 3,
        "edges": [
            {"partner": {"id": "ng-cert"}, "role": "PARTICIPANT",
             "roles": ["PARTICIPANT", "SPONSOR"],
             "node": {"id": "tr-cert", "name": "CERT training"}},
            {"partner": {"id": "ng-npf"}, "role": "LEAD", "roles": ["LEAD"],
             "node": {"id": "op-jackal", "name": "Operation Jackal"}},
            {"partner": {"id": "ng-npf"}, "role": "PARTICIPANT", "roles": ["PARTICIPANT"],
             "node": {"id": "op-red", "name": "Operation Red Sky"}}]}


@pytest.mark.parametrize("code", ["Nigeria", "nigeria", "NGA", "ng", "566"])
def test_a_name_or_another_code_reads_as_the_same_country(nigeria, client, code) -> None:
    assert gql(client, VIEW, {"code": code}) == gql(client, VIEW, {"code": "NG"})


def test_an_unknown_country_is_an_error_with_the_closest_names(nigeria, client) -> None:
    body = gql(client, '{ country(code: "Narnia") { code } }', ok=False)
    assert body["data"] == {"country": None}
    [(code, message)] = _errors(body)
    assert code == "BAD_USER_INPUT"
    assert "'Narnia' is not an ISO 3166-1 country" in message
    assert "no country's name is spelled like it" in message
    [(code, message)] = _errors(gql(client, '{ country(code: "Nigria") { code } }', ok=False))
    assert code == "BAD_USER_INPUT" and "did you mean Nigeria (NG)?" in message
    [(code, message)] = _errors(gql(client, "query($c: String!) { country(code: $c) { code } }",
                                    {"c": "N" * 5000}, ok=False))
    assert code == "BAD_USER_INPUT" and "at most 100 characters" in message


def test_the_other_countrys_police_is_seen_from_its_own_country(nigeria, client) -> None:
    c = gql(client, """{ country(code: "Ghana") { summary
        activities { totalCount edges { partner { id } role node { id } } }
        agreements(roles: [PARTY]) { totalCount edges { partner { id } node { id } } } } }""")
    assert c["country"] == {
        "summary": "Ghana: Government (treaties) + Ghana Police Service",
        "activities": {"totalCount": 1, "edges": [
            {"partner": {"id": "gh-police"}, "role": "PARTICIPANT", "node": {"id": "op-jackal"}}]},
        "agreements": {"totalCount": 1, "edges": [
            {"partner": {"id": "gov-gh"}, "node": {"id": "conv"}}]}}


def test_pages_follow_one_another_and_keep_the_total(nigeria, client) -> None:
    query = """query($after: String) { country(code: "NG") { agreements(first: 1, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor partner { id } node { id } } } } }"""
    seen, after, pages = [], None, 0
    while True:
        page = gql(client, query, {"after": after})["country"]["agreements"]
        pages += 1
        assert page["totalCount"] == 4 and len(page["edges"]) == 1
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        seen.append((page["edges"][0]["partner"]["id"], page["edges"][0]["node"]["id"]))
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 4
    assert seen == [("gov-ng", "prot"), ("gov-ng", "conv"), ("ng-cert", "mou"),
                    ("ng-npf", "mou")]
    two = gql(client, """{ country(code: "NG") { activities(first: 2) {
        pageInfo { hasNextPage endCursor } edges { node { id } } } } }""")
    acts = two["country"]["activities"]
    assert [e["node"]["id"] for e in acts["edges"]] == ["tr-cert", "op-jackal"]
    assert acts["pageInfo"]["hasNextPage"] is True
    rest = gql(client, """query($a: String) { country(code: "NG") { activities(first: 2, after: $a) {
        pageInfo { hasNextPage } edges { node { id } } } } }""",
               {"a": acts["pageInfo"]["endCursor"]})["country"]["activities"]
    assert rest == {"pageInfo": {"hasNextPage": False}, "edges": [{"node": {"id": "op-red"}}]}


def test_bad_cursors_and_empty_lists_are_errors(nigeria, client) -> None:
    first = gql(client, '{ country(code: "NG") { activities(first: 1) { edges { cursor } } } }')
    cursor = first["country"]["activities"]["edges"][0]["cursor"]
    body = gql(client, 'query($a: String) { country(code: "NG") { agreements(after: $a) '
                       '{ totalCount } } }', {"a": cursor}, ok=False)
    assert _errors(body)[0][0] == "BAD_USER_INPUT" and "another list" in _errors(body)[0][1]
    body = gql(client, '{ country(code: "NG") { agreements(after: "junk") { totalCount } } }',
               ok=False)
    assert _errors(body) == [("BAD_USER_INPUT", "invalid cursor")]
    body = gql(client, '{ country(code: "NG") { activities(kinds: []) { totalCount } } }',
               ok=False)
    assert _errors(body)[0][0] == "BAD_USER_INPUT" and "kinds" in _errors(body)[0][1]
    body = gql(client, '{ country(code: "NG") { agreements(first: 101) { totalCount } } }',
               ok=False)
    assert _errors(body)[0][0] == "BAD_USER_INPUT"


def test_roles_and_kinds_narrow_or_widen_the_lists(nigeria, client) -> None:
    c = gql(client, """{ country(code: "NG") {
        signed: agreements(roles: [SIGNATORY]) { totalCount edges { node { id } } }
        companies: agreements(kinds: [PRIVATE_SECTOR]) { totalCount edges { partner { id } } }
        sponsored: activities(roles: [SPONSOR], kinds: [CERT]) { totalCount
          edges { node { id } } } } }""")["country"]
    assert c["signed"] == {"totalCount": 1, "edges": [{"node": {"id": "prot"}}]}
    assert c["companies"] == {"totalCount": 1, "edges": [{"partner": {"id": "ng-bank"}}]}
    # ngCERT's principal role is PARTICIPANT; it also sponsored, so SPONSOR matches.
    assert c["sponsored"] == {"totalCount": 1, "edges": [{"node": {"id": "tr-cert"}}]}


def test_a_red_activity_is_hidden_from_a_low_clearance_caller(nigeria, store, settings) -> None:
    query = """{ country(code: "NG") { actors { partner { id } activityCount }
        activities { totalCount nodeCount edges { node { id } } } } }"""
    with _client(store, settings, Role.VIEWER, TLP.GREEN) as viewer:
        c = gql(viewer, query)["country"]
    assert c["activities"] == {"totalCount": 2, "nodeCount": 2, "edges": [
        {"node": {"id": "tr-cert"}}, {"node": {"id": "op-jackal"}}]}
    assert {a["partner"]["id"]: a["activityCount"] for a in c["actors"]} == {
        "gov-ng": 0, "ng-npf": 1, "ng-cert": 1}
    with _client(store, settings, Role.ADMIN, TLP.RED) as admin:
        assert gql(admin, query)["country"]["activities"]["totalCount"] == 3
    # A red activity is seen by the organisations that took part in it (up to their
    # token's clearance), here the police's own analysts.
    police = bearer(store, Role.ANALYST, TLP.RED, organisation="ng-npf")
    with TestClient(create_app(settings), headers=police) as analyst:
        assert gql(analyst, query)["country"]["activities"]["totalCount"] == 3


def test_countries_of_a_region_are_read_in_one_batch(nigeria, client, monkeypatch) -> None:
    ran: list[str] = []
    read = Store.read

    def counted(self, query, **params):
        ran.append(query.name)
        return read(self, query, **params)

    monkeypatch.setattr(Store, "read", counted)
    data = gql(client, """{ region(code: AFRICA) { countries { code summary
        agreements(first: 2) { totalCount } activities(first: 2) { totalCount } } } }""")
    by_code = {c["code"]: c for c in data["region"]["countries"]}
    assert len(by_code) > 50
    assert by_code["NG"]["agreements"]["totalCount"] == 4
    assert by_code["GH"]["activities"]["totalCount"] == 1
    assert by_code["KE"]["summary"] == (
        "Kenya: no government, law-enforcement or CERT partner in the graph")
    # Each list is one query for all 54 countries, not one per country.
    assert Counter(q for q in ran if q.startswith("countries/")) == {
        "countries/actors": 1, "countries/agreements": 1, "countries/activities": 1}


def test_the_page_size_multiplies_the_cost_like_any_list(nigeria, client) -> None:
    costly = """{ regions { countries { agreements(first: 100) { edges { node {
        parties { partner { agreements { agreement { id } } } } } } } } } }"""
    body = gql(client, costly, ok=False)
    assert _errors(body)[0][0] == "BAD_USER_INPUT" and "cost" in _errors(body)[0][1]
    gql(client, costly.replace("first: 100", "first: 1"))


def test_the_states_own_government_reads_government_in_the_summary() -> None:
    assert actor_label("Government of Nigeria", "government", "NG") == "Government"
    assert actor_label("The Federal Government of Nigeria", "government", "NG") == "Government"
    assert actor_label("Government of United Kingdom", "government", "GB") == "Government"
    assert actor_label("Nigeria", "government", "NG") == "Government"
    # An agency, another state's government, or a police force named after its country.
    assert actor_label("National Information Technology Development Agency", "government",
                       "NG") == "National Information Technology Development Agency"
    assert actor_label("Government of Ghana", "government", "NG") == "Government of Ghana"
    assert actor_label("Nigeria", "law_enforcement", "NG") == "Nigeria"


def test_the_summary_names_each_actor_and_who_holds_the_treaties() -> None:
    def actor(label: str, treaties: int) -> CountryActor:
        return CountryActor(partner=None, kind=None, label=label, agreement_count=treaties,
                            treaty_count=treaties, activity_count=0)

    assert summary_line("Nigeria", [actor("Government", 2), actor("Nigeria Police Force", 0),
                                    actor("EFCC", 0), actor("ngCERT", 0)]) == (
        "Nigeria: Government (treaties) + Nigeria Police Force + EFCC + ngCERT")
    many = [actor(f"Agency {i}", 0) for i in range(10)]
    assert summary_line("Utopia", many) == (
        "Utopia: " + " + ".join(f"Agency {i}" for i in range(8)) + " + 2 more")
    assert summary_line("Kenya", []) == (
        "Kenya: no government, law-enforcement or CERT partner in the graph")


def test_the_countrys_platforms_and_coverage_findings(nigeria, store, client) -> None:
    from graph.metrics.job import RunParams, run_metrics
    from graph.model import Platform, PlatformUse

    write_records(store, [Platform(id="i24-7", name="I-24/7")], "test")
    write_records(store, [PlatformUse(partner_id="ng-npf", platform_id="i24-7", since="2015"),
                          PlatformUse(partner_id="ng-bank", platform_id="i24-7"),
                          PlatformUse(partner_id="gh-police", platform_id="i24-7")], "test")
    q = """query($code: String!) { country(code: $code) {
        platforms { since partner { id } platform { id name } }
        coverageFindings { kind subject detail } } }"""
    before = gql(client, q, {"code": "NG"})["country"]
    # The bank uses the platform too, but it does not act for Nigeria.
    assert before["platforms"] == [
        {"since": "2015", "partner": {"id": "ng-npf"}, "platform": {"id": "i24-7",
                                                                    "name": "I-24/7"}}]
    assert before["coverageFindings"] == []  # no metric run yet

    # A convention in force that Nigeria's government signed without consenting to be
    # bound (the protocol it signed is not in force: no finding).
    write_records(store, [Agreement(id="conv2", title="Second Convention", kind="convention",
                                    status="active", binding=True, tlp="clear")], "test")
    write_records(store, [AgreementParty(agreement_id="conv2", partner_id="gov-ng",
                                         role="signatory", signed_on="2023-03-01")], "test")
    run_metrics(store, RunParams(as_of=dt.date(2024, 6, 1)))
    ng = gql(client, q, {"code": "Nigeria"})["country"]["coverageFindings"]
    unratified = [f for f in ng if f["kind"] == "unratified"]
    assert [f["subject"] for f in unratified] == ["conv2/gov-ng"]
    assert unratified[0]["detail"]["partner"] == "gov-ng"
    assert all(f["subject"] == "NG" for f in ng if f["kind"] == "country_gap")
    gh = gql(client, q, {"code": "GH"})["country"]["coverageFindings"]
    assert not [f for f in gh if f["kind"] == "unratified"]
