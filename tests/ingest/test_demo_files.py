"""The committed demo CSVs validate into the model, hang together, and match their builder."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from graph.figures import Qualifier
from graph.model import (
    TLP,
    AgreementKind,
    AgreementStatus,
    Consent,
    PartnerKind,
    PartyRole,
    date_floor,
)
from graph.regions import REGION_OF
from ingest.demo_build import DEMO_DIR, REFERENCE, build
from tests.ingest.csv_records import dangling_references, read_dir


@pytest.fixture(scope="module")
def demo():
    return read_dir(DEMO_DIR)


def test_every_demo_row_validates_into_the_model(demo):
    assert len(demo["partners"]) >= 250
    assert len(demo["activities"]) >= 250
    assert len(demo["agreements"]) >= 120


def test_every_reference_in_the_demo_resolves(demo):
    assert dangling_references(demo) == []


def test_ids_are_unique_per_file(demo):
    for kind in ("partners", "objectives", "platforms", "agreements", "activities"):
        ids = [r.id for r in demo[kind]]
        assert len(ids) == len(set(ids)), kind


def test_demo_covers_every_partner_kind_region_and_agreement_vocabulary(demo):
    assert {p.kind for p in demo["partners"]} == set(PartnerKind)
    assert {REGION_OF.get(p.country) for p in demo["partners"] if p.country} >= set(REGION_OF.values())
    assert {a.kind for a in demo["agreements"]} == set(AgreementKind)
    assert {a.status for a in demo["agreements"]} == set(AgreementStatus)
    assert {a.tlp for a in demo["agreements"]} | {a.tlp for a in demo["activities"]} == set(TLP)


def test_some_active_agreements_expire_within_90_days_of_the_reference(demo):
    soon = [a for a in demo["agreements"] if a.status == "active" and a.expires_on
            and REFERENCE <= date_floor(a.expires_on) <= REFERENCE + dt.timedelta(days=90)]
    later = [a for a in demo["agreements"] if a.status == "active" and a.expires_on
             and date_floor(a.expires_on) > REFERENCE + dt.timedelta(days=90)]
    assert len(soon) >= 5 and len(later) >= 5


def test_conventions_have_many_parties_some_only_signed(demo):
    parties = Counter(p.agreement_id for p in demo["agreement_parties"])
    assert parties["ETS-185"] >= 30
    signed_only = [p for p in demo["agreement_parties"] if p.signed_on and not p.ratified_on
                   and p.agreement_id == "ETS-185"]
    assert signed_only


def test_real_world_rows_cite_a_source_and_the_rest_say_illustrative(demo):
    for kind in ("partners", "agreements", "activities"):
        for r in demo[kind]:
            assert r.source, f"{kind} {r.id} has no source"
            if r.id.startswith("ILL-"):
                assert r.source == "illustrative", r.id


def test_tlp_is_mostly_clear_or_green(demo):
    tlps = Counter(a.tlp for a in demo["activities"] + demo["agreements"])
    assert tlps[TLP.CLEAR] + tlps[TLP.GREEN] > sum(tlps.values()) / 2


def test_the_committed_files_are_what_the_builder_writes(tmp_path: Path):
    build(tmp_path)
    for path in sorted(DEMO_DIR.glob("*.csv")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} differs: run `python -m ingest.demo_build`")


def test_the_demo_shows_what_records_know_and_do_not(demo):
    parties = demo["agreement_parties"]
    assert {p.consent for p in parties} >= {Consent.RATIFICATION, Consent.ACCESSION, None}
    assert {p.role for p in parties} >= set(PartyRole) - {PartyRole.OBSERVER}
    assert any(p.in_force_on for p in parties)
    assert {a.status for a in demo["agreements"] if a.id in ("CETS-224", "UN-CYBERCRIME-2024")} == {
        AgreementStatus.SIGNED}
    activities = demo["activities"]
    assert any(a.participants_complete is False and a.participants_reported for a in activities)
    figures = [f for a in activities for f in a.outcomes]
    assert {f.qualifier for f in figures} == set(Qualifier)
    assert {f.unit for f in figures} == {None, "USD", "EUR"}
    assert "ips_sinkholed" in {f.name for f in figures}
    assert any(a.open_ended for a in activities) and any(a.announced_on for a in activities)
    assert any(not (a.start or a.end or a.announced_on) for a in activities)
    assert any(a.sources and a.confidence for a in activities)
    assert any(t.roles for t in demo["activity_participants"])
    interpol = next(p for p in demo["partners"] if p.id == "INTERPOL")
    assert (interpol.country, interpol.headquarters) == (None, "FR")
