"""STIX 2.1 bundles: mapping of identities, locations, relationships and TLP markings."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.store import Store
from ingest.importer import ImportOptions, ImportRejected, import_files
from ingest.source import SourceRow
from ingest.stix_source import stix_rows
from tests.ingest.conftest import nodes

T = "2023-01-01T00:00:00.000Z"


def identity(n: int, **extra: Any) -> dict[str, Any]:
    return {"type": "identity", "spec_version": "2.1", "created": T, "modified": T,
            "id": f"identity--00000000-0000-4000-8000-{n:012d}", "name": f"Org {n}",
            "identity_class": "organization", **extra}


def rel(n: int, a: int, b: int, **extra: Any) -> dict[str, Any]:
    return {"type": "relationship", "spec_version": "2.1", "created": T, "modified": T,
            "id": f"relationship--00000000-0000-4000-8000-{n:012d}",
            "relationship_type": "cooperates-with",
            "source_ref": f"identity--00000000-0000-4000-8000-{a:012d}",
            "target_ref": f"identity--00000000-0000-4000-8000-{b:012d}", **extra}


def bundle(*objects: dict[str, Any]) -> dict[str, Any]:
    return {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000",
            "objects": list(objects)}


@pytest.mark.parametrize(("extra", "kind"), [
    ({"x_opencti_organization_type": "csirt"}, "cert"),
    ({"sectors": ["government-national"]}, "government"),
    ({"sectors": ["law-enforcement"]}, "law_enforcement"),
    ({"sectors": ["education"]}, "academia"),
    ({"sectors": ["non-profit"]}, "ngo"),
    ({"identity_class": "group"}, "international_org"),
    ({"sectors": ["technology"]}, "private_sector"),
    ({"x_partnergraph_kind": "cert", "sectors": ["technology"]}, "cert"),
])
def test_identity_kind_follows_opencti_type_then_sectors(extra: dict[str, Any], kind: str) -> None:
    [row] = list(stix_rows(bundle(identity(1, **extra)), "b.json"))
    assert isinstance(row, SourceRow) and row.cells["kind"] == kind


@pytest.mark.parametrize(("marking", "tlp"), [
    ("marking-definition--826578e1-40ad-459f-bc73-ede076f81f37", "amber+strict"),
    ("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict"),
    ("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear"),
    ("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "clear"),  # TLP 1.0 WHITE
    ("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red"),
])
def test_tlp_markings_become_the_tlp_field(marking: str, tlp: str) -> None:
    rows = list(stix_rows(bundle(identity(1), identity(2),
                                 rel(3, 1, 2, object_marking_refs=[marking])), "b.json"))
    assert rows[2].cells["tlp"] == tlp  # type: ignore[union-attr]


def test_the_most_restrictive_marking_wins() -> None:
    refs = ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]
    rows = list(stix_rows(bundle(identity(1), identity(2), rel(3, 1, 2, object_marking_refs=refs)),
                          "b.json"))
    assert rows[2].cells["tlp"] == "red"  # type: ignore[union-attr]


def test_invalid_objects_and_individuals_are_rejected_with_a_pointer(store: Store, write) -> None:
    doc = bundle(identity(1), {"type": "identity", "id": "identity--nope", "name": "X"},
                 identity(2, identity_class="individual"))
    with pytest.raises(ImportRejected) as caught:
        import_files(store, [write("b.json", json.dumps(doc))], options=ImportOptions(dry_run=True))
    got = [(e.pointer, e.reason[:39]) for e in caught.value.errors]
    assert got == [("/objects/1", "not a valid STIX 2.1 object: Invalid va"),
                   ("/objects/2", "identity_class 'individual' is not an o")]


def test_relationships_tie_identities_already_in_the_graph(store: Store, write) -> None:
    import_files(store, [write("one.json", json.dumps(bundle(identity(1), identity(2))))])
    later = bundle(rel(3, 1, 2, start_time="2021-06-01T00:00:00Z", revoked=True))
    import_files(store, [write("two.json", json.dumps(later))])
    # Without a description the title names the ends by id (their names are in another bundle).
    assert nodes(store, "Agreement", "kind", "status", "signed_on") == {
        ("cooperation_agreement", "terminated", "2021-06-01")}
    assert len(nodes(store, "Agreement", "id")) == 1
