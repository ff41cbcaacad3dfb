"""Coverage gaps and loose ends, found by Cypher in a real Neo4j."""

import datetime as dt

import pytest

from graph.metrics.gaps import Evidence, GapWindow, assess, find_gaps
from graph.model import (
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Partner,
)
from graph.writer import write_records
from tests.graph.metrics.network import write_network

WINDOW = GapWindow(as_of=dt.date(2025, 1, 1), window_days=365, expiring_days=90)


def by_kind(findings, kind):
    return {f.subject: f.detail for f in findings if f.kind == kind}


def write(store, *groups) -> None:
    for records in groups:
        write_records(store, records, import_id="test")


def test_expiring_and_unratified(store):
    write_network(store)
    found = find_gaps(store, WINDOW)
    assert set(by_kind(found, "expiring_agreement")) == {"ending"}
    ending = by_kind(found, "expiring_agreement")["ending"]
    assert ending["parties"] == ["acme-sec", "fr-police"]
    assert (ending["as_of"], ending["until"], ending["rules"]) == (
        "2025-01-01", "2025-04-01", ["expires_within_window"])
    assert set(by_kind(found, "unratified")) == {"conv-1/ng-efcc"}


def test_country_and_region_gaps(store):
    write_network(store)
    found = find_gaps(store, WINDOW)
    countries = by_kind(found, "country_gap")
    # FR and DE have agreements in force but no activity in the window.
    assert countries["FR"]["agreements"] >= 1 and countries["FR"]["activities"] == 0
    assert countries["FR"]["rules"] == ["no_recent_activity"]
    # NG's police took part in op-1, but its one active agreement is a convention it signed
    # and never ratified: signed only, no coverage.
    assert countries["NG"]["rules"] == ["no_agreement_in_force"]
    assert countries["NG"]["agreement_state"] == "signed_only"
    assert countries["NG"]["signed_only"] == ["conv-1"]
    assert {k: countries["JP"][k] for k in ("name", "region", "partners", "agreements",
                                             "activities", "agreement_state")} == {
        "name": "Japan", "region": "ASP", "partners": 0, "agreements": 0, "activities": 0,
        "agreement_state": "none"}
    regions = by_kind(found, "region_gap")
    assert regions["AFR"]["signed_only"] == ["conv-1"] and regions["MENA"]["partners"] == 0


def test_sector_kind_and_focus_gaps(store):
    write_network(store)
    found = find_gaps(store, WINDOW)
    assert by_kind(found, "kind_gap")["academia"]["agreements"] == 0
    assert "law_enforcement" not in by_kind(found, "kind_gap")
    focus = by_kind(found, "focus_gap")
    assert "bec" not in focus and "ransomware" in focus


def test_activity_whose_participants_share_no_active_agreement(store):
    write_network(store)
    # op-1's two participants share only a terminated MoU.
    assert set(by_kind(find_gaps(store, WINDOW), "activity_without_agreement")) == {"op-1"}


def test_an_activity_outside_the_window_is_not_a_finding(store):
    write_network(store)
    later = GapWindow(as_of=dt.date(2026, 1, 1), window_days=90)
    found = find_gaps(store, later)
    assert by_kind(found, "activity_without_agreement") == {}
    assert "bec" in by_kind(found, "focus_gap")


# --- the rules a strategist can defend, on records shaped like a treaty chart and a
# press release (invented treaty and operation, real country codes) --------------------

TREATY_AS_OF = dt.date(2024, 12, 1)
STATES = {"fr": "FR", "za": "ZA", "ie": "IE", "jp": "JP", "gh": "GH", "nl": "NL", "ke": "KE"}
CHART = [
    Partner(id="valdoria-secretariat", name="Secretariat of the Valdoria Council",
            kind="international_org", headquarters="BE"),
    *[Partner(id=f"gov-{s}", name=f"Government {c}", kind="government", country=c)
      for s, c in STATES.items()],
    *[Partner(id=f"police-{s}", name=f"Police {c}", kind="law_enforcement", country=c)
      for s, c in STATES.items()],
]
VCDE = Agreement(id="VCDE", title="Valdoria Convention", kind="convention", status="active",
                 signed_on="2019-03-01", effective_from="2020-10-01", binding=True, tlp="clear")
CHART_PARTIES = [
    AgreementParty(agreement_id="VCDE", partner_id="valdoria-secretariat", role="depositary"),
    AgreementParty(agreement_id="VCDE", partner_id="gov-fr", consent="ratification",
                   signed_on="2019-03-01", ratified_on="2020-06-15", in_force_on="2020-10-01"),
    AgreementParty(agreement_id="VCDE", partner_id="gov-za", role="signatory",
                   signed_on="2019-03-01"),
    # Ireland ratifies after the date judged at, and the day is within the alert window.
    AgreementParty(agreement_id="VCDE", partner_id="gov-ie", consent="ratification",
                   signed_on="2019-03-01", ratified_on="2025-01-20", in_force_on="2025-05-01"),
    AgreementParty(agreement_id="VCDE", partner_id="gov-jp", role="signatory",
                   consent="signature_only", signed_on="2019-03-01"),
    # A party row with a signature and nothing that binds: a treaty chart's "signed".
    AgreementParty(agreement_id="VCDE", partner_id="gov-gh", signed_on="2019-03-01"),
    # The Netherlands consented before, the convention enters into force for it after.
    AgreementParty(agreement_id="VCDE", partner_id="gov-nl", consent="approval",
                   signed_on="2019-03-01", ratified_on="2024-09-01", in_force_on="2025-01-01"),
    AgreementParty(agreement_id="VCDE", partner_id="gov-ke", role="invited"),
]
# Every country's police took part in one dated operation, so the agreements decide.
LANTERN = Activity(id="op-quiet-lantern", name="Operation Quiet Lantern", kind="operation",
                   status="completed", start="2024-03", end="2024-05",
                   announced_on="2024-06-20", focus=["online_fraud"], tlp="clear")
LANTERN_PARTICIPANTS = [ActivityParticipant(activity_id=LANTERN.id, partner_id=f"police-{s}")
                        for s in STATES]


def write_chart(store) -> None:
    write(store, CHART, [VCDE], CHART_PARTIES, [LANTERN], LANTERN_PARTICIPANTS)


def test_a_signature_without_consent_is_signed_only_not_coverage(store):
    write_chart(store)
    countries = by_kind(find_gaps(store, GapWindow(as_of=TREATY_AS_OF)), "country_gap")
    assert "FR" not in countries  # ratified, in force, and its police took part
    for code in ("ZA", "JP", "GH", "IE"):  # signatory, signature_only, bare signature, later
        assert countries[code]["rules"] == ["no_agreement_in_force"], code
        assert countries[code]["agreement_state"] == "signed_only", code
        assert countries[code]["signed_only"] == ["VCDE"], code
        assert "signed only: VCDE" in countries[code]["reason"], code
        assert countries[code]["as_of"] == "2024-12-01"
    assert countries["NL"]["agreement_state"] == "not_yet_in_force"
    assert countries["NL"]["not_yet_in_force"] == ["VCDE"]
    # Invited is no membership: no agreement at all, not "signed only".
    assert countries["KE"]["agreement_state"] == "none" and countries["KE"]["signed_only"] == []


def test_a_consent_dated_after_as_of_is_a_signature_until_then(store):
    write_chart(store)
    before = find_gaps(store, GapWindow(as_of=TREATY_AS_OF))
    assert {"VCDE/gov-za", "VCDE/gov-jp", "VCDE/gov-gh", "VCDE/gov-ie"} == set(
        by_kind(before, "unratified"))
    assert by_kind(before, "unratified")["VCDE/gov-ie"]["ratified_on"] == "2025-01-20"
    after = find_gaps(store, GapWindow(as_of=dt.date(2025, 6, 1), window_days=730))
    assert "VCDE/gov-ie" not in by_kind(after, "unratified")
    countries = by_kind(after, "country_gap")
    assert "IE" not in countries and "NL" not in countries
    assert countries["ZA"]["agreement_state"] == "signed_only"


def test_consents_and_entries_into_force_due_soon_are_listed(store):
    write_chart(store)
    changes = by_kind(find_gaps(store, GapWindow(as_of=TREATY_AS_OF, expiring_days=90)),
                      "membership_change")
    assert set(changes) == {"VCDE/gov-ie", "VCDE/gov-nl"}
    # Ireland's entry into force (2025-05-01) is beyond the 90 days; its consent is not.
    assert changes["VCDE/gov-ie"]["events"] == [{"event": "consent", "on": "2025-01-20"}]
    assert changes["VCDE/gov-nl"]["events"] == [{"event": "entry_into_force",
                                                 "on": "2025-01-01"}]
    assert changes["VCDE/gov-nl"]["until"] == "2025-03-01"
    longer = by_kind(find_gaps(store, GapWindow(as_of=TREATY_AS_OF, expiring_days=200)),
                     "membership_change")
    assert [e["event"] for e in longer["VCDE/gov-ie"]["events"]] == ["consent",
                                                                     "entry_into_force"]


def test_an_undated_activity_is_of_unknown_date_never_recent(store):
    # A press release with no date: the country's police took part, nothing says when.
    write(store,
          [Partner(id="gh-cyber-unit", name="Ghana Cyber Police Unit", kind="law_enforcement",
                   country="GH"),
           Partner(id="gov-fr", name="Government FR", kind="government", country="FR")],
          [Agreement(id="mou-gh-fr", title="GH-FR MoU", kind="mou", status="active",
                     signed_on="2023-01-10", tlp="clear")],
          [AgreementParty(agreement_id="mou-gh-fr", partner_id="gh-cyber-unit",
                          signed_on="2023-01-10"),
           AgreementParty(agreement_id="mou-gh-fr", partner_id="gov-fr",
                          signed_on="2023-01-10")],
          [Activity(id="coastal-resilience", name="Coastal cyber resilience programme",
                    kind="capacity_building", status="ongoing", focus=["phishing"],
                    tlp="green")],
          [ActivityParticipant(activity_id="coastal-resilience", partner_id="gh-cyber-unit")])
    found = find_gaps(store, WINDOW)
    gh = by_kind(found, "country_gap")["GH"]
    assert gh["rules"] == ["no_recent_activity"] and gh["agreements"] == 1
    assert (gh["activities"], gh["activities_unknown_date"]) == (0, 1)
    assert "1 activity of unknown date" in gh["reason"]
    assert by_kind(found, "focus_gap")["phishing"]["activities_unknown_date"] == 1
    assert by_kind(found, "kind_gap")["law_enforcement"]["activities_unknown_date"] == 1
    assert "coastal-resilience" not in by_kind(found, "activity_without_agreement")


def test_a_company_headquartered_in_a_country_does_not_cover_it(store):
    write(store,
          [Partner(id="volga-labs", name="Volga Threat Labs", kind="private_sector",
                   country="RU", headquarters="RU", sector="threat_intel"),
           Partner(id="fr-police", name="FR Police", kind="law_enforcement", country="FR")],
          [Agreement(id="ds-volga", title="Threat data sharing", kind="data_sharing",
                     status="active", signed_on="2023-05", tlp="green")],
          [AgreementParty(agreement_id="ds-volga", partner_id="volga-labs"),
           AgreementParty(agreement_id="ds-volga", partner_id="fr-police")],
          [Activity(id="op-botnet", name="Botnet takedown", kind="operation",
                    status="completed", start="2024-09", end="2024-10", tlp="green")],
          [ActivityParticipant(activity_id="op-botnet", partner_id="volga-labs",
                               role="private_partner"),
           ActivityParticipant(activity_id="op-botnet", partner_id="fr-police", role="lead")])
    found = find_gaps(store, WINDOW)
    countries = by_kind(found, "country_gap")
    assert "FR" not in countries  # its police: party to the agreement, lead of the operation
    ru = countries["RU"]
    assert (ru["partners"], ru["counted"], ru["uncounted"]) == (1, 0, {"private_sector": 1})
    assert ru["rules"] == ["no_agreement_in_force", "no_recent_activity"]
    assert "private_sector 1 based there do not act for it" in ru["reason"]
    # The company still covers its own sector: sectors count every partner.
    assert "threat_intel" not in by_kind(found, "sector_gap")


def test_the_detail_names_the_rules_the_evidence_and_the_dates():
    window = GapWindow(as_of=dt.date(2025, 1, 1), window_days=30)
    police = Evidence(partner="p", kind="law_enforcement", country="ZA",
                      signed_only=frozenset({"VCDE"}), undated=frozenset({"x"}))
    company = Evidence(partner="c", kind="private_sector", country="ZA",
                       in_force=frozenset({"mou"}), recent=frozenset({"y"}))
    detail = assess([police, company], window, actors_only=True)
    assert detail is not None
    assert detail["reason"] == (
        "No agreement in force on 2025-01-01 (signed only: VCDE); no activity between "
        "2024-12-02 and 2025-01-01 (1 activity of unknown date, never counted as recent); "
        "counted through its government, law-enforcement and CERT partners (1 of 2 "
        "partners); private_sector 1 based there do not act for it.")
    assert (detail["since"], detail["window_days"]) == ("2024-12-02", 30)
    assert assess([police, company], window, actors_only=False) is None


def test_thresholds_are_whole_days():
    with pytest.raises(ValueError, match="window_days"):
        GapWindow(as_of=dt.date(2025, 1, 1), window_days=0)
