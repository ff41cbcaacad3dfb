"""Records shaped like real sources (tests/fixtures/real_shapes) travel from file to GraphQL
intact: partial lists, approximate, disputed and euro figures, sources and confidence,
treaty consent and entry into force, invited states, several roles, headquarters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.admin import wipe
from graph.store import Store
from ingest.importer import import_files
from tests.api.conftest import gql

SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "real_shapes"
DOCUMENT = SHAPES / "document.json"
CSV_FILES = sorted((SHAPES / "csv").glob("*.csv"))
SHEET = SHAPES / "treaty_chart.csv"

_TIE = "role consent signedOn ratifiedOn inForceOn notes confidence sources { url title publishedOn }"
FACTS = """{
  partner(id: "gpcn") {
    name countryCode headquartersCode headquarters { code name } region { code } aliases
    sources { url title publishedOn } notes confidence
  }
  treaties: agreements(filter: {kind: {in: [CONVENTION, PROTOCOL]}}, orderBy: {field: TITLE}) {
    edges { node { title status signedOn effectiveFrom sources { url title publishedOn } notes
                   confidence parties { TIE partner { id } } } }
  }
  operation: activity(id: "op-quiet-lantern") {
    name start end announcedOn openEnded participantsComplete participantsReported
    participantsNamed participantList notes confidence sources { url title publishedOn }
    outcomes { name value qualifier low high unit }
    participants { role roles notes confidence partner { id } }
  }
  undated: activity(id: "coastal-resilience") { start end announcedOn openEnded participantList }
  programme: activity(id: "csirt-mentoring") {
    start end openEnded announcedOn participantsComplete participantList
  }
}""".replace("TIE", _TIE)


def facts(client: Any) -> dict[str, Any]:
    return gql(client, FACTS)


def _parties(data: dict[str, Any], title_word: str) -> dict[str, dict[str, Any]]:
    node = next(e["node"] for e in data["treaties"]["edges"] if title_word in e["node"]["title"])
    return {p["partner"]["id"]: {k: v for k, v in p.items() if k != "partner"}
            for p in node["parties"]}


def _tie(role: str, consent: str | None = None, signed: str | None = None,
         ratified: str | None = None, in_force: str | None = None, **rest: Any) -> dict[str, Any]:
    return {"role": role, "consent": consent, "signedOn": signed, "ratifiedOn": ratified,
            "inForceOn": in_force, "notes": None, "confidence": None, "sources": [], **rest}


CONVENTION_PARTIES = {
    "valdoria-secretariat": _tie("DEPOSITARY"),
    "gov-FR": _tie("PARTY", "RATIFICATION", "2019-03-01", "2020-06-15", "2020-10-01"),
    "gov-GH": _tie("PARTY", "ACCESSION", None, "2021-02-10", "2021-06-01", confidence=75, sources=[
        {"url": "https://example.org/valdoria/notifications/gh-accession",
         "title": "Depositary notification: accession of Ghana", "publishedOn": None}]),
    "gov-JP": _tie("PARTY", "ACCEPTANCE", "2019-03-01", "2020-11-02", "2021-03-01"),
    "gov-NL": _tie("PARTY", "APPROVAL", "2019-03-01", "2020-01", "2020-10-01"),
    "gov-ME": _tie("PARTY", "SUCCESSION", None, "2020-07-01", "2020-10-01"),
    "gov-ZA": _tie("SIGNATORY", None, "2019-03-01",
                   notes="Signed on the opening day; no ratification since."),
    "gov-KE": _tie("INVITED"),
    "gov-PE": _tie("INVITED"),
}


def test_a_json_document_reads_back_through_graphql_exactly(store: Store, client) -> None:
    import_files(store, [DOCUMENT])
    data = facts(client)

    assert data["partner"] == {
        "name": "Global Police Cooperation Network", "countryCode": None,
        "headquartersCode": "FR", "headquarters": {"code": "FR", "name": "France"},
        "region": None,  # a seat is not a membership: no country, so no regional desk
        "aliases": ["GPCN", "Network (cooperation; policing)"],
        "sources": [{"url": "https://example.org/gpcn/about", "title": "About the Network",
                     "publishedOn": "2023-01"},
                    {"url": "https://example.org/gpcn/annual-report-2023",
                     "title": "Annual report 2023", "publishedOn": None}],
        "notes": "Seat in Lyon; no member country of its own.", "confidence": 80}
    convention, protocol = (e["node"] for e in data["treaties"]["edges"][::-1])
    assert (convention["status"], convention["confidence"], convention["sources"][0]["url"]) == (
        "ACTIVE", 90, "https://example.org/valdoria/chart-vcde")
    assert _parties(data, "(Valdoria Convention)") == CONVENTION_PARTIES
    assert protocol["status"] == "SIGNED"
    assert _parties(data, "Protocol") == {
        "valdoria-secretariat": _tie("DEPOSITARY"),
        "gov-FR": _tie("SIGNATORY", None, "2024-05-12"),
        "gov-JP": _tie("SIGNATORY", "SIGNATURE_ONLY", "2024-05-12")}

    op = data["operation"]
    assert {k: op[k] for k in ("start", "end", "announcedOn", "openEnded", "participantsComplete",
                               "participantsReported", "participantsNamed", "participantList",
                               "confidence")} == {
        "start": "2024-03", "end": "2024-05", "announcedOn": "2024-06-20", "openEnded": False,
        "participantsComplete": False, "participantsReported": 76, "participantsNamed": 6,
        "participantList": "PARTIAL", "confidence": 70}
    assert [s["url"] for s in op["sources"]] == ["https://example.org/gpcn/press/quiet-lantern",
                                                 "https://example.org/news/quiet-lantern-servers"]
    assert op["sources"][0]["title"] == "Quiet Lantern: 76 countries, almost 3,500 arrests"

    def figure(name: str, value: float | None, qualifier: str, low: float | None = None,
               high: float | None = None, unit: str | None = None) -> dict[str, Any]:
        return {"name": name, "value": value, "qualifier": qualifier, "low": low, "high": high,
                "unit": unit}

    assert op["outcomes"] == [  # the vocabulary's order, then the steward's own names
        figure("arrests", 3500.0, "APPROXIMATELY"),
        figure("servers_seized", None, "RANGE", 11.0, 12.0),
        figure("victims_notified", 10.0, "AT_MOST"),
        figure("frozen", 1200000.0, "EXACT", unit="EUR"),
        figure("recovered", 439000000.0, "AT_LEAST", unit="USD"),
        figure("ips_sinkholed", 20000.0, "APPROXIMATELY"),
    ]
    roles = {p["partner"]["id"]: (p["role"], p["roles"]) for p in op["participants"]}
    assert roles["northwind-fund"] == ("PARTICIPANT", ["PARTICIPANT", "SPONSOR"])
    assert roles["gpcn"] == ("COORDINATOR", ["COORDINATOR"])
    assert data["undated"] == {"start": None, "end": None, "announcedOn": None,
                               "openEnded": False, "participantList": "UNKNOWN"}
    assert data["programme"] == {"start": "2019", "end": None, "openEnded": True,
                                 "announcedOn": "2019-02", "participantsComplete": True,
                                 "participantList": "COMPLETE"}


def test_the_csv_files_give_the_same_facts_as_the_json_document(store: Store, client) -> None:
    import_files(store, [DOCUMENT])
    from_json = facts(client)
    wipe(store)

    report = import_files(store, CSV_FILES)

    assert report.status == "complete"
    assert facts(client) == from_json


def test_the_csv_files_after_the_json_document_change_nothing(store: Store) -> None:
    """The same content, in another format and another key order, hashes alike."""
    import_files(store, [DOCUMENT])

    again = import_files(store, CSV_FILES)

    assert set(again.totals()) == {"unchanged"}, again.counts
    assert again.totals()["unchanged"] == sum(again.records.values())


def test_the_stewards_treaty_chart_gives_the_same_treaty_facts(store: Store, client) -> None:
    import_files(store, [SHAPES / "csv" / "partners.csv"])  # the chart names the depositary
    report = import_files(store, [SHEET])
    assert report.status == "complete"

    data = facts(client)
    # The chart holds no per-party sources or notes; everything else is the same.
    expected = {pid: {**tie, "sources": [], "notes": None} for pid, tie in CONVENTION_PARTIES.items()}
    assert _parties(data, "(Valdoria Convention)") == expected
    protocol = next(e["node"] for e in data["treaties"]["edges"] if "Protocol" in e["node"]["title"])
    assert protocol["status"] == "SIGNED"
    assert {p["partner"]["id"]: (p["role"], p["consent"]) for p in protocol["parties"]} == {
        "valdoria-secretariat": ("DEPOSITARY", None), "gov-FR": ("SIGNATORY", None),
        "gov-JP": ("SIGNATORY", "SIGNATURE_ONLY")}


def test_filters_ask_for_parties_signatories_only_and_invited(store: Store, client) -> None:
    import_files(store, [DOCUMENT])

    def members(roles: str) -> set[str]:
        data = gql(client, """{ partners(filter: {membership: {agreements: ["VCDE"], roles: [ROLES]}},
                                          first: 50) { edges { node { id } } } }""".replace("ROLES", roles))
        return {e["node"]["id"] for e in data["partners"]["edges"]}

    assert members("PARTY") == {"gov-FR", "gov-GH", "gov-JP", "gov-NL", "gov-ME"}
    assert members("SIGNATORY") == {"gov-ZA"}
    assert members("INVITED") == {"gov-KE", "gov-PE"}
    data = gql(client, """{ agreement(id: "VCDE") { parties(roles: [INVITED]) { partner { id } } }
      acceded: partners(filter: {membership: {consent: [ACCESSION]}}) { edges { node { id } } }
      partial: activities(filter: {participantList: [PARTIAL]}) { edges { node { id } } }
      complete: activities(filter: {participantList: [COMPLETE]}) { edges { node { id } } }
      frozen: activities(filter: {outcomes: ["frozen"]}) { edges { node { id } } }
      sponsors: activities(filter: {participant: {roles: [SPONSOR]}}) { edges { node { id } } } }""")
    assert [p["partner"]["id"] for p in data["agreement"]["parties"]] == ["gov-KE", "gov-PE"]
    ids = {k: sorted(e["node"]["id"] for e in v["edges"]) for k, v in data.items() if k != "agreement"}
    assert ids == {"acceded": ["gov-GH"], "partial": ["op-quiet-lantern"],
                   "complete": ["csirt-mentoring"], "frozen": ["op-quiet-lantern"],
                   # the fund's principal role in the operation is participant; sponsor too
                   "sponsors": ["csirt-mentoring", "op-quiet-lantern"]}


def test_an_invited_state_is_tied_to_nobody(store: Store, client) -> None:
    import_files(store, [DOCUMENT])

    data = gql(client, """{ invited: partner(id: "gov-KE") { partners { partner { id } } }
                            party: partner(id: "gov-FR") { partners { partner { id } } } }""")

    assert data["invited"]["partners"] == []
    assert "gov-KE" not in {t["partner"]["id"] for t in data["party"]["partners"]}
    assert {"gov-GH", "gov-ZA", "gov-JP"} <= {t["partner"]["id"] for t in data["party"]["partners"]}


def test_totals_keep_approximations_bounds_ranges_and_currencies(store: Store, client,
                                                                  tmp_path: Path) -> None:
    second = tmp_path / "second.json"  # another operation, with euros and dollars frozen
    second.write_text(json.dumps({"activities": [
        {"id": "op-second", "name": "Second", "kind": "operation",
         "outcomes": {"arrests": 40, "servers_seized": 3,
                      "frozen": [{"value": 800000, "unit": "EUR"},
                                 {"value": 50000, "unit": "USD"}]}}]}), encoding="utf-8")
    import_files(store, [DOCUMENT, second])

    data = gql(client, "{ outcomeTotals { name unit value qualifier low high activities approximate "
                       "firmLow } }")

    totals = {(t.pop("name"), t.pop("unit")): t for t in data["outcomeTotals"]}
    assert totals[("arrests", None)] == {"value": 3540.0, "qualifier": "APPROXIMATELY",
                                         "low": 3540.0, "high": 3540.0, "activities": 2,
                                         "approximate": 1, "firmLow": 40.0}
    assert totals[("servers_seized", None)] == {"value": None, "qualifier": "RANGE", "low": 14.0,
                                                "high": 15.0, "activities": 2, "approximate": 0,
                                                "firmLow": 14.0}
    assert totals[("frozen", "EUR")]["value"] == 2000000.0
    assert totals[("frozen", "USD")]["value"] == 50000.0  # never added to the euros
    assert totals[("recovered", "USD")] == {"value": 439000000.0, "qualifier": "AT_LEAST",
                                            "low": 439000000.0, "high": None, "activities": 1,
                                            "approximate": 0, "firmLow": 439000000.0}
    assert totals[("victims_notified", None)]["qualifier"] == "AT_MOST"
    assert list(totals)[:3] == [("arrests", None), ("servers_seized", None),
                                ("victims_notified", None)]  # the vocabulary's order


def test_a_stix_bundle_brings_confidence_external_references_and_notes(store: Store,
                                                                        client) -> None:
    import_files(store, [SHAPES / "bundle.stix.json"])

    data = gql(client, """{
      partner(id: "identity--63c62875-ca67-44e6-9d27-d4541e993edc") {
        kind headquartersCode confidence notes sources { url title } }
      agreement(id: "relationship--5fb85185-2fad-4a46-aa44-561bd873f601") {
        confidence sources { url title } } }""")

    assert data["partner"] == {
        "kind": "INTERNATIONAL_ORG", "headquartersCode": "FR", "confidence": 80,
        "notes": "Seat\n\nSeat in Lyon; no member country of its own.",
        "sources": [{"url": "https://example.org/gpcn/about", "title": "About the Network"},
                    {"url": None, "title": "registry IO-0042"}]}
    assert data["agreement"] == {"confidence": 60, "sources": [
        {"url": "https://example.org/gpcn/press/lumen", "title": "Network signs exchange with Lumen"}]}


def test_totals_over_a_participant_country_by_name_or_code(known, client) -> None:
    q = "query($c: [String!]) { outcomeTotals(filter: {participantCountry: $c}) { name value } }"
    by_name = gql(client, q, {"c": ["Nigeria"]})["outcomeTotals"]
    assert by_name == gql(client, q, {"c": ["NG"]})["outcomeTotals"] == [
        {"name": "arrests", "value": 10.0}, {"name": "seized", "value": 50000.0}]
    assert gql(client, q, {"c": ["Japan"]})["outcomeTotals"] == []  # its training reports none
    body = gql(client, q, {"c": ["Narnia"]}, ok=False)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
