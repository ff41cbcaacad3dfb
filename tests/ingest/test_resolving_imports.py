"""Entity resolution through the importer, against the real Neo4j: one organisation, one
partner, on every path (CSV, JSON, STIX, the stewards' layout)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.store import Store
from ingest.demo import load_demo
from ingest.importer import ImportOptions, ImportRejected, import_files
from ingest.names import name_key
from tests.ingest.conftest import EXAMPLES, nodes, rels

EXAMPLE_FILES = [*sorted((EXAMPLES / "csv").glob("*.csv")), EXAMPLES / "partners.json",
                 EXAMPLES / "bundle.stix.json", EXAMPLES / "treaties.csv"]
STEWARD = ImportOptions(ignore_columns=frozenset({"Steward notes"}))


def partner_names(store: Store) -> list[str]:
    return [name_key(n) for (n,) in nodes(store, "Partner", "name")]


def test_the_examples_on_top_of_the_demo_create_no_second_partner(store: Store) -> None:
    load_demo(store)
    before = nodes(store, "Partner", "id")

    report = import_files(store, EXAMPLE_FILES, options=STEWARD)

    assert report.status == "complete"
    assert nodes(store, "Partner", "id") == before  # every organisation was already there
    names = partner_names(store)
    assert len(names) == len(set(names))
    by_source = {r["source_id"]: r["partner_id"] for r in report.resolved}
    assert by_source == {
        "ng-npf": "NG-NPF", "sg-groupib": "GROUP-IB", "int-afripol": "AFRIPOL",
        "cert-ng": "NGCERT", "gh-police": "GH-GPS", "uk-nca": "GB-NCA",
        "identity--8a9b6f1c-0d2e-4c5b-9a1f-2b3c4d5e6f70": "CERT-FR",
        "identity--1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f": "KASPERSKY"}
    # The ties of the files reach the partners that were there.
    assert ("GROUP-IB", "agr-ng-gib", "party") in rels(store, "PARTY_TO", "role")
    assert ("NG-NPF", "act-falcon", "lead") in rels(store, "PARTICIPATED_IN", "role")
    assert ("CERT-FR", "relationship--9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b") in rels(store, "PARTY_TO")
    # States given as parties are the demo's government partners, not new ones.
    assert ("GOV-FR",) in {(s,) for s, _ in rels(store, "PARTY_TO")}
    # What the files add joins the partner; what the graph holds stays.
    gib = {r[0]: r[1:] for r in nodes(store, "Partner", "id", "aliases", "website", "other_ids")}
    assert gib["GROUP-IB"] == (("GIB",), "https://www.group-ib.com", ("sg-groupib",))
    notice = next(n for n in report.notices if n.value == "sg-groupib" and n.column == "id")
    assert "resolved to the existing partner 'GROUP-IB'" in notice.message
    assert "the same name ('Group-IB')" in notice.message

    again = import_files(store, EXAMPLE_FILES, options=STEWARD)
    assert set(again.totals()) == {"unchanged"}


def opencti_bundle(*identities: dict[str, object]) -> dict[str, object]:
    """A bundle shaped as OpenCTI exports one: identities with their classes, sectors,
    OpenCTI's extensions and external references, created by an author identity."""
    author = {"type": "identity", "spec_version": "2.1",
              "id": "identity--c0ffee00-0000-4000-8000-000000000001", "name": "Some TI platform",
              "identity_class": "organization", "created": "2024-01-01T00:00:00.000Z",
              "modified": "2024-01-01T00:00:00.000Z"}
    objects: list[dict[str, object]] = [author]
    for i, extra in enumerate(identities, start=2):
        objects.append({"type": "identity", "spec_version": "2.1",
                        "id": f"identity--c0ffee00-0000-4000-8000-{i:012d}",
                        "created": "2024-02-01T10:11:12.000Z", "modified": "2024-03-01T10:11:12.000Z",
                        "created_by_ref": author["id"], "identity_class": "organization",
                        "confidence": 75, "x_opencti_organization_type": "vendor", **extra})
    return {"type": "bundle", "id": "bundle--c0ffee00-0000-4000-8000-00000000ffff",
            "objects": objects}


def test_a_stix_bundle_naming_europol_and_group_ib_resolves_to_the_demos_partners(
        store: Store, write: Callable[..., Path]) -> None:
    load_demo(store)
    bundle = opencti_bundle(
        {"name": "EUROPOL", "sectors": ["law-enforcement"], "x_opencti_organization_type": "other",
         "description": "European Union Agency for Law Enforcement Cooperation"},
        {"name": "Group-IB", "sectors": ["technology"], "x_opencti_aliases": ["Group IB", "GIB"],
         "external_references": [{"source_name": "website", "url": "https://www.group-ib.com/"}]},
        {"name": "Trend Micro Incorporated", "sectors": ["technology"]},
        {"name": "Shadowserver Foundation", "sectors": ["non-profit"]},
        {"name": "A Vendor Nobody Knew", "sectors": ["technology"]},
    )
    path = write("opencti-export.json", json.dumps(bundle))
    before = len(nodes(store, "Partner", "id"))

    report = import_files(store, [path])

    resolved = {r["source_id"][-2:]: r["partner_id"] for r in report.resolved}
    assert resolved == {"02": "EUROPOL", "03": "GROUP-IB", "04": "TREND-MICRO", "05": "SHADOWSERVER"}
    # The author and the unknown vendor are new; nothing else is.
    assert len(nodes(store, "Partner", "id")) == before + 2
    assert ("EUROPOL", "Europol", "international_org") in nodes(store, "Partner", "id", "name", "kind")


def test_an_ambiguous_partner_stops_the_import_naming_both_until_mapped(
        store: Store, write: Callable[..., Path]) -> None:
    load_demo(store)
    # "EC3" is an alias of Europol's only: not enough to say this is Europol.
    partners = write("partners.csv", "ID,Name,Kind,Country,Aliases\n"
                                     "ec3,European Cybercrime Centre,international_org,NL,EC3\n")
    ties = write("platform_use.csv", "partner_id,platform_id\nec3,SIENA\n")

    with pytest.raises(ImportRejected) as caught:
        import_files(store, [partners, ties])
    by_file = {(e.file, e.column): e.reason for e in caught.value.errors}
    assert "'EUROPOL' (Europol, in the graph: they share the alias 'EC3')" in \
        by_file[("partners.csv", "id")]
    assert "ec3,<partner id>" in by_file[("partners.csv", "id")]
    # The reference says its row was rejected, not "did you mean …".
    assert by_file[("platform_use.csv", "partner_id")] == (
        "the row that defines partner 'ec3' (partners.csv line 2) was rejected; once it is "
        "fixed, this row imports too")

    mapping = write("mapping.csv", "source_id,partner_id\r\nec3,EUROPOL\r\n")
    report = import_files(store, [partners, ties], options=ImportOptions(mapping=mapping))
    assert report.resolved[0]["evidence"] == "the mapping says so (mapping.csv line 2)"
    assert ("EUROPOL", "SIENA") in rels(store, "USES")
    assert "ec3" not in {i for (i,) in nodes(store, "Partner", "id")}


def test_create_anyway_or_a_mapping_to_itself_creates_the_ambiguous_partner(
        store: Store, write: Callable[..., Path]) -> None:
    load_demo(store)
    partners = write("partners.csv", "id,name,kind,aliases\nec3,European Cybercrime Centre,"
                                     "international_org,EC3\n")
    report = import_files(store, [partners], options=ImportOptions(create_anyway=True))
    assert report.counts["partners"]["created"] == 1
    assert any("created as a new partner, as asked" in n.message for n in report.notices)

    other = write("other/partners.csv", "id,name,kind,aliases\nec3b,European Cybercrime Centre "
                                        "(Europol),international_org,EC3\n")
    mapping = write("m.csv", "source_id;partner_id\nec3b;ec3b\n")
    report = import_files(store, [other], options=ImportOptions(mapping=mapping))
    assert report.counts["partners"]["created"] == 1


def test_ids_that_differ_only_in_case_and_names_within_one_import_are_one_partner(
        store: Store, write: Callable[..., Path]) -> None:
    load_demo(store)
    partners = write("partners.csv",
                     "id,name,kind,country,aliases\n"
                     "ci-plcc,PLCC,law_enforcement,CI,Plateforme de lutte contre la cybercriminalite\n"
                     "acme,ACME Threat Intel Ltd,private_sector,GB,\n"
                     "ACME-TI,Acme Threat Intel,private_sector,,ACME TI\n")
    ties = write("platform_use.csv", "partner_id,platform_id\nci-plcc,MISP\nACME-TI,MISP\nacme,SIENA\n")

    report = import_files(store, [partners, ties])

    assert {r["source_id"]: r["partner_id"] for r in report.resolved} == {
        "ci-plcc": "CI-PLCC", "ACME-TI": "acme"}
    ids = {i for (i,) in nodes(store, "Partner", "id")}
    assert "ci-plcc" not in ids and "ACME-TI" not in ids and "acme" in ids
    got = {r[0]: r[1:] for r in nodes(store, "Partner", "id", "aliases", "other_ids")}
    assert got["acme"] == (("ACME TI",), ("ACME-TI",))  # "Acme Threat Intel" is its name
    assert {("CI-PLCC", "MISP"), ("acme", "MISP"), ("acme", "SIENA")} <= rels(store, "USES")


def test_a_dry_run_says_what_would_change_and_which_partners_resolve(
        store: Store, write: Callable[..., Path]) -> None:
    load_demo(store)
    report = import_files(store, EXAMPLE_FILES, options=ImportOptions(
        dry_run=True, ignore_columns=frozenset({"Steward notes"})))
    assert report.status == "validated"
    assert report.counts["partners"] == {"updated": 5, "unchanged": 3}
    assert report.counts["agreements"] == {"created": 5}
    assert len(report.resolved) == 8
    assert "agr-ng-gib" not in {i for (i,) in nodes(store, "Agreement", "id")}


def test_references_to_a_rejected_resolved_row_are_rejected_too(
        store: Store, write: Callable[..., Path]) -> None:
    load_demo(store)
    partners = write("partners.csv", "id,name,kind\nsg-groupib,Group-IB,pirates\n")
    ties = write("platform_use.csv", "partner_id,platform_id\nsg-groupib,MISP\n")

    report = import_files(store, [partners, ties], options=ImportOptions(on_error="skip"))

    assert report.rows_rejected == 2 and report.resolved == []
    assert [e.reason for e in report.errors if e.file == "platform_use.csv"] == [
        "the row that defines partner 'sg-groupib' (partners.csv line 2) was rejected; once "
        "it is fixed, this row imports too"]
    assert ("GROUP-IB", "MISP") not in rels(store, "USES")
