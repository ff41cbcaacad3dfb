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
from dataclasses import dataclass, field
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
def _parsed(raw: Any, defect: str) -> tuple[Any, str]:
    """The STIX object (None when it is not one) and its defect."""
    if defect:
        return None, defect
    try:
        return stix2.parse(raw, allow_custom=True, version="2.1"), ""
    except (STIXError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return None, f"not a valid STIX 2.1 object: {exc}"


@dataclass(frozen=True)
class _Across:
    """What the first reading of a bundle keeps: what applies across objects."""

    markings: dict[str, TLP] = field(default_factory=lambda: dict(TLP_MARKINGS))
    countries: dict[str, str] = field(default_factory=dict)  # location id → ISO code
    names: dict[str, str] = field(default_factory=dict)  # identity id → name
    located_at: list[tuple[str, str]] = field(default_factory=list)  # (identity, location)
    notes: dict[str, list[str]] = field(default_factory=dict)  # object id → note texts


def _keep_marking(obj: Any, across: _Across) -> None:
    if level := _marking_tlp(obj):
        across.markings[obj["id"]] = level


def _keep_note(obj: Any, across: _Across) -> None:
    text = "\n\n".join(str(t) for t in (obj.get("abstract"), obj.get("content")) if t)
    for ref in obj.get("object_refs", []):
        across.notes.setdefault(ref, []).append(text)


def _keep_location(obj: Any, across: _Across) -> None:
    if not obj.get("country"):
        return
    try:
        across.countries[obj["id"]] = country_code(str(obj["country"]))
    except UnknownCountry:
        pass  # the second reading rejects it


def _keep_name(obj: Any, across: _Across) -> None:
    across.names[obj["id"]] = obj["name"]


def _keep_located_at(obj: Any, across: _Across) -> None:
    if obj["relationship_type"] == "located-at":
        across.located_at.append((obj["source_ref"], obj["target_ref"]))


# What the first reading keeps of each type of object that says something about others.
_KEEP: dict[str, Callable[[Any, _Across], None]] = {
    "marking-definition": _keep_marking, "note": _keep_note, "location": _keep_location,
    "identity": _keep_name, "relationship": _keep_located_at,
}


def _across(objects: Objects) -> _Across:
    """The first reading: markings, notes, countries, names and located-at ties."""
    across = _Across()
    for raw, defect in objects():
        if not isinstance(raw, dict) or raw.get("type") not in _KEEP:
            continue  # (checked in the second reading)
        obj, defect = _parsed(raw, defect)
        if obj is not None:
            _KEEP[obj["type"]](obj, across)
    return across


@dataclass(frozen=True)
class _Bundle:
    """What the second reading needs to make an object's row."""

    file: str
    markings: dict[str, TLP]
    names: dict[str, str]
    located: dict[str, str]  # identity id → ISO code of the country it is located at
    notes: dict[str, list[str]]
    now: dt.datetime

    @classmethod
    def of(cls, across: _Across, file: str) -> _Bundle:
        located = {source: across.countries[target] for source, target in across.located_at
                   if target in across.countries}
        return cls(file, across.markings, across.names, located, across.notes,
                   dt.datetime.now(dt.UTC))


def _identity_row(obj: Any, raw: Any, pointer: str, bundle: _Bundle) -> SourceRow | None:
    cls = obj.get("identity_class")
    defect = "" if cls in (None, "organization", "group", "class") else (
        f"identity_class {cls!r} is not an organisation; only organisations and "
        "groups are partners")
    sectors = list(obj.get("sectors", []) or [])
    cells = {"id": obj["id"], "name": obj["name"], "kind": _partner_kind(obj),
             "country": bundle.located.get(obj["id"]) or obj.get("x_partnergraph_country"),
             "sector": sectors[0] if sectors else None,
             "aliases": list(obj.get("x_opencti_aliases", []) or []),
             "description": obj.get("description"), "source": bundle.file,
             "headquarters": obj.get("x_partnergraph_headquarters"),
             STIX_CLASS: cls, STIX_REFERENCES: _references(obj),
             **_sourcing(obj, bundle.notes)}
    return SourceRow(bundle.file, 0, "partners", cells, raw, pointer, defect=defect)


def _agreement_status(obj: Any, now: dt.datetime) -> str:
    if obj.get("revoked"):
        return "terminated"
    stop = obj.get("stop_time")
    return "expired" if stop is not None and stop < now else "active"


def _agreement_title(obj: Any, names: dict[str, str]) -> str:
    if obj.get("description"):
        return str(obj["description"])
    src, tgt, rtype = obj["source_ref"], obj["target_ref"], obj["relationship_type"]
    return f"{names.get(src, src)} {rtype.replace('-', ' ')} {names.get(tgt, tgt)}"


def _relationship_row(obj: Any, raw: Any, pointer: str, bundle: _Bundle) -> SourceRow | None:
    src, tgt = obj["source_ref"], obj["target_ref"]
    if obj["relationship_type"] == "located-at":
        return None  # read in the first reading: where an identity is based
    if not (src.startswith("identity--") and tgt.startswith("identity--")):
        return None  # relationships between other objects are not partnerships
    kind = obj.get("x_partnergraph_agreement_kind") or (
        "data_sharing" if obj["relationship_type"] == "shares-information-with"
        else "cooperation_agreement")
    tlp = _tlp(obj, bundle.markings)
    cells = {"id": obj["id"], "title": _agreement_title(obj, bundle.names)[:300], "kind": kind,
             "status": _agreement_status(obj, bundle.now),
             "signed_on": _day(obj.get("start_time")),
             "expires_on": _day(obj.get("stop_time")), "tlp": tlp.value if tlp else None,
             "source": bundle.file, **_sourcing(obj, bundle.notes),
             "parties": [{"partner": src}, {"partner": tgt}]}
    return SourceRow(bundle.file, 0, "agreements", cells, raw, pointer)


def _location_row(obj: Any, raw: Any, pointer: str, bundle: _Bundle) -> SourceRow | None:
    """A location is no row of its own: only one naming an unknown country is rejected."""
    if not obj.get("country"):
        return None
    try:
        country_code(str(obj["country"]))
    except UnknownCountry as exc:
        return SourceRow(bundle.file, 0, "partners", {}, raw, pointer,
                         defect=f"country {obj['country']!r}: {exc}")
    return None


# The row each type of object makes (other types are read, and so checked, but not imported).
_ROWS: dict[str, Callable[[Any, Any, str, _Bundle], SourceRow | None]] = {
    "identity": _identity_row, "relationship": _relationship_row, "location": _location_row,
}


def _object_row(raw: Any, defect: str, pointer: str, bundle: _Bundle) -> SourceRow | None:
    obj, defect = _parsed(raw, defect)
    if obj is None:
        kind = ("agreements" if isinstance(raw, dict) and raw.get("type") == "relationship"
                else "partners")
        return SourceRow(bundle.file, 0, kind, {}, raw, pointer, defect=defect)
    make = _ROWS.get(obj["type"])
    return make(obj, raw, pointer, bundle) if make else None


def object_rows(objects: Objects, file: str) -> Iterator[SourceRow | RowError]:
    """The rows of a bundle whose `objects()` gives each object as read, with a defect
    found in reading it (or ""). Read twice, each object parsed once per reading: first
    for what applies across objects (markings, notes, countries, names), then for the rows;
    memory holds what the first reading keeps, not the objects."""
    bundle = _Bundle.of(_across(objects), file)
    for i, (raw, defect) in enumerate(objects()):
        row = _object_row(raw, defect, f"/objects/{i}", bundle)
        if row is not None:
            yield row


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
