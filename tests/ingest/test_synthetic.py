"""The synthetic generator: deterministic, valid against the model, and shaped like the real thing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.model import PartnerKind
from graph.regions import REGION_OF
from ingest.formats import COLUMNS
from ingest.synthetic import LAYOUT, generate
from tests.ingest.csv_records import dangling_references, read_dir

SMALL = {"partners": 600, "agreements": 900, "activities": 900}


def _bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("synthetic")
    counts = generate(out, seed=7, **SMALL)
    return out, counts


@pytest.fixture(scope="module")
def records(small):
    return read_dir(small[0])


def test_writes_the_eight_files_with_the_importer_headers(small):
    out, _ = small
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(COLUMNS)
    for kind, columns in COLUMNS.items():
        header = (out / f"{kind}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        assert header == ",".join(LAYOUT.get(kind, columns))
        assert set(header.split(",")) <= set(columns)  # only columns the importer reads


def test_same_seed_gives_identical_bytes(small, tmp_path):
    generate(tmp_path, seed=7, **SMALL)
    assert _bytes(tmp_path) == _bytes(small[0])


def test_a_different_seed_gives_different_files(small, tmp_path):
    generate(tmp_path, seed=8, **SMALL)
    again, first = _bytes(tmp_path), _bytes(small[0])
    for name in ("agreement_parties.csv", "activity_participants.csv", "activities.csv"):
        assert again[name] != first[name]


def test_counts_returned_match_the_rows_written(small, records):
    _, counts = small
    assert {k: len(v) for k, v in records.items()} == counts
    assert counts["partners"] == SMALL["partners"]
    assert counts["agreements"] == SMALL["agreements"]
    assert counts["activities"] == SMALL["activities"]


def test_every_row_validates_into_the_model_and_every_reference_resolves(records):
    # read_dir builds each record with the pydantic model and raises on the first bad row.
    assert dangling_references(records) == []


def test_no_partner_appears_twice_in_one_agreement_or_activity(records):
    for kind, key in (("agreement_parties", "agreement_id"), ("activity_participants", "activity_id")):
        pairs = [(getattr(r, key), r.partner_id) for r in records[kind]]
        assert len(pairs) == len(set(pairs)), kind


def test_ties_per_agreement_and_activity_are_near_the_documented_means(records):
    per_agreement = len(records["agreement_parties"]) / len(records["agreements"])
    per_activity = len(records["activity_participants"]) / len(records["activities"])
    assert 2.4 <= per_agreement <= 3.6
    assert 4.0 <= per_activity <= 6.0


def test_structure_is_regional_heavy_tailed_and_has_conventions(records):
    partners = {p.id: p for p in records["partners"]}
    assert {p.kind for p in partners.values()} == set(PartnerKind)
    assert {REGION_OF[p.country] for p in partners.values()} == set(REGION_OF.values())

    # Most activities stay within one region.
    regions_per_activity: dict[str, set] = {}
    for r in records["activity_participants"]:
        regions_per_activity.setdefault(r.activity_id, set()).add(REGION_OF[partners[r.partner_id].country])
    single = sum(1 for s in regions_per_activity.values() if len(s) == 1)
    assert single > len(regions_per_activity) * 0.3

    # Heavy tail: the busiest partner has many times the median number of participations.
    degree = Counter(r.partner_id for r in records["activity_participants"])
    ranked = sorted(degree.values(), reverse=True)
    assert ranked[0] >= 10 * ranked[len(ranked) // 2]

    # Mostly bilateral agreements, a few multilateral ones with many parties.
    sizes = Counter(r.agreement_id for r in records["agreement_parties"])
    assert Counter(sizes.values())[2] > len(sizes) / 2
    assert max(sizes.values()) >= 15


def test_treaty_parties_have_ordered_dates_and_some_are_only_signed(tmp_path):
    generate(tmp_path, partners=3000, agreements=3000, activities=0, seed=3)
    records = read_dir(tmp_path)
    treaties = {a.id for a in records["agreements"] if a.kind in ("convention", "protocol")}
    assert treaties
    parties = [p for p in records["agreement_parties"] if p.agreement_id in treaties]
    assert any(p.ratified_on for p in parties)
    assert any(p.role == "signatory" and not p.ratified_on for p in parties)


def test_too_few_partners_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="partners"):
        generate(tmp_path, partners=1, agreements=1, activities=1)


def test_cli_generate_writes_the_same_files_as_the_function(tmp_path):
    from click.testing import CliRunner

    from api.cli import main

    result = CliRunner().invoke(main, ["generate", str(tmp_path / "cli"), "--partners", "200",
                                       "--agreements", "300", "--activities", "300", "--seed", "5"])
    assert result.exit_code == 0, result.output
    generate(tmp_path / "fn", partners=200, agreements=300, activities=300, seed=5)
    assert _bytes(tmp_path / "cli") == _bytes(tmp_path / "fn")
