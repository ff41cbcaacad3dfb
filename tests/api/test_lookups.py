"""Lookups by id and node(id), and the traversals from each type, on the known graph."""

from __future__ import annotations

from tests.api.conftest import gql


def test_partner_with_country_region_agreements_activities_platforms(known, client) -> None:
    data = gql(client, """{ partner(id: "ng-police") {
        id name kind countryCode nodeId country { code name } region { code name }
        agreements { role signedOn ratifiedOn agreement { id } }
        activities { role activity { id } }
        platforms { since platform { id name } } } }""")
    assert data["partner"] == {
        "id": "ng-police", "name": "Nigeria Police Force", "kind": "LAW_ENFORCEMENT",
        "countryCode": "NG", "nodeId": "Partner:ng-police",
        "country": {"code": "NG", "name": "Nigeria"},
        "region": {"code": "AFRICA", "name": "Africa"},
        "agreements": [
            {"role": "PARTY", "signedOn": "2001-11-23", "ratifiedOn": "2004",
             "agreement": {"id": "a-conv"}},
            {"role": "PARTY", "signedOn": None, "ratifiedOn": None,
             "agreement": {"id": "a-ng-gib"}}],
        "activities": [{"role": "LEAD", "activity": {"id": "op-bec"}}],
        "platforms": [{"since": "2020", "platform": {"id": "i24-7", "name": "I-24/7"}}],
    }


def test_agreement_with_parties_and_objectives(known, client) -> None:
    data = gql(client, """{ agreement(id: "a-ng-gib") { id title kind status signedOn
        effectiveFrom expiresOn binding scope tlp objectives { id title }
        parties { role partner { id } } } }""")
    assert data["agreement"] == {
        "id": "a-ng-gib", "title": "NG–Group-IB data sharing", "kind": "DATA_SHARING",
        "status": "ACTIVE", "signedOn": "2021-03", "effectiveFrom": None,
        "expiresOn": "2026-03-01", "binding": False, "scope": ["INFORMATION_SHARING"],
        "tlp": "GREEN", "objectives": [{"id": "obj-3", "title": "Partnerships"}],
        "parties": [{"role": "PARTY", "partner": {"id": "group-ib"}},
                    {"role": "PARTY", "partner": {"id": "ng-police"}}],
    }


def test_activity_with_participants_and_outcomes(known, client) -> None:
    data = gql(client, """{ activity(id: "op-bec") { id name kind status start end focus tlp
        outcomes { name value qualifier unit } participants { role partner { id } } } }""")
    assert data["activity"] == {
        "id": "op-bec", "name": "Operation Falcon", "kind": "OPERATION", "status": "COMPLETED",
        "start": "2022-05", "end": "2022-09", "focus": ["BEC", "PHISHING"], "tlp": "GREEN",
        "outcomes": [{"name": "arrests", "value": 10.0, "qualifier": "EXACT", "unit": None},
                     {"name": "seized", "value": 50000.0, "qualifier": "EXACT", "unit": "USD"}],
        "participants": [{"role": "PRIVATE_PARTNER", "partner": {"id": "group-ib"}},
                         {"role": "COORDINATOR", "partner": {"id": "interpol"}},
                         {"role": "LEAD", "partner": {"id": "ng-police"}}],
    }


def test_platform_country_region_objective_lookups(known, client) -> None:
    data = gql(client, """{
        platform(id: "i24-7") { name users { since partner { id } } }
        country(code: "fr") { code name regionCode partners { id } }
        region(code: AFRICA) { name countries { code } }
        objective(id: "obj-3") { title }
        regions { code } }""")
    assert data["platform"] == {"name": "I-24/7", "users": [
        {"since": None, "partner": {"id": "interpol"}},
        {"since": "2020", "partner": {"id": "ng-police"}}]}
    assert data["country"] == {"code": "FR", "name": "France", "regionCode": "EUROPE",
                               "partners": [{"id": "fr-gendarmerie"}, {"id": "interpol"}]}
    assert "NG" in [c["code"] for c in data["region"]["countries"]]
    assert data["region"]["name"] == "Africa"
    assert data["objective"] == {"title": "Partnerships"}
    assert [r["code"] for r in data["regions"]] == ["AFRICA", "AMERICAS", "ASIA_SOUTH_PACIFIC",
                                                    "EUROPE", "MENA"]


def test_missing_ids_read_as_null_with_an_error_for_each_lookup(known, client) -> None:
    body = gql(client, """{ partner(id: "nobody") { id } agreement(id: "nothing") { id }
        activity(id: "none") { id } node(id: "Partner:nobody") { nodeId } }""", ok=False)
    assert body["data"] == {"partner": None, "agreement": None, "activity": None, "node": None}
    # node(id) is the generic Relay lookup: null alone.
    assert sorted((e["path"][0], e["extensions"]["code"]) for e in body["errors"]) == [
        ("activity", "BAD_USER_INPUT"), ("agreement", "BAD_USER_INPUT"),
        ("partner", "BAD_USER_INPUT")]


def test_node_by_global_id_for_each_type(known, client) -> None:
    data = gql(client, """{
        a: node(id: "Agreement:a-conv") { nodeId ... on Agreement { title } }
        p: node(id: "Partner:group-ib") { nodeId ... on Partner { name } }
        c: node(id: "Country:NG") { nodeId ... on Country { name } }
        r: node(id: "Region:EUR") { nodeId ... on Region { name } } }""")
    assert data == {
        "a": {"nodeId": "Agreement:a-conv", "title": "Cybercrime Convention"},
        "p": {"nodeId": "Partner:group-ib", "name": "Group-IB"},
        "c": {"nodeId": "Country:NG", "name": "Nigeria"},
        "r": {"nodeId": "Region:EUR", "name": "Europe"},
    }


def test_partner_ties_via_since_and_min_weight(known, client) -> None:
    data = gql(client, """{ partner(id: "ng-police") {
        all: partners { partner { id } weight agreements { id } activities { id } }
        agreementsOnly: partners(via: [AGREEMENT]) { partner { id } weight }
        heavy: partners(minWeight: 2) { partner { id } }
        recent: partners(since: "2022-06") { partner { id } agreements { id } activities { id } }
        later: partners(since: "2023") { partner { id } } } }""")
    p = data["partner"]
    assert p["all"] == [
        {"partner": {"id": "group-ib"}, "weight": 2, "agreements": [{"id": "a-ng-gib"}],
         "activities": [{"id": "op-bec"}]},
        {"partner": {"id": "interpol"}, "weight": 2, "agreements": [{"id": "a-conv"}],
         "activities": [{"id": "op-bec"}]},
        {"partner": {"id": "fr-gendarmerie"}, "weight": 1, "agreements": [{"id": "a-conv"}],
         "activities": []},
    ]
    assert p["agreementsOnly"] == [{"partner": {"id": "fr-gendarmerie"}, "weight": 1},
                                   {"partner": {"id": "group-ib"}, "weight": 1},
                                   {"partner": {"id": "interpol"}, "weight": 1}]
    assert p["heavy"] == [{"partner": {"id": "group-ib"}}, {"partner": {"id": "interpol"}}]
    # op-bec ended 2022-09 (still in force in June 2022); the agreements have no end or
    # expire in 2026.
    assert p["recent"][0] == {"partner": {"id": "group-ib"}, "agreements": [{"id": "a-ng-gib"}],
                              "activities": [{"id": "op-bec"}]}
    assert {t["partner"]["id"] for t in p["later"]} == {"group-ib", "interpol", "fr-gendarmerie"}
    assert all(t["partner"]["id"] != "op-bec" for t in p["later"])


def test_since_excludes_ties_that_ended_before(known, client) -> None:
    data = gql(client, """{ partner(id: "trend-micro") {
        before: partners(via: [ACTIVITY]) { partner { id } }
        after: partners(via: [ACTIVITY], since: "2021") { partner { id } } } }""")
    assert data["partner"] == {"before": [{"partner": {"id": "fr-gendarmerie"}}], "after": []}
