"""Reported figures of an activity: named, qualified, and in a currency when they are money.

Sources say "almost 3,500 arrests", "more than 5,500", "11 / 12" (two sources disagree),
"EUR 1.2 million frozen". A `Figure` keeps what the source says: a name (the vocabulary
below, or a steward's own snake_case name), a value and a qualifier (exact, approximately,
at least, at most; or a range low–high), and for money an ISO 4217 currency. Amounts in
different currencies are never added or converted: totals are kept per name and currency.

`parse` reads the text form stewards write in a cell (`~3500`, `>5500`, `11-12`,
`EUR 1200000`); `total` adds figures up without losing what they are; `to_properties` and
`from_properties` are how a list of figures is stored on an Activity node.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any

import pycountry
from pydantic import BaseModel, ConfigDict, Field, model_validator


class Outcome(StrEnum):
    """The documented vocabulary of figures. Stewards may add their own snake_case names;
    these are the common ones, so that the same figure has the same name everywhere.
    The first seven are the names earlier versions stored, in their order."""

    ARRESTS = "arrests"
    TAKEDOWNS = "takedowns"  # infrastructure taken down (sites, IPs, accounts)
    SERVERS_SEIZED = "servers_seized"
    SEIZED = "seized"  # money
    VICTIMS_NOTIFIED = "victims_notified"
    PEOPLE_TRAINED = "people_trained"
    REPORTS_SHARED = "reports_shared"
    SUSPECTS_IDENTIFIED = "suspects_identified"
    VICTIMS_IDENTIFIED = "victims_identified"
    DOMAINS_SEIZED = "domains_seized"
    DEVICES_SEIZED = "devices_seized"
    ACCOUNTS_FROZEN = "accounts_frozen"
    INDICATORS_SHARED = "indicators_shared"
    FROZEN = "frozen"  # money
    RECOVERED = "recovered"  # money
    INTERCEPTED = "intercepted"  # money
    LOSSES = "losses"  # money: losses reported by victims


# Names whose figures are amounts of money: each needs its currency.
MONEY = frozenset({Outcome.SEIZED, Outcome.FROZEN, Outcome.RECOVERED, Outcome.INTERCEPTED,
                   Outcome.LOSSES})
# Earlier versions' money column: always US dollars.
LEGACY_NAMES = {"seized_usd": (Outcome.SEIZED.value, "USD")}
ORDER = {o.value: i for i, o in enumerate(Outcome)}  # a name's place in the canonical order


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"  # low–high: sources disagree, or give a span


NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
_Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]


@lru_cache(maxsize=512)
def is_currency(code: str) -> bool:
    """Whether `code` is an ISO 4217 currency (pycountry's list)."""
    return len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None


class Figure(BaseModel):
    """One reported figure. A range has `low` and `high` and no `value`; every other
    qualifier has a `value` and neither bound."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(pattern=NAME_PATTERN)]
    qualifier: Qualifier = Qualifier.EXACT
    value: _Amount | None = None
    low: _Amount | None = None
    high: _Amount | None = None
    unit: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.unit is None and self.low is None and self.high is None \
                and self.value is not None and self.qualifier is not Qualifier.RANGE \
                and self.name not in MONEY:
            return self  # a count, the common case
        if self.qualifier is Qualifier.RANGE:
            if self.low is None or self.high is None or self.value is not None:
                raise ValueError(f"{self.name}: a range has low and high, and no value")
            if not self.low < self.high:
                raise ValueError(f"{self.name}: a range needs low < high (got {self.low:g} and "
                                 f"{self.high:g}); give one value when they agree")
        elif self.value is None or self.low is not None or self.high is not None:
            raise ValueError(f"{self.name}: give a value (low and high are for a range)")
        problem = unit_problem(self.name, self.unit)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def key(self) -> tuple[int, str, str]:
        """The canonical order: vocabulary names first, in its order, then others by name;
        one name's currencies alphabetically."""
        return ORDER.get(self.name, len(ORDER)), self.name, self.unit or ""

    @property
    def bounds(self) -> tuple[float, float | None]:
        """The least and the most the figure can mean (None: no upper bound)."""
        if self.qualifier is Qualifier.RANGE:
            return self.low or 0.0, self.high
        value = self.value or 0.0
        if self.qualifier is Qualifier.AT_LEAST:
            return value, None
        if self.qualifier is Qualifier.AT_MOST:
            return 0.0, value
        return value, value

    def document(self) -> float | dict[str, Any]:
        """The JSON form the import document accepts: a number when exact and not money."""
        if self.qualifier is Qualifier.EXACT and self.unit is None:
            return self.value  # type: ignore[return-value]
        out: dict[str, Any] = ({"low": self.low, "high": self.high}
                               if self.qualifier is Qualifier.RANGE else {"value": self.value})
        if self.qualifier not in (Qualifier.EXACT, Qualifier.RANGE):
            out["qualifier"] = self.qualifier.value
        if self.unit:
            out["unit"] = self.unit
        return out


def unit_problem(name: str, unit: str | None) -> str | None:
    """Why `unit` does not suit a figure called `name` (None when it does)."""
    if unit is not None and not is_currency(unit):
        return f"{name}: {unit!r} is not an ISO 4217 currency code (EUR, USD, GBP, …)"
    if unit is None and name in MONEY:
        return (f"{name} is an amount of money: give its ISO 4217 currency, e.g. "
                f"'USD 5000' (amounts are never converted)")
    if unit is not None and name in ORDER and name not in MONEY:
        return f"{name} is a count, not money: remove the currency {unit}"
    return None


# --- reading what stewards write -------------------------------------------------------------


class NotAFigure(ValueError):
    """A cell that does not read as a figure; the message says what would."""


_HINT = ("write a number (3500, 3,500, 1.2 million), ~3500 (approximately), >5500 (at least), "
         "<10 (at most) or 11-12 (a range), with a currency code for money (EUR 1200000)")
_PREFIX = re.compile(
    r"^(?:(?P<approx>~|about|approximately|approx\.?|around|almost|nearly|some|circa|c\.)"
    r"|(?P<least>>=|>|more than|over|at least)|(?P<most><=|<|less than|under|at most|up to))\s*",
    re.IGNORECASE)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s*(?:thousand|million|billion))?"
_AMOUNTS = re.compile(rf"^(?P<a>{_NUMBER}{_SCALE})(?:\s*(?:-|to|/)\s*(?P<b>{_NUMBER}{_SCALE}))?"
                      r"(?P<plus>\+)?$", re.IGNORECASE)
_CURRENCY_FIRST = re.compile(r"^(?P<cur>[A-Za-z]{3})\s+(?P<rest>.+)$")
_CURRENCY_LAST = re.compile(r"^(?P<rest>.+?)\s+(?P<cur>[A-Za-z]{3})$")
_AMBIGUOUS = re.compile(r"^\d{1,3}\.\d{3}$")  # 1.200: a thousand and two hundred, or 1.2?
_SCALES = {"thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}
_SYMBOLS = "€$£¥₹₩₦"
_SPELLINGS = str.maketrans({"≈": "~", "≥": ">=", "≤": "<=", "–": "-", "—": "-", "\u00a0": " "})


def _amount(text: str, scale: str | None = None) -> float:
    """`3,500` → 3500.0; `1.2 million` → 1200000.0 (decimal arithmetic: no float residue).
    `scale` applies when the text has none (the low end of `1-2 million`)."""
    number, _, own = text.lower().partition(" ")
    if _AMBIGUOUS.match(number):
        raise NotAFigure(f"{number!r} reads as {number.replace('.', '')} (a thousands "
                         f"separator) or as {float(number):g}: write one of those")
    return float(Decimal(number.replace(",", "")) * _SCALES.get(own.strip() or scale or "", 1))


def _scale(text: str) -> str | None:
    word = text.lower().split()[-1]
    return word if word in _SCALES else None


def parse(text: str, name: str) -> dict[str, Any]:
    """The fields of the figure `name` a cell states (`~3500`, `EUR 1.2 million`, `11-12`).

    Raises NotAFigure with what would read; the rules that depend on the name (money
    needs its currency) are Figure's own."""
    s = " ".join(text.translate(_SPELLINGS).split())
    if s.isdigit():  # the common case: a plain count
        return {"name": name, "value": float(s)}
    if any(c in _SYMBOLS for c in s):
        raise NotAFigure(f"{text!r}: give the currency as its ISO 4217 code, not a symbol "
                         "(EUR 1200000, USD 5000)")
    unit, s = _currency(s)
    qualifier = Qualifier.EXACT
    if m := _PREFIX.match(s):
        qualifier = (Qualifier.APPROXIMATELY if m["approx"] else
                     Qualifier.AT_LEAST if m["least"] else Qualifier.AT_MOST)
        s = s[m.end():]
        if unit is None:  # "about EUR 1.2 million"
            unit, s = _currency(s)
    m = _AMOUNTS.match(s)
    if m is None:
        raise NotAFigure(f"{text!r} is not a figure: {_HINT}")
    try:
        b = _amount(m["b"]) if m["b"] else None
        a = _amount(m["a"], _scale(m["b"]) if m["b"] else None)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise NotAFigure(f"{text!r} is not a figure: {_HINT}") from None
    if m["plus"]:
        if qualifier is not Qualifier.EXACT or b is not None:
            raise NotAFigure(f"{text!r}: a trailing + means 'at least'; it goes with neither "
                             "another qualifier nor a range")
        qualifier = Qualifier.AT_LEAST
    out: dict[str, Any] = {"name": name}
    if b is not None:
        if qualifier is not Qualifier.EXACT:
            raise NotAFigure(f"{text!r}: a range (low-high) takes no other qualifier")
        out.update(qualifier=Qualifier.RANGE.value, low=a, high=b)
    else:
        out.update(qualifier=qualifier.value, value=a)
    if unit:
        out["unit"] = unit
    return out


def _currency(s: str) -> tuple[str | None, str]:
    """A leading or trailing ISO 4217 code (`EUR 1200000`, `1200000 eur`) and the rest."""
    for pattern in (_CURRENCY_FIRST, _CURRENCY_LAST):
        if (m := pattern.match(s)) and is_currency(m["cur"].upper()):
            return m["cur"].upper(), m["rest"]
    return None, s


def from_document(name: str, given: Any) -> list[dict[str, Any]]:
    """The figures an import document gives under `name`: a number, a cell's text, an
    object (`{"value", "qualifier", "unit"}` or `{"low", "high", "unit"}`), or a list of
    those (one per currency). An earlier version's name (`seized_usd`) is read as what it
    says (seized, in USD). Raises NotAFigure."""
    items = given if isinstance(given, list) else [given]
    name, unit = LEGACY_NAMES.get(name, (name, None))
    out = []
    for item in items:
        if isinstance(item, bool):
            raise NotAFigure(f"{name}: {item!r} is not a figure: {_HINT}")
        if isinstance(item, (int, float)):
            if not math.isfinite(item):
                raise NotAFigure(f"{name}: {item!r} is not a finite number")
            out.append({"name": name, "value": float(item)})
        elif isinstance(item, str):
            out.append(parse(item, name))
        elif isinstance(item, Mapping):
            extra = set(item) - {"value", "qualifier", "low", "high", "unit"}
            if extra:
                raise NotAFigure(f"{name}: unknown key(s) {', '.join(sorted(map(str, extra)))}; "
                                 "a figure has value, qualifier, low, high, unit")
            figure = {"name": name, **item}
            if "low" in item or "high" in item:
                figure.setdefault("qualifier", Qualifier.RANGE.value)
            if isinstance(figure.get("unit"), str):
                figure["unit"] = figure["unit"].strip().upper()
            out.append(figure)
        else:
            raise NotAFigure(f"{name}: {item!r} is not a figure: {_HINT}")
    if unit is not None:  # a legacy name says its currency
        for figure in out:
            if figure.setdefault("unit", unit) != unit:
                raise NotAFigure(f"{name} in {unit}: give {figure['unit']} amounts as {name}")
            figure["unit"] = unit
    return out


# --- totals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Total:
    """Figures of one name and currency added up without losing what they are.

    `low`/`high` are the sums of what each figure can least and most mean (an "at least"
    figure has no most: `high` is None). `qualifier` says what the sum is: exact only when
    every figure is; approximately when some are approximate; at_least when some figure
    has no upper bound; a range when the bounds differ. `firm_low` leaves the approximate
    figures out: "at least `firm_low` as stated firmly; about `low` with approximations"."""

    name: str
    unit: str | None
    figures: int
    approximate: int  # figures stated as approximately
    low: float
    high: float | None
    qualifier: Qualifier
    firm_low: float = 0.0  # the least of the figures not stated as approximate

    @property
    def value(self) -> float | None:
        """The sum as one number, unless it is a range."""
        if self.qualifier is Qualifier.RANGE:
            return None
        if self.qualifier is Qualifier.AT_MOST:
            return self.high
        return self.low


def total(figures: Iterable[Figure]) -> Total:
    """The sum of figures of one name and currency (ValueError if they differ or none)."""
    items = list(figures)
    if not items:
        raise ValueError("no figures to add up")
    keys = {(f.name, f.unit) for f in items}
    if len(keys) > 1:
        raise ValueError(f"figures of different names or currencies are not added: {sorted(keys, key=str)}")
    lows, highs = zip(*(f.bounds for f in items), strict=True)
    low = math.fsum(lows)
    high = None if None in highs else math.fsum(h for h in highs if h is not None)
    approximate = sum(f.qualifier is Qualifier.APPROXIMATELY for f in items)
    qualifiers = {f.qualifier for f in items}
    if high is None:
        qualifier = Qualifier.AT_LEAST
    elif low == high:
        qualifier = Qualifier.APPROXIMATELY if approximate else Qualifier.EXACT
    elif qualifiers <= {Qualifier.AT_MOST, Qualifier.EXACT, Qualifier.APPROXIMATELY} and \
            Qualifier.AT_MOST in qualifiers and low == math.fsum(
                f.value or 0.0 for f in items if f.qualifier is not Qualifier.AT_MOST) == 0:
        qualifier = Qualifier.AT_MOST
    else:
        qualifier = Qualifier.RANGE
    name, unit = keys.pop()
    firm = math.fsum(lo for f, lo in zip(items, lows, strict=True)
                     if f.qualifier is not Qualifier.APPROXIMATELY)
    return Total(name, unit, len(items), approximate, low, high, qualifier, firm)


def totals(figures: Iterable[Figure]) -> list[Total]:
    """One `Total` per name and currency, in the canonical order."""
    groups: dict[tuple[int, str, str], list[Figure]] = {}
    for f in figures:
        groups.setdefault(f.key, []).append(f)
    return [total(groups[k]) for k in sorted(groups)]


# --- storage on the Activity node ---------------------------------------------------------------

STORED = ("outcome_names", "outcome_values", "outcome_highs", "outcome_qualifiers", "outcome_units")
_NO_FIGURES: dict[str, list[Any] | None] = dict.fromkeys(STORED)


def to_properties(figures: tuple[Figure, ...]) -> dict[str, list[Any] | None]:
    """Parallel lists (Neo4j properties hold no maps and no nulls in lists): names and
    values always; a range's value is its low and `outcome_highs` its high. Highs,
    qualifiers and units are stored only when some figure needs them, so a list of plain
    counts costs two properties."""
    if not figures:
        return _NO_FIGURES
    names, values, highs, qualifiers, units = [], [], [], [], []
    plain = True  # every figure an exact count: two lists say it all
    for f in figures:
        names.append(f.name)
        q = f.qualifier
        if q is Qualifier.RANGE:
            values.append(f.low)
            highs.append(f.high)
        else:
            values.append(f.value)
            highs.append(f.value)
        qualifiers.append(q.value)
        units.append(f.unit or "")
        plain = plain and q is Qualifier.EXACT and f.unit is None
    if plain:
        return {"outcome_names": names, "outcome_values": values, "outcome_highs": None,
                "outcome_qualifiers": None, "outcome_units": None}
    return {"outcome_names": names, "outcome_values": values,
            "outcome_highs": highs if Qualifier.RANGE.value in qualifiers else None,
            "outcome_qualifiers": qualifiers if any(q != "exact" for q in qualifiers) else None,
            "outcome_units": units if any(units) else None}


def from_properties(row: Mapping[str, Any]) -> list[Figure]:
    """The figures stored on an Activity node's property map, in stored order."""
    names = row.get("outcome_names") or []
    values = row.get("outcome_values") or []
    highs = row.get("outcome_highs") or [None] * len(names)
    qualifiers = row.get("outcome_qualifiers") or [Qualifier.EXACT.value] * len(names)
    units = row.get("outcome_units") or [""] * len(names)
    out = []
    for name, value, high, qualifier, unit in zip(names, values, highs, qualifiers, units,
                                                  strict=True):
        q = Qualifier(qualifier)
        fields: dict[str, Any] = ({"low": value, "high": high} if q is Qualifier.RANGE
                                  else {"value": value})
        out.append(Figure.model_construct(name=name, qualifier=q, unit=unit or None,
                                          **{"value": None, "low": None, "high": None, **fields}))
    return out


def as_document(figures: Iterable[Figure]) -> dict[str, Any]:
    """Figures as the import document's `outcomes` object: name → figure, or a list of
    figures when one name holds several currencies."""
    out: dict[str, Any] = {}
    for f in figures:
        # An exact count is its number (the common case, without the call).
        doc = f.value if f.qualifier is Qualifier.EXACT and f.unit is None else f.document()
        if f.name in out:
            prior = out[f.name]
            out[f.name] = [*prior, doc] if isinstance(prior, list) else [prior, doc]
        else:
            out[f.name] = doc
    return out
