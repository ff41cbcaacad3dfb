"""No silent zeros: an id that matches nothing, in a filter or an argument, is a
BAD_USER_INPUT error naming the value and the closest ids the caller may see. Lookups by id
stay exact: the hint suggests, it never resolves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from graph.access import FULL_ACCESS, Access
from graph.config import Settings
from graph.filters import FilterError
from graph.model import (
    TLP,
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
    Platform,
    Role,
)
from graph.reads import known
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import bearer, gql


@pytest.fixture
def graph(store: Store) -> Store:
    write_records(store, [
        Partner(id="group_ib", name="Group-IB", kind="private_sector", country="SG",
                aliases=("GIB",)),
        Partner(id="ng_police", name="Nigeria Police Force", kind="law_enforcement",
                country="NG"),
        Partner(id="interpol", name="INTERPOL", kind="international_org", country="FR")],
        "test")
    write_records(store, [
        Agreement(id="budapest", title="Budapest Convention on Cybercrime", kind="convention",
                  status="active", tlp="clear"),
        Agreement(id="red-pact", title="Red Pact", kind="nda", status="active", tlp="red")],
        "test")
    write_records(store, [
        AgreementParty(agreement_id="budapest", partner_id="ng_police"),
        AgreementParty(agreement_id="red-pact", partner_id="group_ib"),
        AgreementParty(agreement_id="red-pact", partner_id="interpol")], "test")
    write_records(store, [
        Activity(id="op-falcon", name="Operation Falcon", kind="operation",
                 status="completed", tlp="green"),
        Activity(id="op-nightjar", name="Operation Nightjar", kind="operation",
                 status="completed", tlp="red")], "test")
    write_records(store, [
        ActivityParticipant(activity_id="op-falcon", partner_id="group_ib"),
        ActivityParticipant(activity_id="op-falcon", partner_id="ng_police"),
        ActivityParticipant(activity_id="op-nightjar", partner_id="interpol")], "test")
    return store


@pytest.fixture
def viewer(graph: Store, settings: Settings) -> Iterator[TestClient]:
    """A viewer with clearance GREEN: the red agreement and activity are hidden."""
    with TestClient(create_app(settings),
                    headers=bearer(graph, Role.VIEWER, TLP.GREEN)) as c:
        yield c


def error(client: TestClient, query: str) -> dict[str, Any]:
    body = gql(client, query, ok=False)
    assert body.get("errors"), body
    (err,) = body["errors"]
    assert err["extensions"]["code"] == "BAD_USER_INPUT", err
    return err


def suggested(err: dict[str, Any]) -> list[list[str]]:
    return [[s["id"] for s in u["suggestions"]] for u in err["extensions"]["unknown"]]


def test_a_partner_named_by_its_name_in_a_filter_is_an_error_with_the_id(graph, client) -> None:
    err = error(client, '{ agreements(filter: {party: ["Group-IB"]}) { totalCount } }')
    assert err["message"] == ("party: no partner with id 'Group-IB'; did you mean "
                              "'group_ib' (Group-IB)?")
    assert err["extensions"]["unknown"] == [{
        "field": "party", "kind": "partner", "value": "Group-IB",
        "suggestions": [{"id": "group_ib", "name": "Group-IB"}]}]


@pytest.mark.parametrize(("query", "value", "close"), [
    ('{ partners(filter: {agreement: ["Budapest"]}) { totalCount } }', "Budapest", "budapest"),
    ('{ partners(filter: {partyTo: {agreements: ["budapst"]}}) { totalCount } }', "budapst",
     "budapest"),
    ('{ partners(filter: {notPartyTo: {agreements: ["BUDAPEST"]}}) { totalCount } }',
     "BUDAPEST", "budapest"),
    ('{ partners(filter: {activity: ["op-falcn"]}) { totalCount } }', "op-falcn", "op-falcon"),
    ('{ partners(filter: {not: {workedWith: ["Nigeria Police"]}}) { totalCount } }',
     "Nigeria Police", "ng_police"),
    ('{ partners(filter: {id: {in: ["interpol", "group-ib"]}}) { totalCount } }', "group-ib",
     "group_ib"),
    ('{ agreements(filter: {id: {eq: "Budapest"}}) { totalCount } }', "Budapest", "budapest"),
    ('{ agreements(filter: {membership: {partners: ["group ib"]}}) { totalCount } }',
     "group ib", "group_ib"),
    ('{ activities(filter: {participant: {partners: ["NG_POLICE"]}}) { totalCount } }',
     "NG_POLICE", "ng_police"),
    ('{ activities(filter: {or: [{id: {eq: "op-falcon"}}, {id: {eq: "Operation Falcon"}}]}) '
     '{ totalCount } }', "Operation Falcon", "op-falcon"),
    ('{ outcomeTotals(filter: {participant: {partners: ["gib"]}}) { name } }', "gib",
     "group_ib"),
    ('{ counts(of: PARTNER, by: KIND, partnerFilter: {workedWith: ["interpoll"]}) '
     '{ count } }', "interpoll", "interpol"),
])
def test_every_id_field_of_a_filter_names_the_value_and_the_closest_ids(
        graph, client, query, value, close) -> None:
    err = error(client, query)
    assert repr(value) in err["message"] and repr(close) in err["message"], err["message"]
    assert suggested(err)[0][0] == close


def test_an_id_nothing_is_like_is_an_error_without_suggestions(graph, client) -> None:
    err = error(client, '{ partners(filter: {workedWith: ["zz-9"]}) { totalCount } }')
    assert err["message"] == "workedWith: no partner with id 'zz-9'"
    assert suggested(err) == [[]]


def test_a_lookup_is_exact_and_a_miss_is_null_with_the_hint(graph, client) -> None:
    assert gql(client, '{ partner(id: "group_ib") { name } }')["partner"] == {"name": "Group-IB"}
    body = gql(client, '{ partner(id: "group-ib") { name } }', ok=False)
    assert body["data"] == {"partner": None}  # never resolved to group_ib
    (err,) = body["errors"]
    assert err["path"] == ["partner"] and err["extensions"]["code"] == "BAD_USER_INPUT"
    assert err["message"] == "no partner with id 'group-ib'; did you mean 'group_ib' (Group-IB)?"
    err = error(client, '{ agreement(id: "Budapest") { title } }')
    assert "'budapest' (Budapest Convention on Cybercrime)" in err["message"]
    err = error(client, '{ activity(id: "op_falcon") { name } }')
    assert suggested(err) == [["op-falcon"]]


@pytest.mark.parametrize("query", [
    '{ shortestPaths(from: "group-ib", to: "ng_police") { length } }',
    '{ shortestPaths(from: "ng_police", to: "group-ib") { length } }',
    '{ relationships(between: ["ng_police", "group-ib"]) { kind } }',
    '{ trustedPath(from: "group-ib", to: "ng_police") { cost } }',
    '{ trust(from: "ng_police", to: "group-ib") { score } }',
])
def test_paths_and_relationships_with_an_unknown_partner_are_errors(graph, client,
                                                                    query) -> None:
    err = error(client, query)
    assert "no partner with id 'group-ib'; did you mean 'group_ib' (Group-IB)?" in err["message"]
    assert err["message"].split(":")[0] in ("from", "to", "between")


def test_several_unknown_ids_are_all_named(graph, client) -> None:
    err = error(client, '{ partners(filter: {workedWith: ["gib", "interpol"], '
                        'partyTo: {agreements: ["budapst"]}}) { totalCount } }')
    assert [(u["field"], u["value"]) for u in err["extensions"]["unknown"]] == [
        ("partyTo.agreements", "budapst"), ("workedWith", "gib")]
    assert err["message"].startswith("partyTo.agreements: no agreement you may see with id "
                                     "'budapst'; did you mean 'budapest'")


def test_a_hidden_agreement_or_activity_reads_as_unknown_and_is_never_suggested(
        graph, client, viewer) -> None:
    for c in (client, viewer):  # the admin's hint names it; the viewer's does not
        err = error(c, '{ partners(filter: {agreement: ["Red-Pact"]}) { totalCount } }')
        assert ("red-pact" in err["message"]) is (c is client), err["message"]
    err = error(viewer, '{ partners(filter: {agreement: ["red-pact"]}) { totalCount } }')
    assert err["message"] == "agreement: no agreement you may see with id 'red-pact'"
    err = error(viewer, '{ activities(filter: {id: {eq: "op-nightjar"}}) { totalCount } }')
    assert "Nightjar" not in err["message"] and "op-nightjar" not in suggested(err)[0]
    body = gql(viewer, '{ agreement(id: "red-pact") { title } }', ok=False)
    assert body["data"] == {"agreement": None}
    assert body["errors"][0]["message"] == "no agreement you may see with id 'red-pact'"
    # What the viewer may see is still suggested.
    err = error(viewer, '{ activities(filter: {id: {eq: "Operation Falcon"}}) { totalCount } }')
    assert suggested(err) == [["op-falcon"]]


def test_known_ids_cost_one_read_and_unknown_ones_one_more_per_kind(graph) -> None:
    named = [("party", "partner", "group_ib"), ("agreement", "agreement", "budapest"),
             ("activity", "activity", "op-falcon")]
    before = graph.round_trips
    known.check(graph, named, FULL_ACCESS)
    assert graph.round_trips - before == 1
    before = graph.round_trips
    with pytest.raises(known.UnknownIds) as caught:
        known.check(graph, [*named, ("party", "partner", "gib"),
                            ("agreement", "agreement", "red-pact")], Access(TLP.GREEN.rank))
    assert graph.round_trips - before == 3  # existence, then hints for partners, agreements
    assert [u.value for u in caught.value.unknown] == ["gib", "red-pact"]


def test_too_many_ids_are_refused_before_any_read(store) -> None:
    before = store.round_trips
    with pytest.raises(FilterError, match="at most 5000"):
        known.check(store, [("id", "partner", f"p{i}") for i in range(known.MAX_IDS + 1)],
                    FULL_ACCESS)
    assert store.round_trips == before


@pytest.fixture
def platforms(graph: Store) -> Store:
    write_records(graph, [Platform(id="i24-7", name="I-24/7"),
                          Platform(id="misp-le", name="MISP for law enforcement")], "test")
    return graph


def test_an_unknown_platform_is_an_error_with_the_closest_ids(platforms, client) -> None:
    assert gql(client, '{ platform(id: "i24-7") { name } }')["platform"] == {"name": "I-24/7"}
    body = gql(client, '{ platform(id: "I24/7") { name } }', ok=False)
    assert body["data"] == {"platform": None}
    (err,) = body["errors"]
    assert err["extensions"]["code"] == "BAD_USER_INPUT"
    assert err["message"] == "no platform with id 'I24/7'; did you mean 'i24-7' (I-24/7)?"
    err = error(client, '{ platforms(filter: {id: {in: ["i24-7", "misp"]}}) { totalCount } }')
    assert err["message"].startswith("id: no platform with id 'misp'; did you mean")
    assert suggested(err) == [["misp-le"]]
    err = error(client, '{ platforms(filter: {id: {eq: "zz-9"}}) { totalCount } }')
    assert suggested(err) == [[]]
