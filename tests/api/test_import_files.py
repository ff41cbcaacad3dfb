"""importFiles (several uploads, the command line's options, the importer's report) and
mergePartners, over HTTP against the real Neo4j."""

from __future__ import annotations

import base64
import json
from typing import Any

from graph.model import TLP, Role
from tests.api.conftest import bearer, gql

IMPORT_FILES = """mutation($files: [Upload!]!, $options: ImportFilesOptions) {
  importFiles(files: $files, options: $options) {
    status importId sources rowsRead rowsRejected counts { kind status count }
    errorCount errors { file line column value reason pointer }
    noticeCount notices { file line column value message }
    resolved { sourceId partnerId where evidence } governmentsCreated
    rejects { name contentBase64 } } }"""


def upload(client: Any, files: dict[str, bytes], options: dict[str, Any] | None = None,
           mapping: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    variables: dict[str, Any] = {"files": [None] * len(files), "options": dict(options or {})}
    refs = {str(i): [f"variables.files.{i}"] for i in range(len(files))}
    parts = {str(i): (name, content, "application/octet-stream")
             for i, (name, content) in enumerate(files.items())}
    if mapping is not None:
        variables["options"]["mapping"] = None
        refs["m"] = ["variables.options.mapping"]
        parts["m"] = ("mapping.csv", mapping, "text/csv")
    operations = {"query": IMPORT_FILES, "variables": variables}
    return client.post("/graphql", data={"operations": json.dumps(operations),
                                         "map": json.dumps(refs)}, files=parts,
                       headers=headers or {})


PARTNERS = (b"ID;Name;Kind;Country;Aliases\r\n"
            b"sg-groupib;Group IB;private_sector;Singapore;GIB\r\n"
            b"kr-knpa;Korean National Police Agency;law_enforcement;Republic of Korea;KNPA\r\n")
USES = b"partner_id,platform_id,since\nsg-groupib,i24-7,31/12/2021\nkr-knpa,i24-7,2022\n"


def test_several_files_with_options_answer_with_the_importers_report(known, client) -> None:
    files = {"partners.csv": PARTNERS, "platform_use.csv": USES}
    dry = upload(client, files, {"dryRun": True}).json()["data"]["importFiles"]

    assert dry["status"] == "validated" and dry["importId"] is None
    assert {(c["kind"], c["status"], c["count"]) for c in dry["counts"]} == {
        ("partners", "created", 1), ("partners", "unchanged", 1),  # it adds nothing to group-ib
        ("platform_use", "created", 2)}
    assert dry["resolved"][0]["sourceId"] == "sg-groupib"
    assert dry["resolved"][0]["partnerId"] == "group-ib"
    assert dry["resolved"][0]["where"] == "partners.csv line 2"
    assert any(n["message"] == "date '31/12/2021' read as 2021-12-31" for n in dry["notices"])
    assert gql(client, "{ partners { totalCount } }")["partners"]["totalCount"] == 6

    done = upload(client, files).json()["data"]["importFiles"]
    assert done["status"] == "complete" and done["importId"]
    assert gql(client, "{ partners { totalCount } }")["partners"]["totalCount"] == 7
    gib = gql(client, '{ partner(id: "group-ib") { aliases platforms { platform { id } } } }')
    assert gib["partner"]["aliases"] == ["GIB", "Group IB"]


def test_rejected_rows_come_back_with_row_column_value_and_reason(known, client) -> None:
    bad = b"id,name,kind,country\nok,Fine,ngo,FR\nbad,Bad,pirates,Atlantis\n"
    refused = upload(client, {"partners.csv": bad}).json()["data"]["importFiles"]
    assert refused["status"] == "rejected" and refused["errorCount"] == 2
    assert {(e["file"], e["line"], e["column"], e["value"]) for e in refused["errors"]} == {
        ("partners.csv", 3, "kind", "pirates"), ("partners.csv", 3, "country", "Atlantis")}

    skipped = upload(client, {"partners.csv": bad}, {"onError": "SKIP"}).json()["data"]["importFiles"]
    assert skipped["status"] == "complete" and skipped["rowsRejected"] == 1
    [rejects] = skipped["rejects"]
    text = base64.b64decode(rejects["contentBase64"]).decode("utf-8-sig")
    assert rejects["name"] == "partners.rejects.csv"
    assert text.startswith("id,name,kind,country,reject_reason\r\nbad,Bad,pirates,Atlantis,")


def test_ignore_columns_header_row_and_a_mapping_work_over_the_api(known, client) -> None:
    sheet = (b"Partners from the desk\n"
             b"id,name,kind,notes\n"
             b"ec3,European Cybercrime Centre,international_org,see the desk\n")
    mapping = b"source_id,partner_id\nec3,interpol\n"
    told = upload(client, {"partners.csv": sheet}).json()["data"]["importFiles"]
    assert told["status"] == "rejected"
    assert "(--header-row 2)" in told["errors"][0]["reason"]
    done = upload(client, {"partners.csv": sheet},
                  {"headerRow": 2, "ignoreColumns": ["notes"]}, mapping=mapping)
    report = done.json()["data"]["importFiles"]
    assert report["status"] == "complete", report
    assert report["resolved"][0]["evidence"] == "the mapping says so (mapping.csv line 2)"


def test_merge_partners_moves_ties_keeps_names_and_is_for_stewards(known, client, store) -> None:
    gql(client, 'mutation { createPartner(input: {id: "gib-2", name: "Group-IB Global", '
                'kind: PRIVATE_SECTOR, aliases: ["Group-IB Singapore"]}) { __typename } }')
    gql(client, 'mutation { addParticipant(activityId: "op-bec", partnerId: "gib-2") { __typename } }')
    gql(client, 'mutation { addParty(agreementId: "a-conv", partnerId: "gib-2") { __typename } }')
    merge = """mutation { mergePartners(keep: "group-ib", drop: "gib-2") { __typename
      ... on Partner { id aliases }
      ... on InvalidInput { message problems { field message } } } }"""

    viewer = client.post("/graphql", json={"query": merge},
                         headers=bearer(store, Role.ANALYST, TLP.AMBER)).json()
    assert viewer["errors"] and "gib-2" in json.dumps(
        gql(client, '{ partner(id: "gib-2") { id } }'))

    merged = gql(client, merge)["mergePartners"]
    assert merged == {"__typename": "Partner", "id": "group-ib",
                      "aliases": ["GIB", "Group IB", "Group-IB Global", "Group-IB Singapore"]}
    assert gql(client, '{ node(id: "Partner:gib-2") { nodeId } }')["node"] is None
    ties = gql(client, '{ partner(id: "group-ib") { agreements { agreement { id } } } }')
    assert {a["agreement"]["id"] for a in ties["partner"]["agreements"]} == {"a-ng-gib", "a-conv"}
    events = gql(client, "{ auditLog(limit: 5) { action target } }")
    assert "merge_partners" in json.dumps(events)

    again = gql(client, merge)["mergePartners"]
    assert again["__typename"] == "InvalidInput"
    assert "no partner with id 'gib-2' (DROP)" in again["problems"][0]["message"]
