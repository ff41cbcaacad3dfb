"""STIX 2.1 bundles, parsed object by object with the `stix2` library.

- `identity` (organisation or group) → a partner: id = the STIX id (resolved to the partner
  already in the graph by name, class, aliases and external references: ingest/resolution.py);
  kind from
  `x_partnergraph_kind`, else OpenCTI's `x_opencti_organization_type` (`csirt` → cert),
  else the sectors (government-* → government, law-enforcement → law_enforcement,
  education → academia, non-profit → ngo), else private_sector; sector = first sector;
  aliases from `x_opencti_aliases`.
- `location` → a country (its `country`, normalised to ISO alpha-2); an identity
  `located-at` a location is based in that country.
- any other `relationship` between two identities → an agreement tying both (id = the
  relationship id; signed_on/expires_on from start_time/stop_time; kind from
  `x_partnergraph_agreement_kind`, else data_sharing for `shares-information-with`,
  else cooperation_agreement; status expired once stop_time has passed, terminated when
  revoked, else active).
- TLP markings in `object_marking_refs` (TLP 1.0 and 2.0 ids, OpenCTI's AMBER+STRICT,
  or marking-definitions in the bundle named `TLP:…`) → the tlp field, most restrictive
  wins.
- On identities and relationships: `confidence` → confidence (the same 0–100 scale),
  `external_references` → sources (url; title from description, else source_name and
  external_id), `note` objects whose `object_refs` name them → notes (abstract and content,
  in bundle order), `x_partnergraph_headquarters` (identities) → headquarters.

Objects of other types are read (and so checked) but not imported.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import stix2
from stix2.exceptions import STIXError

from graph.model import TLP
from ingest.countries import UnknownCountry, country_code
from ingest.problems import RowError
from ingest.source import SourceRow
from ingest.transform import STIX_CLASS, STIX_REFERENCES

# Marking-definition ids of the TLP levels: TLP 2.0 (FIRST/OASIS), TLP 1.0 (stix2), and
# OpenCTI's own AMBER+STRICT.
TLP_MARKINGS: dict[str, TLP] = {
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": TLP.CLEAR,
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": TLP.GREEN,
    "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": TLP.AMBER,
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": TLP.AMBER_STRICT,
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": TLP.RED,
    "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37": TLP.AMBER_STRICT,
    stix2.TLP_WHITE.id: TLP.CLEAR,
    stix2.TLP_GREEN.id: TLP.GREEN,
    stix2.TLP_AMBER.id: TLP.AMBER,
    stix2.TLP_RED.id: TLP.RED,
}
_TLP_NAMES = {f"tlp:{t.value}": t for t in TLP} | {"tlp:white": TLP.CLEAR}
REJECT_KEY = "x_reject_reason"


def _partner_kind(obj: Any) -> str:
    if obj.get("x_partnergraph_kind"):
        return str(obj["x_partnergraph_kind"])
    if obj.get("x_opencti_organization_type") == "csirt":
        return "cert"
    sectors = [str(s) for s in obj.get("sectors", []) or []]
    if "law-enforcement" in sectors:
        return "law_enforcement"
    if any(s.startswith("government") for s in sectors):
        return "government"
    if "education" in sectors or "academic" in sectors:
        return "academia"
    if "non-profit" in sectors:
        return "ngo"
    if obj.get("identity_class") == "group":
        return "international_org"
    return "private_sector"


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)[:10]


def _marking_tlp(obj: Any) -> TLP | None:
    name = str(obj.get("name", "") or obj.get("x_opencti_definition", "")).strip().lower()
    if name in _TLP_NAMES:
        return _TLP_NAMES[name]
    definition = obj.get("definition") or {}
    if obj.get("definition_type") == "tlp" and "tlp" in definition:
        return _TLP_NAMES.get(f"tlp:{definition['tlp']}")
    for ext in (obj.get("extensions") or {}).values():
        level = (ext or {}).get("tlp_2_0")
        if level:
            return _TLP_NAMES.get(f"tlp:{level}")
    return None


def stix_rows(doc: dict[str, Any], file: str) -> Iterator[SourceRow | RowError]:
    """The rows of a bundle decoded as a dict."""
    raw_objects = doc.get("objects")
    if not isinstance(raw_objects, list):
        yield RowError(file, 0, "objects", "", "a bundle needs an `objects` list", "/objects")
        return
    yield from object_rows(lambda: ((raw, "") for raw in raw_objects), file)


Objects = Callable[[], Iterable[tuple[Any, str]]]
# The types of object that say something about others: read first.
_ACROSS = frozenset({"marking-definition", "note", "location", "identity", "relationship"})


def _parsed(raw: Any, defect: str) -> tuple[Any, str]:
    """The STIX object (None when it is not one) and its defect."""
    if defect:
        return None, defect
    try:
        return stix2.parse(raw, allow_custom=True, version="2.1"), ""
    except (STIXError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return None, f"not a valid STIX 2.1 object: {exc}"


def object_rows(objects: Objects, file: str) -> Iterator[SourceRow | RowError]:
    """The rows of a bundle whose `objects()` gives each object as read, with a defect
    found in reading it (or ""). Read twice, each object parsed once per reading: first
    for what applies across objects (markings, notes, countries, names), then for the rows;
    memory holds what the first reading keeps, not the objects."""
    markings = dict(TLP_MARKINGS)
    countries: dict[str, str] = {}
    names: dict[str, str] = {}
    located_at: list[tuple[str, str]] = []
    notes: dict[str, list[str]] = {}
    for raw, defect in objects():
        if not isinstance(raw, dict) or raw.get("type") not in _ACROSS:
            continue  # (checked in the second reading)
        obj, defect = _parsed(raw, defect)
        if obj is None:
            continue
        if obj["type"] == "marking-definition" and (level := _marking_tlp(obj)):
            markings[obj["id"]] = level
        if obj["type"] == "note":
            text = "\n\n".join(str(t) for t in (obj.get("abstract"), obj.get("content")) if t)
            for ref in obj.get("object_refs", []):
                notes.setdefault(ref, []).append(text)
        if obj["type"] == "location" and obj.get("country"):
            try:
                countries[obj["id"]] = country_code(str(obj["country"]))
            except UnknownCountry:
                pass  # the second reading rejects it
        elif obj["type"] == "identity":
            names[obj["id"]] = obj["name"]
        elif obj["type"] == "relationship" and obj["relationship_type"] == "located-at":
            located_at.append((obj["source_ref"], obj["target_ref"]))
    located = {source: countries[target] for source, target in located_at if target in countries}

    now = dt.datetime.now(dt.UTC)
    for i, (raw, defect) in enumerate(objects()):
        pointer = f"/objects/{i}"
        obj, defect = _parsed(raw, defect)
        if obj is None:
            kind = ("agreements" if isinstance(raw, dict) and raw.get("type") == "relationship"
                    else "partners")
            yield SourceRow(file, 0, kind, {}, raw, pointer, defect=defect)
            continue
        if obj["type"] == "location" and obj.get("country"):
            try:
                country_code(str(obj["country"]))
            except UnknownCountry as exc:
                defect = f"country {obj['country']!r}: {exc}"
        tlp = _tlp(obj, markings)
        if obj["type"] == "identity":
            cls = obj.get("identity_class")
            defect = "" if cls in (None, "organization", "group", "class") else (
                f"identity_class {cls!r} is not an organisation; only organisations and "
                "groups are partners")
            sectors = list(obj.get("sectors", []) or [])
            cells = {"id": obj["id"], "name": obj["name"], "kind": _partner_kind(obj),
                     "country": located.get(obj["id"]) or obj.get("x_partnergraph_country"),
                     "sector": sectors[0] if sectors else None,
                     "aliases": list(obj.get("x_opencti_aliases", []) or []),
                     "description": obj.get("description"), "source": file,
                     "headquarters": obj.get("x_partnergraph_headquarters"),
                     STIX_CLASS: cls, STIX_REFERENCES: _references(obj),
                     **_sourcing(obj, notes)}
            yield SourceRow(file, 0, "partners", cells, raw, pointer, defect=defect)
        elif obj["type"] == "relationship" and obj["relationship_type"] != "located-at":
            src, tgt = obj["source_ref"], obj["target_ref"]
            if not (src.startswith("identity--") and tgt.startswith("identity--")):
                continue  # relationships between other objects are not partnerships
            stop = obj.get("stop_time")
            status = ("terminated" if obj.get("revoked") else
                      "expired" if stop is not None and stop < now else "active")
            rtype = obj["relationship_type"]
            kind = obj.get("x_partnergraph_agreement_kind") or (
                "data_sharing" if rtype == "shares-information-with" else "cooperation_agreement")
            title = obj.get("description") or (
                f"{names.get(src, src)} {rtype.replace('-', ' ')} {names.get(tgt, tgt)}")
            cells = {"id": obj["id"], "title": title[:300], "kind": kind, "status": status,
                     "signed_on": _day(obj.get("start_time")),
                     "expires_on": _day(stop), "tlp": tlp.value if tlp else None,
                     "source": file, **_sourcing(obj, notes),
                     "parties": [{"partner": src}, {"partner": tgt}]}
            yield SourceRow(file, 0, "agreements", cells, raw, pointer, defect=defect)
        elif defect:
            yield SourceRow(file, 0, "partners", {}, raw, pointer, defect=defect)


def _sourcing(obj: Any, notes: dict[str, list[str]]) -> dict[str, Any]:
    """confidence, sources (external references) and notes of an object, as cells."""
    sources = []
    for ref in obj.get("external_references", []) or []:
        title = ref.get("description") or " ".join(
            str(p) for p in (ref.get("source_name"), ref.get("external_id")) if p)
        sources.append({k: v for k, v in (("url", ref.get("url")), ("title", title)) if v})
    return {"confidence": obj.get("confidence"), "sources": sources or None,
            "notes": "\n\n".join(notes[obj["id"]]) if obj["id"] in notes else None}


def _references(obj: Any) -> tuple[str, ...]:
    """The ids and urls of an identity's external references, for resolution: one that
    names a partner's id (or an id recorded on it) or its website says which it is."""
    out: list[str] = []
    for ref in obj.get("external_references", []) or []:
        for key in ("external_id", "url"):
            if value := ref.get(key):
                out.append(str(value))
    return tuple(out)


def _tlp(obj: Any, markings: dict[str, TLP]) -> TLP | None:
    levels = [markings[m] for m in obj.get("object_marking_refs", []) or [] if m in markings]
    return max(levels, key=lambda t: t.rank) if levels else None


def write_stix_rejects(rejected: Iterable[tuple[SourceRow, list[RowError]]], path: Path) -> None:
    """A bundle of the rejected objects as read, each with `x_reject_reason`."""
    objects = []
    for row, errors in rejected:
        obj = dict(row.raw) if isinstance(row.raw, dict) else {"raw": row.raw}
        obj[REJECT_KEY] = "; ".join(f"{e.column}: {e.reason}" for e in errors)
        objects.append(obj)
    bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}
    path.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
