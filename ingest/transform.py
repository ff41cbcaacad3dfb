"""The "transform" and "validate" steps: one source row into typed records, or its errors.

Pure apart from the resolver it is given: the first pass (`scan`) only records what a row
defines and refers to; the second (`transform`) builds the records and reports every
problem of the row at once, each naming its column, value and reason.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import ValidationError

from graph import text_checks
from graph.figures import LEGACY_NAMES, MONEY, Figure, NotAFigure, Outcome, from_document
from graph.model import (
    TLP,
    TREATY_KINDS,
    Activity,
    ActivityParticipant,
    Agreement,
    AgreementParty,
    Objective,
    ParticipantRole,
    Partner,
    Platform,
    PlatformUse,
    Record,
    participant_roles,
)
from ingest.countries import UnknownCountry, country_code
from ingest.dates import BadDate, DateOrder, is_iso, read_date
from ingest.formats import COLUMNS, DATE_COLUMNS, FIGURE_COLUMNS, LIST_SEPARATOR
from ingest.problems import Notice, RowError
from ingest.resolution import PartnerFacts, merge_partner
from ingest.resolve import Definitions, Origin, Resolver, UnresolvedReference
from ingest.source import SourceRow

R = TypeVar("R", bound=Record)

_LISTS = {"aliases", "scope", "objectives", "focus"}
_ENUMS = {"kind", "status", "role", "scope", "focus", "consent"}
_FIGURES = frozenset(FIGURE_COLUMNS) | LEGACY_NAMES.keys()
_VOCABULARY = [o.value for o in Outcome]
# The same checks as edits (graph/text_checks.py), inlined on the hot path below.
_TEXT_MAX = text_checks.TEXT_MAX
_FORMULA = text_checks.FORMULA
_FORMULA_FIRST = text_checks.FORMULA_FIRST
_CONTROL = text_checks.CONTROL
# Details in parentheses after a party or participant (the stewards' layout).
_CONSENT_WORDS = {"ratified": "ratification", "acceded": "accession", "accepted": "acceptance",
                  "approved": "approval", "succeeded": "succession"}
_DETAIL_KEY = (r"(?:signed|ratified|acceded|accepted|approved|succeeded|in\s+force|role|consent"
               r"|confidence)")
_DETAIL_PART = rf"(?:{_DETAIL_KEY}\s*[:=]?\s*[^,()]+|invited)"
_PARTY_DETAIL = re.compile(
    rf"^(?P<name>.+?)\s*\((?P<detail>\s*{_DETAIL_PART}(?:\s*,\s*{_DETAIL_PART})*\s*)\)\s*$",
    re.IGNORECASE)
_DETAIL = re.compile(rf"^(?P<key>{_DETAIL_KEY})\s*[:=]?\s*(?P<value>.+)$", re.IGNORECASE)
_SPLIT = re.compile(rf"[{re.escape(LIST_SEPARATOR)}\n]")
_TLP_ALIASES = {"white": TLP.CLEAR, "amber_strict": TLP.AMBER_STRICT, "amberstrict": TLP.AMBER_STRICT}
_OPEN_END = {"open", "ongoing", "present"}
# A source cell's entry: `Title https://… (published 2024-05-01)`, each part optional.
_URL = re.compile(r"https?://\S+")
_PUBLISHED = re.compile(r"\(\s*published\s*[:=]?\s*(?P<date>[^()]+?)\s*\)\s*$", re.IGNORECASE)

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
    """A list cell's items: a JSON array as it is; text split at ';' and line breaks, where
    an item in double quotes may hold either (`"Police (cyber unit; NCB)"; NPF`)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in value if _text(v) is not None or isinstance(v, dict)]
    text = str(value)
    if '"' in text:  # quoted items: the csv module reads them, as it reads the file
        rows = csv.reader(io.StringIO(text), delimiter=LIST_SEPARATOR, skipinitialspace=True)
        return [v.strip() for row in rows for v in row if v.strip()]
    return [v.strip() for v in _SPLIT.split(text) if v.strip()]


def _split_unsure(value: Any, items: list[Any]) -> list[str]:
    """Items of a split cell whose parentheses do not pair: most likely one item holding a
    ';' that split it (`Police (cyber unit; NCB)`)."""
    if len(items) < 2 or not isinstance(value, str) or '"' in value \
            or ("(" not in value and ")" not in value):
        return []
    return [v for v in items if isinstance(v, str) and v.count("(") != v.count(")")]


def _check_split(r: _Row, column: str, value: Any, items: list[Any]) -> None:
    for item in _split_unsure(value, items):
        r.error(column, item, "its parentheses do not pair: an item holding a ';' was split "
                "in two? Put such an item in double quotes (\"Police (cyber unit; NCB)\"; NPF)")


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


def _under(prefix: str) -> Callable[[tuple[Any, ...]], str]:
    """Names a nested field's column: `parties[2].role` for ("role",) under `parties[2]`."""
    return lambda loc: f"{prefix}.{loc[0] if loc else ''}"


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

    def validate(self, model: type[R], data: dict[str, Any],
                 columns: Callable[[tuple[Any, ...]], str] | None = None) -> R | None:
        try:  # the validator itself: model_validate adds only argument checks
            record: R = model.__pydantic_validator__.validate_python(data)
            return record
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
    return str(loc[0]) if loc else "(row)"


def _fields(r: _Row, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Cells to model fields: empty cells dropped, lists split, enums and TLP normalised,
    figures and sources read."""
    data: dict[str, Any] = {}
    figures: list[dict[str, Any]] = []
    for column, raw in r.row.cells.items():
        if column in skip or column[:1] == "_":
            continue
        if type(raw) is str and column not in _LISTS:  # CSV cells: the common case first
            _str_cell(r, data, figures, column, raw)
        else:
            _other_cell(r, data, figures, column, raw)
    if figures:
        data["outcomes"] = figures
    return data


def _str_cell(r: _Row, data: dict[str, Any], figures: list[dict[str, Any]], column: str,
              raw: str) -> None:
    """A single-valued text cell (every CSV cell but a list's)."""
    text = raw.strip()
    if not text:
        return
    # What _text_field does, without its checks' calls when none can fail.
    if len(text) <= _TEXT_MAX and text[:1] not in _FORMULA_FIRST and text.isprintable() \
            and (column in _PLAIN or column in _ENUMS
                 or (column in DATE_COLUMNS and is_iso(text))):
        data[column] = _enum(text) if column in _ENUMS else text
    elif column in _COUNTS and text.isdigit() and len(text) <= 30:
        figures.append({"name": column, "value": float(text)})  # a plain count
    else:
        _text_field(r, data, figures, column, raw, text)


def _other_cell(r: _Row, data: dict[str, Any], figures: list[dict[str, Any]], column: str,
                raw: Any) -> None:
    """A list column's cell, or a cell of a JSON document that is not text."""
    if column in _LISTS:
        _list_cell(r, data, column, raw)
    elif column == "role" and isinstance(raw, list):  # several roles, as a JSON array
        data[column] = [_enum(str(v)) for v in raw if _text(v) is not None]
    elif column == "sources":
        if (found := _citations(r, raw)):
            data[column] = found
    elif column in _FIGURES or column == "outcomes":
        _figure_cell(r, figures, column, raw)
    elif isinstance(raw, bool) and column in _BOOLEAN:
        data[column] = raw
    elif (text := _text(raw)) is not None:
        _text_field(r, data, figures, column, raw, text)


def _list_cell(r: _Row, data: dict[str, Any], column: str, raw: Any) -> None:
    """A list column's cell: its items, each checked."""
    items = [_text(v) for v in _items(raw)]
    values = [v for v in items if v is not None]
    _check_split(r, column, raw, values)
    for v in values:
        _check_formula(r, column, v)
    if values:
        data[column] = [_enum(v) if column in _ENUMS else v for v in values]


# Columns whose text is kept as given (`_text_field`'s last branch): most cells.
_BOOLEAN = frozenset({"binding", "participants_complete"})
_PLAIN = frozenset(c for columns in COLUMNS.values() for c in columns) \
    - _LISTS - _ENUMS - _FIGURES - _BOOLEAN - DATE_COLUMNS - {"tlp", "sources", "outcomes"}
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _text_field(r: _Row, data: dict[str, Any], figures: list[dict[str, Any]], column: str,
                raw: Any, text: str) -> None:
    """One non-empty single-valued cell (stripped to `text`) into `data` or `figures`."""
    if len(text) > _TEXT_MAX:
        r.error(column, text, f"longer than {_TEXT_MAX} characters")
        return
    _check_formula(r, column, text)  # reported; the value stays so no second error follows
    if not text.isprintable() and (bad := _CONTROL.search(text)):
        r.error(column, text.encode("unicode_escape").decode(),
                f"contains control character U+{ord(bad.group()):04X}")
    if column in _FIGURES or column == "outcomes":
        _figure_cell(r, figures, column, text)
    elif column == "sources":
        if (found := _citations(r, text)):
            data[column] = found
    elif column == "tlp":
        data[column] = _tlp(text)
        if _enum(text) in ("white", "tlp:white"):
            r.notice(column, text, "TLP:WHITE is TLP 2.0 CLEAR; stored as clear")
    elif column in _ENUMS:
        data[column] = _enum(text)
    elif column in _BOOLEAN and isinstance(raw, str):
        data[column] = _BOOLEANS.get(text.lower(), text)
    elif column == "end" and text.lower() in _OPEN_END:
        data[column] = text  # an open end: read by the activities branch
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


# --- figures and sources ----------------------------------------------------------------------


def _figure_cell(r: _Row, figures: list[dict[str, Any]], column: str, raw: Any) -> None:
    """A figure's own column (`arrests`: `~3500`), or the `outcomes` cell: CSV text
    `name=figure; name=figure`, or a JSON object of name → figure."""
    if column != "outcomes":
        figures.extend(f for f in _figure(r, column, raw) if f)
        return
    if isinstance(raw, dict):
        pairs = [(str(k), v) for k, v in raw.items()]
    elif isinstance(raw, str):
        items = _items(raw)
        _check_split(r, column, raw, items)
        pairs = []
        for item in items:
            name, sep, given = item.partition("=")
            if not sep or not name.strip() or not given.strip():
                r.error(column, item, "each outcome reads name=figure (arrests=~3500; "
                        "frozen=EUR 1200000)")
                continue
            pairs.append((name.strip(), given.strip()))
    else:
        r.error(column, raw, "outcomes is an object of name → figure")
        return
    for name, given in pairs:
        figures.extend(f for f in _figure(r, _enum(name), given, column) if f)


def _figure(r: _Row, name: str, given: Any, column: str | None = None) -> list[dict[str, Any]]:
    """The figures `given` under `name`, each checked alone so that an error names the
    figure (`column`: where it came from when not its own column)."""
    where = column or name
    try:
        found = from_document(name, given)
    except NotAFigure as exc:
        r.error(where, given, str(exc))
        return []
    if name in LEGACY_NAMES:
        name, unit = LEGACY_NAMES[name]
        r.notice(where, given, f"{where} is stored as {name}, in {unit}")
    out = []
    for figure in found:
        if len(figure) > 2 or name not in _COUNTS:  # anything but a plain count: check it
            try:
                Figure.__pydantic_validator__.validate_python(figure)
            except ValidationError as exc:
                e = exc.errors()[0]
                r.error(where, given, str(e["msg"]).removeprefix("Value error, ")
                        if not e["loc"] else f"{name}: {e['msg']}")
                continue
            if name not in _ORDERED and (close := difflib.get_close_matches(name, _VOCABULARY, 1)):
                r.notice(where, given, f"{name!r} is not in the vocabulary of figures; "
                         f"did you mean {close[0]!r}? (kept as {name!r})")
        out.append(figure)
    return out


_ORDERED = frozenset(_VOCABULARY)
_COUNTS = _ORDERED - MONEY


def _citations(r: _Row, raw: Any) -> list[Any]:
    """Sources: a JSON list of `{"url", "title", "published_on"}` (or of cell-like
    strings), or a cell of `;`-separated entries, each
    `Title https://… (published 2024-05-01)`, every part optional."""
    if raw is None:
        return []
    items = _items(raw) if isinstance(raw, (str, list)) else [raw]
    if isinstance(raw, str):
        _check_split(r, "sources", raw, items)
    out: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            out.append(item)  # an object: the model checks it
            continue
        _check_formula(r, "sources", item)
        entry: dict[str, str] = {}
        text = item
        if m := _PUBLISHED.search(text):
            entry["published_on"] = m["date"]
            text = text[:m.start()]
        if m := _URL.search(text):
            entry["url"] = m.group().rstrip(",;")
            text = text[:m.start()] + " " + text[m.end():]
        title = " ".join(text.split()).strip(" -–—:,|")
        if title:
            entry["title"] = title
        if not entry:
            r.error("sources", item, "a source gives a title, a url (https://…) or both")
            continue
        out.append(entry)
    return out


def _check_formula(r: _Row, column: str, text: str) -> bool:
    if text[:1] in _FORMULA_FIRST and _FORMULA.match(text):
        r.error(column, text, "looks like a spreadsheet formula (starts with "
                f"{text[0]!r}); remove the leading character")
        return True
    return False


def _country(r: _Row, data: dict[str, Any], column: str = "country") -> None:
    given = data.get(column)
    if given is None:
        return
    try:
        code = country_code(str(given))
    except UnknownCountry as exc:
        r.error(column, given, str(exc))
        data.pop(column)
        return
    if code != given:
        r.notice(column, given, f"{column} {given!r} normalised to {code!r}")
    data[column] = code


def _roles(r: _Row, data: dict[str, Any], column: str = "role") -> None:
    """A participant's roles (`participant;sponsor`, a JSON array, or several `role`
    details) as `role` (the principal) and `roles` (all, when several)."""
    given = data.get("role")
    if isinstance(given, str):
        if ";" not in given and "\n" not in given:
            return  # one role: the common case
        given = [_enum(v) for v in _items(given)]
    if not isinstance(given, list):
        return
    given = [_enum(str(v)) for v in given]
    try:
        data.update(participant_roles(given))
    except ValueError:
        r.error(column, ";".join(map(str, given)),
                f"roles are among {', '.join(ParticipantRole)}")
        data.pop("role")


def _party_role(data: dict[str, Any], treaty: bool) -> None:
    """The role a party's details imply when none is given: a consent of signature only
    (and, in a convention's or protocol's own list of parties, a signature alone) makes
    a signatory."""
    if "role" in data:
        return
    signed_only = data.get("signed_on") and not (data.get("consent") or data.get("ratified_on")
                                                 or data.get("in_force_on"))
    if data.get("consent") == "signature_only" or (treaty and signed_only):
        data["role"] = "signatory"


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
    """Inline parties or participants: JSON objects `{"partner": …, "role": …, …}`, or text
    `Name (signed 2001-11-23, ratified 2004, in force 2004-07-01, role depositary); Other`."""
    out = []
    raw = r.row.cells.get(column)
    items = _items(raw)
    _check_split(r, column, raw, items)
    for entry in items:
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
                if not _details(r, column, m["name"], m["detail"], detail):
                    continue
        if _check_formula(r, column, ref):
            continue
        pid = _partner_ref(r, resolver, column, ref, countries)
        if pid:
            out.append({"partner_id": pid, "entry": ref,
                        **{k: _enum(v) if k in ("role", "consent") and isinstance(v, str) else v
                           for k, v in detail.items() if v is not None and v != ""}})
    return out


def _details(r: _Row, column: str, name: str, text: str, detail: dict[str, Any]) -> bool:
    """The words in parentheses after a name into fields; False (reported) if two say
    different things."""
    for part in (p.strip() for p in text.split(",")):
        if part.lower() == "invited":
            key, value = "role", "invited"
        else:
            d = _DETAIL.match(part)
            if d is None:  # pragma: no cover - _PARTY_DETAIL admits only these
                continue
            word, value = " ".join(d["key"].lower().split()), d["value"].strip()
            if word in _CONSENT_WORDS:
                if detail.setdefault("consent", _CONSENT_WORDS[word]) != _CONSENT_WORDS[word]:
                    r.error(column, text, "gives two ways of consent: one of signed only, "
                            f"{', '.join(_CONSENT_WORDS)}")
                    return False
                key = "ratified_on"
            else:
                key = {"signed": "signed_on", "in force": "in_force_on"}.get(word, word)
        if key.endswith("_on"):
            value = _date(r, f"{column}[{name}].{key}", value) or ""
        if key == "role" and "role" in detail:  # several roles: a participant's
            prior = detail["role"]
            detail["role"] = [*prior, value] if isinstance(prior, list) else [prior, value]
        else:
            detail[key] = value
    return True


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


_PARTICIPANT_DETAILS = frozenset({"partner_id", "entry", "role", "sources", "notes", "confidence"})
_TIE_TARGET = {"agreement_parties": ("Agreement", "agreement_id"),
               "activity_participants": ("Activity", "activity_id"),
               "platform_use": ("Platform", "platform_id")}


def _partner_records(r: _Row, resolver: Resolver) -> list[Record]:
    data = _fields(r)
    _country(r, data)
    _country(r, data, "headquarters")
    return list(_partner(r, resolver, r.validate(Partner, data)))


def _node_records(r: _Row, resolver: Resolver) -> list[Record]:
    """An objective or a platform: its fields alone."""
    node = r.validate(MODELS[r.row.kind], _fields(r))
    return [node] if node else []


def _agreement_records(r: _Row, resolver: Resolver) -> list[Record]:
    data = _fields(r, skip=frozenset({"parties"}))
    if "id" not in data and data.get("title"):
        data["id"] = row_id(r.row)
    for o in data.get("objectives", []):
        _require(r, resolver, "Objective", "objectives", o)
    agreement = r.validate(Agreement, data)
    # Parties are read even when the agreement is not valid: every problem in one pass.
    parties = _parties(r, resolver, "parties", countries=True)
    if agreement is None:
        return []
    records: list[Record] = [agreement]
    treaty = agreement.kind in TREATY_KINDS
    for p in parties:
        entry = p.pop("entry")
        _party_role(p, treaty)
        party = r.validate(AgreementParty, {"agreement_id": agreement.id, **p},
                           columns=_under(f"parties[{entry}]"))
        records += [party] if party else []
    return records


def _activity_records(r: _Row, resolver: Resolver) -> list[Record]:
    data = _fields(r, skip=frozenset({"participants"}))
    if isinstance(end := data.get("end"), str) and end.lower() in _OPEN_END:
        del data["end"]
        data["open_ended"] = True
    for o in data.get("objectives", []):
        _require(r, resolver, "Objective", "objectives", o)
    activity = r.validate(Activity, data)
    participants = _parties(r, resolver, "participants", countries=False)
    if activity is None:
        return []
    records: list[Record] = [activity]
    for p in participants:
        if (participant := _participant(r, activity, p)) is not None:
            records.append(participant)
    return records


def _participant(r: _Row, activity: Activity, p: dict[str, Any]) -> ActivityParticipant | None:
    """One entry of an activity's participants cell."""
    entry = p.pop("entry")
    if wrong := sorted(set(p) - _PARTICIPANT_DETAILS):
        r.error("participants", entry, f"{', '.join(wrong)}: only an agreement's "
                "parties have those; a participant has a role")
        return None
    _roles(r, p, f"participants[{entry}].role")
    return r.validate(ActivityParticipant, {"activity_id": activity.id, **p},
                      columns=_under(f"participants[{entry}]"))


def _tie_records(r: _Row, resolver: Resolver) -> list[Record]:
    """A row of a ties file (agreement_parties, activity_participants, platform_use)."""
    kind = r.row.kind
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
    if kind == "activity_participants":
        _roles(r, data)
    elif kind == "agreement_parties" and "consent" in data:
        _party_role(data, treaty=False)
    tie = r.validate(MODELS[kind], data)
    return [tie] if tie else []


def _unknown_kind(r: _Row, resolver: Resolver) -> list[Record]:  # pragma: no cover
    r.error("(row)", r.row.kind, "unknown kind of row")  # (sources only yield known kinds)
    return []


# The records each kind of row makes.
_RECORDS: dict[str, Callable[[_Row, Resolver], list[Record]]] = {
    "partners": _partner_records, "objectives": _node_records, "platforms": _node_records,
    "agreements": _agreement_records, "activities": _activity_records,
    **{kind: _tie_records for kind in _TIE_TARGET},
}


def transform(row: SourceRow, resolver: Resolver, dates: DateOrder | None = None) -> Transformed:
    """Records for one row; raises RowInvalid with every problem found in it. `dates`: how
    the files write numeric dates (day, month or year first), when they say."""
    r = _Row(row, dates)
    if row.defect:
        r.error("(row)", "", row.defect)
        raise RowInvalid(r.errors)
    label = LABEL_OF.get(row.kind)
    if label:
        _duplicate(r, resolver, label, row_id(row))
    records = _RECORDS.get(row.kind, _unknown_kind)(r, resolver)
    _duplicate_ties(r, resolver, records)
    if r.errors:
        raise RowInvalid(r.errors)
    return Transformed(records, r.notices)
