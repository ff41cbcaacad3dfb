"""The "transform" and "validate" steps: one source row into typed records, or its errors.

Pure apart from the resolver it is given: the first pass (`scan`) only records what a row
defines and refers to; the second (`transform`) builds the records and reports every
problem of the row at once, each naming its column, value and reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from graph import text_checks
from graph.model import (
    TLP,
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    Outcome,
    Partner,
    Platform,
    PlatformUse,
    Record,
)
from ingest.countries import UnknownCountry, country_code
from ingest.dates import BadDate, DateOrder, is_iso, read_date
from ingest.formats import COLUMNS, DATE_COLUMNS, LIST_SEPARATOR
from ingest.problems import Notice, RowError
from ingest.resolution import PartnerFacts, merge_partner
from ingest.resolve import Definitions, Origin, Resolver, UnresolvedReference
from ingest.source import SourceRow

_LISTS = {"aliases", "scope", "objectives", "focus"}
_ENUMS = {"kind", "status", "role", "scope", "focus"}
_OUTCOMES = {o.value for o in Outcome}
# The same checks as edits (graph/text_checks.py), inlined on the hot path below.
_TEXT_MAX = text_checks.TEXT_MAX
_FORMULA = text_checks.FORMULA
_FORMULA_FIRST = text_checks.FORMULA_FIRST
_CONTROL = text_checks.CONTROL
_PARTY_DETAIL = re.compile(
    r"^(?P<name>.+?)\s*\((?P<detail>\s*(?:signed|ratified|role)\s*[:=]?\s*[^,()]+"
    r"(?:,\s*(?:signed|ratified|role)\s*[:=]?\s*[^,()]+)*)\)\s*$", re.IGNORECASE)
_SPLIT = re.compile(rf"[{re.escape(LIST_SEPARATOR)}\n]")
_TLP_ALIASES = {"white": TLP.CLEAR, "amber_strict": TLP.AMBER_STRICT, "amberstrict": TLP.AMBER_STRICT}

MODELS: dict[str, type[Record]] = {
    "partners": Partner, "objectives": Objective, "platforms": Platform,
    "agreements": Agreement, "agreement_parties": AgreementParty, "activities": Activity,
    "activity_participants": ActivityParticipant, "platform_use": PlatformUse,
}
LABEL_OF = {"partners": "Partner", "objectives": "Objective", "platforms": "Platform",
            "agreements": "Agreement", "activities": "Activity"}


class RowInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


@dataclass
class Transformed:
    records: list[Record] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


# --- cells -------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    return text or None


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if _text(v) is not None or isinstance(v, dict)]
    return [v.strip() for v in _SPLIT.split(str(value)) if v.strip()]


def _enum(value: str) -> str:
    v = value.strip().lower()
    # An identifier holds no space or hyphen: most cells, and the substitution would not change them.
    return v if v.isidentifier() else re.sub(r"[\s\-]+", "_", v)


def _tlp(value: str) -> str:
    v = _enum(value)
    v = v.removeprefix("tlp:").removeprefix("tlp_")
    return _TLP_ALIASES.get(v, v)


def derived_agreement_id(title: str) -> str:
    """A stable id for an agreement given without one (the stewards' layout)."""
    return "agr-" + hashlib.sha256(re.sub(r"\s+", " ", title).strip().casefold().encode()).hexdigest()[:12]


def row_id(row: SourceRow) -> str | None:
    """The id a row defines (agreements without an id get one derived from the title)."""
    given = _text(row.cells.get("id"))
    if given is None and row.kind == "agreements":
        title = _text(row.cells.get("title"))
        return derived_agreement_id(title) if title else None
    return given


# --- first pass ----------------------------------------------------------------------------


def scan(row: SourceRow, defs: Definitions) -> None:
    """Record the ids this row defines and the ids it refers to (no validation)."""
    origin = Origin(row.file, row.line, row.pointer)
    label = LABEL_OF.get(row.kind)
    if row.kind == "partners":
        defs.define_partner(partner_facts(row, origin), origin)
    elif label:
        defs.define(label, row_id(row) or "", origin)
    cells = row.cells
    for column, target in (("agreement_id", "Agreement"), ("activity_id", "Activity"),
                           ("platform_id", "Platform"), ("partner_id", "Partner")):
        if (v := _text(cells.get(column))) is not None:
            defs.refer(target, v)
    for v in _items(cells.get("objectives")):
        defs.refer("Objective", str(v).strip())
    for column in ("parties", "participants"):
        for entry in _items(cells.get(column)):
            ref = entry.get("partner") if isinstance(entry, dict) else str(entry)
            if ref:
                defs.refer("Partner", str(ref).strip())


def partner_facts(row: SourceRow, origin: Origin) -> PartnerFacts:
    """What resolution compares of a partners row, read leniently (the row is validated
    later; a cell that does not read here counts as not given)."""
    cells = row.cells
    country = _text(cells.get("country"))
    if country is not None:
        try:
            country = country_code(country)
        except UnknownCountry:
            country = None
    return PartnerFacts(
        _text(cells.get("id")) or "", _text(cells.get("name")) or "",
        tuple(str(v) for v in _items(cells.get("aliases")) if isinstance(v, str)),
        country, _text(cells.get("website")), (),
        cells.get(STIX_CLASS),
        tuple(cells.get(STIX_REFERENCES) or ()), str(origin))


# Cells a STIX identity's row carries for resolution only (ingest/stix_source.py); names that
# start with "_" are never fields.
STIX_CLASS = "_identity_class"
STIX_REFERENCES = "_external_references"


def names_needed(resolver: Resolver) -> bool:
    """Whether `transform` may look a partner up by name (and so read the graph's names):
    unless every partner reference scanned is, as scanned, the id of a known partner. A
    party with details (`Name (signed …)`) is looked up by its name part, and a JSON
    true/false is scanned as `True`/`False` but looked up as `true`/`false`."""
    return any("(" in ref or ref in ("True", "False") or not resolver.exists("Partner", ref)
               for ref in resolver.defs.refs["Partner"])


# --- second pass -----------------------------------------------------------------------------


@dataclass
class _Row:
    """Collects the errors and notices of one row while it is transformed."""

    row: SourceRow
    dates: DateOrder | None = None  # how numeric dates are written (--date-order)
    errors: list[RowError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def error(self, column: str, value: object, reason: str) -> None:
        self.errors.append(self.row.error(column, value, reason))

    def notice(self, column: str, value: object, message: str) -> None:
        self.notices.append(Notice(self.row.file, self.row.line, column, str(value), message,
                                   self.row.pointer))

    def validate(self, model: type[Record], data: dict[str, Any],
                 columns: Callable[[tuple[Any, ...]], str] | None = None) -> Record | None:
        try:  # the validator itself: model_validate adds only argument checks
            return model.__pydantic_validator__.validate_python(data)
        except ValidationError as exc:
            for e in exc.errors():
                loc = tuple(e["loc"])
                column = columns(loc) if columns else _column(loc)
                value = e.get("input", "")
                if not loc:  # a rule across fields: name the field it is about
                    msg = str(e["msg"]).removeprefix("Value error, ")
                    column = next((f for f in data if msg.startswith(f + " ")), "(row)")
                    value = data.get(column, "")
                if isinstance(value, dict):
                    value = ""
                if any(err.column == column for err in self.errors):
                    continue  # one reason per cell is enough
                self.error(column, value, str(e["msg"]).removeprefix("Value error, "))
            return None


def _column(loc: tuple[Any, ...]) -> str:
    if loc and loc[0] == "outcomes" and len(loc) > 1:
        return str(loc[1])
    return str(loc[0]) if loc else "(row)"


def _fields(r: _Row, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Cells to model fields: empty cells dropped, lists split, enums and TLP normalised."""
    data: dict[str, Any] = {}
    outcomes: dict[str, Any] = {}
    for column, raw in r.row.cells.items():
        if column in skip or column[:1] == "_":
            continue
        if type(raw) is str and column not in _LISTS:  # CSV cells: the common case first
            text = raw.strip()
            if not text:
                continue
            # What _text_field does, without its checks' calls when none can fail.
            if len(text) <= _TEXT_MAX and text[:1] not in _FORMULA_FIRST and text.isprintable() \
                    and (column in _PLAIN or column in _ENUMS
                         or (column in DATE_COLUMNS and is_iso(text))):
                data[column] = _enum(text) if column in _ENUMS else text
            else:
                _text_field(r, data, outcomes, column, raw, text)
            continue
        if column in _LISTS:
            items = [_text(v) for v in _items(raw)]
            values = [v for v in items if v is not None]
            for v in values:
                _check_formula(r, column, v)
            if values:
                data[column] = [_enum(v) if column in _ENUMS else v for v in values]
            continue
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and column in _OUTCOMES:
            outcomes[column] = raw
            continue
        if isinstance(raw, dict) and column == "outcomes":
            outcomes.update(raw)
            continue
        text = _text(raw)
        if text is None:
            continue
        _text_field(r, data, outcomes, column, raw, text)
    if outcomes:
        data["outcomes"] = outcomes
    return data


# Columns whose text is kept as given (`_text_field`'s last branch): most cells.
_PLAIN = frozenset(c for columns in COLUMNS.values() for c in columns) \
    - _LISTS - _ENUMS - _OUTCOMES - DATE_COLUMNS - {"tlp", "binding"}
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _text_field(r: _Row, data: dict[str, Any], outcomes: dict[str, Any], column: str,
                raw: Any, text: str) -> None:
    """One non-empty single-valued cell (stripped to `text`) into `data` or `outcomes`."""
    if len(text) > _TEXT_MAX:
        r.error(column, text, f"longer than {_TEXT_MAX} characters")
        return
    _check_formula(r, column, text)  # reported; the value stays so no second error follows
    if not text.isprintable() and (bad := _CONTROL.search(text)):
        r.error(column, text.encode("unicode_escape").decode(),
                f"contains control character U+{ord(bad.group()):04X}")
    if column in _OUTCOMES:
        outcomes[column] = text
    elif column == "tlp":
        data[column] = _tlp(text)
        if _enum(text) in ("white", "tlp:white"):
            r.notice(column, text, "TLP:WHITE is TLP 2.0 CLEAR; stored as clear")
    elif column in _ENUMS:
        data[column] = _enum(text)
    elif column == "binding" and isinstance(raw, str):
        data[column] = _BOOLEANS.get(text.lower(), text)
    elif column in DATE_COLUMNS:
        if (iso := _date(r, column, text)) is not None:
            data[column] = iso
    else:
        data[column] = raw if isinstance(raw, bool) else text


def _date(r: _Row, column: str, text: str) -> str | None:
    """A date cell as the ISO partial date it stands for (ingest/dates.py), reported when
    it was written otherwise; None (and an error) when it cannot be read."""
    if is_iso(text):
        return text
    try:
        iso = read_date(text, r.dates)
    except BadDate as exc:
        r.error(column, text, str(exc))
        return None
    r.notice(column, text, f"date {text!r} read as {iso}")
    return iso


def _check_formula(r: _Row, column: str, text: str) -> bool:
    if text[:1] in _FORMULA_FIRST and _FORMULA.match(text):
        r.error(column, text, "looks like a spreadsheet formula (starts with "
                f"{text[0]!r}); remove the leading character")
        return True
    return False


def _country(r: _Row, data: dict[str, Any]) -> None:
    given = data.get("country")
    if given is None:
        return
    try:
        code = country_code(str(given))
    except UnknownCountry as exc:
        r.error("country", given, str(exc))
        data.pop("country")
        return
    if code != given:
        r.notice("country", given, f"country {given!r} normalised to {code!r}")
    data["country"] = code


def _partner_ref(r: _Row, resolver: Resolver, column: str, value: str,
                 countries: bool = False) -> str | None:
    try:
        pid, note = resolver.partner(value, countries=countries)
    except UnresolvedReference as exc:
        r.error(column, value, str(exc))
        return None
    if note:
        r.notice(column, value, note)
    return pid


def _require(r: _Row, resolver: Resolver, label: str, column: str, value: str | None) -> None:
    if not value:
        return
    if why := resolver.rejected(label, value):
        r.error(column, value, why)
    elif not resolver.exists(label, value):
        r.error(column, value, f"no {label.lower()} with this id in this import or the graph")


def _duplicate(r: _Row, resolver: Resolver, label: str, id_: str | None) -> None:
    if not id_:
        return
    first = resolver.defs.first[label].get(id_)
    here = Origin(r.row.file, r.row.line, r.row.pointer)
    if first is not None and first != here:
        r.error("id", id_, f"duplicate id: first defined at {first}")


def _parties(r: _Row, resolver: Resolver, column: str, countries: bool) -> list[dict[str, Any]]:
    """Inline parties: `Name (signed 2001-11-23, ratified 2004, role depositary); Other`."""
    out = []
    for entry in _items(r.row.cells.get(column)):
        if isinstance(entry, dict):
            detail = {k: v for k, v in entry.items() if k != "partner"}
            ref = _text(entry.get("partner"))
            if ref is None:
                r.error(column, entry, "a party needs `partner` (an id, name, alias or country)")
                continue
        else:
            ref, detail = str(entry), {}
            if m := _PARTY_DETAIL.match(ref):
                ref = m["name"]
                for part in m["detail"].split(","):
                    d = re.match(r"(signed|ratified|role)\s*[:=]?\s*(.+)", part.strip(), re.I)
                    if d:
                        key = d[1].lower()
                        value = d[2].strip()
                        if key in ("signed", "ratified"):
                            value = _date(r, f"{column}[{m['name']}].{key}_on", value) or ""
                        detail[{"signed": "signed_on", "ratified": "ratified_on"}.get(key, key)] = value
        if _check_formula(r, column, ref):
            continue
        pid = _partner_ref(r, resolver, column, ref, countries)
        if pid:
            out.append({"partner_id": pid, "entry": ref, **{k: _enum(v) if k == "role" else v
                                                           for k, v in detail.items() if v}})
    return out


def _partner(r: _Row, resolver: Resolver, rec: Partner | None) -> list[Record]:
    """The record a partners row writes, after resolution (ingest/resolution.py): its own;
    the graph partner it resolved to, with what it adds; or none, when another row writes
    the partner it resolved to. Errors for a row resolution found ambiguous."""
    res = resolver.resolution
    rid = row_id(r.row) or ""
    if rid in res.ambiguous:
        r.error("id", rid, f"{rid!r} may already be in the graph: {res.ambiguous[rid]}")
        return []
    if rec is None:
        return []
    extra = [name for source, names in res.extra_names.get(rec.id, ())
             if source not in resolver.defs.invalid["Partner"] for name in names]
    to = res.target.get(rid)
    if to is None:
        if rid in res.created_anyway:
            r.notice("id", rid, f"created as a new partner, as asked, though it resembles "
                     f"{res.created_anyway[rid]}")
        if not extra:
            return [rec]
        try:
            return [merge_partner(rec.model_dump(), rec, extra).record]
        except ValidationError as exc:
            r.error("aliases", "", f"the names of rows resolved to {rec.id!r} do not fit its "
                    f"aliases: {exc.errors()[0]['msg']}")
            return []
    why = "; ".join(res.evidence.get(rid, ()))
    if rid not in res.carrier:  # another row writes that partner
        if reason := resolver.rejected("Partner", to):
            r.error("id", rid, f"resolves to partner {to!r} ({why}), but {reason}")
            return []
        r.notice("id", rid, f"partner {rid!r} resolved to {to!r} ({why}); its name and "
                 f"aliases join {to!r}'s, and references to {rid!r} in this import go to {to!r}")
        return []
    try:
        merged = merge_partner(resolver.stored.get(to, {"id": to}), rec, extra)
    except ValidationError as exc:
        r.error("id", rid, f"resolves to partner {to!r} ({why}), but the two records do not "
                f"merge: {exc.errors()[0]['msg']}")
        return []
    said = [f"partner {rid!r} resolved to the existing partner {to!r} "
            f"({merged.record.name}): {why}"]
    if merged.added:
        said.append(f"aliases added: {', '.join(merged.added)}")
    if merged.filled:
        said.append(f"empty fields filled: {', '.join(merged.filled)}")
    if merged.kept:
        said.append("the graph's values kept: " + ", ".join(
            f"{f} {mine!r} (the row: {theirs!r})" for f, mine, theirs in merged.kept))
    said.append(f"references to {rid!r} in this import go to {to!r}")
    r.notice("id", rid, "; ".join(said))
    return [merged.record]


_TIE_KEYS: dict[type[Record], tuple[str, str]] = {
    AgreementParty: ("agreement_id", "partner_id"),
    ActivityParticipant: ("activity_id", "partner_id"),
    PlatformUse: ("platform_id", "partner_id"),
}


def _duplicate_ties(r: _Row, resolver: Resolver, records: list[Record]) -> None:
    here = None
    for rec in records:
        keys = _TIE_KEYS.get(type(rec))
        if keys is None:
            continue
        here = here or Origin(r.row.file, r.row.line, r.row.pointer)
        key = (type(rec).__name__, getattr(rec, keys[0]), getattr(rec, keys[1]))
        first = resolver.ties.setdefault(key, here)
        if first != here or key in r.seen:
            r.error(keys[1], key[2], f"{key[2]!r} is tied to {key[1]!r} twice "
                    f"(first at {first})")
        r.seen.add(key)


_TIE_TARGET = {"agreement_parties": ("Agreement", "agreement_id"),
               "activity_participants": ("Activity", "activity_id"),
               "platform_use": ("Platform", "platform_id")}


def transform(row: SourceRow, resolver: Resolver, dates: DateOrder | None = None) -> Transformed:
    """Records for one row; raises RowInvalid with every problem found in it. `dates`: how
    the files write numeric dates (day, month or year first), when they say."""
    r = _Row(row, dates)
    if row.defect:
        r.error("(row)", "", row.defect)
        raise RowInvalid(r.errors)
    records: list[Record] = []
    kind = row.kind
    label = LABEL_OF.get(kind)
    if label:
        _duplicate(r, resolver, label, row_id(row))

    if kind == "partners":
        data = _fields(r)
        _country(r, data)
        rec = r.validate(Partner, data)
        records += _partner(r, resolver, rec)
    elif kind in ("objectives", "platforms"):
        rec = r.validate(MODELS[kind], _fields(r))
        records += [rec] if rec else []
    elif kind == "agreements":
        data = _fields(r, skip=frozenset({"parties"}))
        if "id" not in data and data.get("title"):
            data["id"] = row_id(row)
        for o in data.get("objectives", []):
            _require(r, resolver, "Objective", "objectives", o)
        rec = r.validate(Agreement, data)
        records += [rec] if rec else []
        # Parties are read even when the agreement is not valid: every problem in one pass.
        parties = _parties(r, resolver, "parties", countries=True)
        if rec is not None:
            for p in parties:
                entry = p.pop("entry")
                tie = r.validate(AgreementParty, {"agreement_id": rec.id, **p},
                                 columns=lambda loc, e=entry: f"parties[{e}].{loc[0] if loc else ''}")
                records += [tie] if tie else []
    elif kind == "activities":
        data = _fields(r, skip=frozenset({"participants"}))
        for o in data.get("objectives", []):
            _require(r, resolver, "Objective", "objectives", o)
        rec = r.validate(Activity, data)
        records += [rec] if rec else []
        participants = _parties(r, resolver, "participants", countries=False)
        if rec is not None:
            for p in participants:
                entry = p.pop("entry")
                p.pop("signed_on", None), p.pop("ratified_on", None)
                tie = r.validate(ActivityParticipant, {"activity_id": rec.id, **p},
                                 columns=lambda loc, e=entry: f"participants[{e}].{loc[0] if loc else ''}")
                records += [tie] if tie else []
    elif kind in _TIE_TARGET:
        data = _fields(r)
        target, column = _TIE_TARGET[kind]
        _require(r, resolver, target, column, data.get(column))
        if "partner_id" in data:
            pid = _partner_ref(r, resolver, "partner_id", data["partner_id"],
                               countries=kind == "agreement_parties")
            if pid:
                data["partner_id"] = pid
            else:  # already reported; the model's "required" would only repeat it
                data.pop("partner_id")
        rec = r.validate(MODELS[kind], data)
        records += [rec] if rec else []
    else:  # pragma: no cover - sources only yield known kinds
        r.error("(row)", kind, "unknown kind of row")
    _duplicate_ties(r, resolver, records)
    if r.errors:
        raise RowInvalid(r.errors)
    return Transformed(records, r.notices)
