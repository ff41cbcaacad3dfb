"""Mutations: union results for expected failures, and the graph state they leave."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import gql

PARTNER_RESULT = """__typename
  ... on Partner { id name kind countryCode sector aliases }
  ... on NotFound { entity id message }
  ... on Conflict { entity id message }
  ... on InvalidInput { message problems { field message } }"""
AGREEMENT_RESULT = """__typename
  ... on Agreement { id title status signedOn expiresOn tlp objectives { id }
                     parties { role signedOn partner { id } } }
  ... on NotFound { entity id }
  ... on Conflict { entity id }
  ... on InvalidInput { problems { field message } }"""
ACTIVITY_RESULT = """__typename
  ... on Activity { id name kind focus participants { role partner { id } } }
  ... on NotFound { entity id }
  ... on InvalidInput { problems { field message } }"""


def create_partner(client, **fields):
    q = f"mutation($input: PartnerInput!) {{ createPartner(input: $input) {{ {PARTNER_RESULT} }} }}"
    return gql(client, q, {"input": fields})["createPartner"]


def test_create_partner_then_conflict(store, client) -> None:
    made = create_partner(client, id="ccb", name="Centre for Cybersecurity Belgium",
                          kind="CERT", country="BE", aliases=["CCB"])
    assert made == {"__typename": "Partner", "id": "ccb",
                    "name": "Centre for Cybersecurity Belgium", "kind": "CERT",
                    "countryCode": "BE", "sector": None, "aliases": ["CCB"]}
    again = create_partner(client, id="ccb", name="Other", kind="CERT")
    assert again == {"__typename": "Conflict", "entity": "partner", "id": "ccb",
                     "message": "A partner with id 'ccb' already exists"}
    country = gql(client, '{ partner(id: "ccb") { country { name } } }')
    assert country == {"partner": {"country": {"name": "Belgium"}}}


@pytest.mark.parametrize("field,value,reason", [
    ("name", '=HYPERLINK("http://x.example","click")', "formula"),
    ("name", "@SUM(A1)", "formula"),
    ("name", "Nul\x00byte", "U+0000"),
    ("name", "Esc\x1b[31m", "U+001B"),
    ("aliases", ["fine", "+cmd|' /C calc'!A0"], "formula"),
    ("description", "x" * 5001, "longer than 5000"),
])
def test_edits_refuse_what_imports_refuse(store, client, field, value, reason) -> None:
    fields = {"id": "p-x", "name": "Partner X", "kind": "NGO", field: value}
    made = create_partner(client, **fields)
    assert made["__typename"] == "InvalidInput"
    assert any(p["field"].startswith(field) and reason in p["message"]
               for p in made["problems"]), made
    assert gql(client, '{ node(id: "Partner:p-x") { nodeId } }') == {"node": None}
    if field == "name":
        gql(client, 'mutation { createPartner(input: {id: "p-x", name: "Fine", kind: NGO}) '
                    '{ __typename } }')
        changed = gql(client, "mutation($v: String!) { updatePartner(id: \"p-x\", "
                              "patch: {name: $v}) { __typename } }", {"v": value})
        assert changed["updatePartner"]["__typename"] == "InvalidInput"


def test_create_partner_with_invalid_fields(store, client) -> None:
    bad = create_partner(client, id="bad id!", name="", kind="NGO", country="Belgium")
    assert bad["__typename"] == "InvalidInput"
    assert {p["field"] for p in bad["problems"]} == {"id", "name", "country"}
    assert gql(client, "{ partners { totalCount } }")["partners"]["totalCount"] == 0


def test_update_partner_changes_and_clears_fields(known, client) -> None:
    q = f"""mutation($patch: PartnerPatch!) {{ updatePartner(id: "group-ib", patch: $patch)
            {{ {PARTNER_RESULT} }} }}"""
    done = gql(client, q, {"patch": {"name": "Group-IB Global", "sector": None}})
    assert done["updatePartner"] == {
        "__typename": "Partner", "id": "group-ib", "name": "Group-IB Global",
        "kind": "PRIVATE_SECTOR", "countryCode": "SG", "sector": None,
        "aliases": ["GIB", "Group IB"]}
    missing = gql(client, q.replace('"group-ib"', '"nobody"'), {"patch": {"name": "X"}})
    assert missing["updatePartner"]["__typename"] == "NotFound"
    invalid = gql(client, q, {"patch": {"country": "xx"}})
    assert invalid["updatePartner"]["__typename"] == "InvalidInput"


def test_create_and_update_agreement(known, client) -> None:
    create = f"""mutation($input: AgreementInput!) {{ createAgreement(input: $input)
                {{ {AGREEMENT_RESULT} }} }}"""
    made = gql(client, create, {"input": {
        "id": "a-new", "title": "New MoU", "kind": "MOU", "status": "DRAFT",
        "signedOn": "2024-05", "tlp": "AMBER", "objectives": ["obj-3"]}})["createAgreement"]
    assert made == {"__typename": "Agreement", "id": "a-new", "title": "New MoU",
                    "status": "DRAFT", "signedOn": "2024-05", "expiresOn": None, "tlp": "AMBER",
                    "objectives": [{"id": "obj-3"}], "parties": []}
    update = f"""mutation($patch: AgreementPatch!) {{ updateAgreement(id: "a-new", patch: $patch)
                {{ {AGREEMENT_RESULT} }} }}"""
    done = gql(client, update, {"patch": {"status": "ACTIVE", "expiresOn": "2027"}})
    assert done["updateAgreement"]["status"] == "ACTIVE"
    assert done["updateAgreement"]["objectives"] == [{"id": "obj-3"}]  # kept
    backwards = gql(client, update, {"patch": {"expiresOn": "2020"}})["updateAgreement"]
    assert backwards["__typename"] == "InvalidInput"
    assert "before signed_on" in backwards["problems"][0]["message"]


def test_add_and_remove_party(known, client) -> None:
    add = f"""mutation($a: ID!, $p: ID!) {{ addParty(agreementId: $a, partnerId: $p,
              role: SIGNATORY, signedOn: "2024-01-02") {{ {AGREEMENT_RESULT} }} }}"""
    done = gql(client, add, {"a": "a-ng-gib", "p": "interpol"})["addParty"]
    assert done["parties"] == [
        {"role": "PARTY", "signedOn": None, "partner": {"id": "group-ib"}},
        {"role": "SIGNATORY", "signedOn": "2024-01-02", "partner": {"id": "interpol"}},
        {"role": "PARTY", "signedOn": None, "partner": {"id": "ng-police"}}]
    no_partner = gql(client, add, {"a": "a-ng-gib", "p": "nobody"})["addParty"]
    assert no_partner == {"__typename": "NotFound", "entity": "partner", "id": "nobody"}
    no_agreement = gql(client, add, {"a": "nothing", "p": "interpol"})["addParty"]
    assert no_agreement == {"__typename": "NotFound", "entity": "agreement", "id": "nothing"}
    remove = f"""mutation($a: ID!, $p: ID!) {{ removeParty(agreementId: $a, partnerId: $p)
                 {{ {AGREEMENT_RESULT} }} }}"""
    removed = gql(client, remove, {"a": "a-ng-gib", "p": "interpol"})["removeParty"]
    assert [p["partner"]["id"] for p in removed["parties"]] == ["group-ib", "ng-police"]
    again = gql(client, remove, {"a": "a-ng-gib", "p": "interpol"})["removeParty"]
    assert again["__typename"] == "NotFound"


def test_activity_create_update_and_participants(known, client) -> None:
    create = f"""mutation($input: ActivityInput!) {{ createActivity(input: $input)
                {{ {ACTIVITY_RESULT} }} }}"""
    made = gql(client, create, {"input": {"id": "ws-1", "name": "Workshop", "kind": "WORKSHOP",
                                          "focus": ["RANSOMWARE"]}})["createActivity"]
    assert made == {"__typename": "Activity", "id": "ws-1", "name": "Workshop",
                    "kind": "WORKSHOP", "focus": ["RANSOMWARE"], "participants": []}
    add = f"""mutation {{ addParticipant(activityId: "ws-1", partnerId: "group-ib", role: LEAD)
              {{ {ACTIVITY_RESULT} }} }}"""
    assert gql(client, add)["addParticipant"]["participants"] == [
        {"role": "LEAD", "partner": {"id": "group-ib"}}]
    update = f"""mutation {{ updateActivity(id: "op-bec", patch: {{name: "Falcon II"}})
                 {{ {ACTIVITY_RESULT} }} }}"""
    updated = gql(client, update)["updateActivity"]
    assert updated["name"] == "Falcon II" and len(updated["participants"]) == 3
    outcomes = gql(client, '{ activity(id: "op-bec") { outcomes { name value unit } } }')
    assert outcomes["activity"]["outcomes"] == [{"name": "arrests", "value": 10.0, "unit": None},
                                                {"name": "seized", "value": 50000.0, "unit": "USD"}]
    remove = f"""mutation {{ removeParticipant(activityId: "ws-1", partnerId: "group-ib")
                 {{ {ACTIVITY_RESULT} }} }}"""
    assert gql(client, remove)["removeParticipant"]["participants"] == []


IMPORT = """mutation($file: Upload!) { importFile(file: $file) { __typename
  ... on Import { id source actor status counts { kind status count } }
  ... on InvalidInput { message problems { field message } } } }"""


def upload(client, name: str, content: bytes, query: str = IMPORT):
    operations = {"query": query, "variables": {"file": None}}
    return client.post("/graphql", data={"operations": json.dumps(operations),
                                         "map": json.dumps({"0": ["variables.file"]})},
                       files={"0": (name, content, "text/csv")})


PARTNERS_CSV = (b"id,name,kind,country,sector,aliases,website,description,source\n"
                b"ec3,European Cybercrime Centre,international_org,NL,policing,EC3,,,\n"
                b"afripol,AFRIPOL,international_org,DZ,policing,,,,\n")


def test_an_activity_created_with_what_its_sources_say_reads_back(known, client) -> None:
    create = """mutation($input: ActivityInput!) { createActivity(input: $input) {
      __typename ... on Activity { id participantsComplete participantsReported openEnded
        outcomes { name value qualifier low high unit } sources { url title } confidence }
      ... on InvalidInput { problems { field message } } } }"""
    made = gql(client, create, {"input": {
        "id": "op-new", "name": "New", "kind": "OPERATION", "participantsComplete": False,
        "participantsReported": 76, "confidence": 80,
        "sources": [{"url": "https://example.org/pr", "title": "Release"}],
        "outcomes": [{"name": "frozen", "value": 1200000, "unit": "EUR"},
                     {"name": "arrests", "value": 3500, "qualifier": "APPROXIMATELY"},
                     {"name": "servers_seized", "qualifier": "RANGE", "low": 11, "high": 12}]}})
    assert made["createActivity"] == {
        "__typename": "Activity", "id": "op-new", "participantsComplete": False,
        "participantsReported": 76, "openEnded": False, "confidence": 80,
        "sources": [{"url": "https://example.org/pr", "title": "Release"}],
        "outcomes": [
            {"name": "arrests", "value": 3500.0, "qualifier": "APPROXIMATELY", "low": None,
             "high": None, "unit": None},
            {"name": "servers_seized", "value": None, "qualifier": "RANGE", "low": 11.0,
             "high": 12.0, "unit": None},
            {"name": "frozen", "value": 1200000.0, "qualifier": "EXACT", "low": None, "high": None,
             "unit": "EUR"}]}
    update = """mutation { updateActivity(id: "op-new", patch: {name: "Renamed"}) {
      ... on Activity { outcomes { name } confidence sources { url } } } }"""
    kept = gql(client, update)["updateActivity"]
    assert ([o["name"] for o in kept["outcomes"]], kept["confidence"], kept["sources"]) == (
        ["arrests", "servers_seized", "frozen"], 80, [{"url": "https://example.org/pr"}])
    money = gql(client, create, {"input": {"id": "op-bad", "name": "Bad", "kind": "OPERATION",
                                           "outcomes": [{"name": "seized", "value": 5}]}})
    assert money["createActivity"]["__typename"] == "InvalidInput"
    assert "give its ISO 4217 currency" in money["createActivity"]["problems"][0]["message"]


def test_parties_take_consent_and_participants_several_roles(known, client) -> None:
    party = """mutation($consent: Consent, $role: PartyRole, $ratified: String) {
      addParty(agreementId: "a-conv", partnerId: "ng-police", consent: $consent, role: $role,
               ratifiedOn: $ratified, inForceOn: null) {
        __typename ... on Agreement { parties { role consent partner { id } } }
        ... on InvalidInput { problems { field message } } } }"""

    def standing(result: dict) -> tuple:
        return next((p["role"], p["consent"]) for p in result["addParty"]["parties"]
                    if p["partner"]["id"] == "ng-police")

    assert standing(gql(client, party, {"consent": "ACCESSION", "ratified": "2021"})) == (
        "PARTY", "ACCESSION")
    assert standing(gql(client, party, {"consent": "SIGNATURE_ONLY"})) == (
        "SIGNATORY", "SIGNATURE_ONLY")
    refused = gql(client, party, {"role": "SIGNATORY", "ratified": "2021"})["addParty"]
    assert refused["__typename"] == "InvalidInput"
    assert "role signatory is for a partner that has only signed" in refused["problems"][0]["message"]

    add = """mutation { addParticipant(activityId: "op-bec", partnerId: "trend-micro",
                                       roles: [SPONSOR, PARTICIPANT], notes: "Funded it") {
      ... on Activity { participants { role roles notes partner { id } } } } }"""
    tie = next(p for p in gql(client, add)["addParticipant"]["participants"]
               if p["partner"]["id"] == "trend-micro")
    assert tie == {"role": "PARTICIPANT", "roles": ["PARTICIPANT", "SPONSOR"], "notes": "Funded it",
                   "partner": {"id": "trend-micro"}}


def test_an_upload_imported_twice_in_one_request_is_refused_before_anything_runs(
        store, client) -> None:
    twice = """mutation($file: Upload!) { a: importFile(file: $file) { __typename }
                                           b: importFile(file: $file) { __typename } }"""
    response = upload(client, "partners.csv", PARTNERS_CSV, twice)
    assert response.status_code == 400 and "one importFile" in response.text
    assert gql(client, '{ node(id: "Partner:ec3") { nodeId } }') == {"node": None}


def test_import_file_through_multipart_upload(store, client) -> None:
    response = upload(client, "partners.csv", PARTNERS_CSV)
    assert response.status_code == 200, response.text
    result = response.json()["data"]["importFile"]
    assert result["__typename"] == "Import" and result["status"] == "complete"
    assert result["source"] == "partners.csv"
    assert result["actor"].startswith("api:test admin [")  # who uploaded it
    assert {(c["kind"], c["status"], c["count"]) for c in result["counts"]} >= {
        ("partners", "created", 2)}
    names = gql(client, "{ partners { edges { node { id } } } }")
    assert [e["node"]["id"] for e in names["partners"]["edges"]] == ["afripol", "ec3"]


def test_import_file_with_an_invalid_row_writes_nothing(store, client) -> None:
    bad = PARTNERS_CSV + b"x!,Broken,alien_kind,ZZ,,,,,\n"
    result = upload(client, "partners.csv", bad).json()["data"]["importFile"]
    assert result["__typename"] == "InvalidInput"
    assert any(p["field"].startswith("partners.csv:4") for p in result["problems"])
    assert gql(client, "{ partners { totalCount } }")["partners"]["totalCount"] == 0


def test_multipart_is_refused_for_anything_but_import_file(store, client) -> None:
    sneaky = "mutation($file: Upload!) { createPartner(input: {id: \"x\", name: \"X\", kind: NGO}) { __typename } }"
    response = upload(client, "partners.csv", PARTNERS_CSV, query=sneaky)
    assert response.status_code == 400
    mixed = IMPORT.replace("{ __typename", "{ __typename } x: createPartner(input: {id: \"x\", name: \"X\", kind: NGO}) { __typename", 1)
    assert upload(client, "partners.csv", PARTNERS_CSV, query=mixed).status_code == 400
    assert gql(client, "{ partners { totalCount } }")["partners"]["totalCount"] == 0


def test_the_audit_trail_says_which_target_what_changed_and_how_it_ended(store, client) -> None:
    from graph import audit

    gql(client, 'mutation { createPartner(input: {id: "p-a", name: "Alpha", kind: NGO}) '
                '{ __typename } }')
    gql(client, 'mutation { updatePartner(id: "p-a", patch: {name: "Alpha Two", '
                'sector: "research"}) { __typename } }')
    gql(client, 'mutation { u: updatePartner(id: "nobody", patch: {name: "X"}) '
                '{ __typename } }')
    events = [e for e in audit.recent(store) if e.action == "graphql.mutation"]
    missing, update, create = events[:3]
    assert create.details["fields"][0]["arguments"]["input"]["id"] == "p-a"
    assert create.details["outcome"] == "ok" and create.details["variables"] == {}
    assert update.details["fields"][0]["changed"] == {
        "name": {"before": "Alpha", "after": "Alpha Two"},
        "sector": {"before": None, "after": "research"}}
    refused = missing.details["fields"][0]
    assert missing.details["outcome"] == "refused"
    assert refused["outcome"] == "NotFound" and refused["alias"] == "u"
    assert refused["arguments"]["id"] == "nobody"
