"""Country names as stewards write them, to ISO 3166-1 alpha-2.

pycountry knows each country's ISO short name, official name and common name, and its
alpha-2, alpha-3 and numeric codes. People also write the short forms ISO puts in another
order ("Republic of Korea" for ISO's "Korea, Republic of"), names without their accents
("Cote d'Ivoire", "Turkiye"), with or without a leading "The" ("The Netherlands"), and
names no ISO field holds ("UAE", "DR Congo", "Palestine", "Holland"). Every such form is
read here by one key (`_key`: case and accents folded, punctuation as spaces, a leading
or trailing "the" dropped) from three sources, checked against each other when the table
is built:

1. pycountry's names, and its "X, Republic of"-style names turned round ("Republic of X");
2. `ALIASES`, the curated table below (tests/ingest/test_countries.py checks each entry,
   and that no alias names a state other than the one ISO gives for that name);
3. the codes.

When nothing matches, the suggestions are names that are spelled almost alike (a typo),
never names that merely contain the words given: "Republic of Korea" once drew the
suggestion North Korea (KP), whose ISO name holds every word of it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

import pycountry

# Names people use that no pycountry field spells (after `_key`), by alpha-2. Kept to names
# that mean one state only; a name that could be read as two (plain "Congo", "Korea",
# "Guinea" are ISO's own for CG, none and GN) stays as ISO has it.
ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "BN": ("Brunei",),
    "BO": ("Bolivia",),
    "CD": ("DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa",
           "Congo (Kinshasa)", "Congo, DR", "Congo, Democratic Republic",
           "Congo, Democratic Republic of the", "Zaire"),
    "CG": ("Republic of Congo", "Congo-Brazzaville", "Congo (Brazzaville)", "Congo, Republic of",
           "Congo, Republic of the", "Congo Republic"),
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde",),
    "CZ": ("Czech Republic",),
    "FM": ("Micronesia",),
    "GB": ("UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales",
           "Northern Ireland"),
    "IR": ("Iran",),
    "KP": ("DPRK", "DPR Korea", "North Korea"),
    "KR": ("South Korea", "ROK", "Korea (South)", "Korea, South"),
    "LA": ("Laos", "Lao PDR"),
    "MD": ("Moldova",),
    "MK": ("Macedonia", "FYROM", "Republic of Macedonia"),
    "MM": ("Burma",),
    "MO": ("Macau",),
    "NL": ("Holland", "The Netherlands", "Netherlands (the)", "Netherlands (Kingdom of the)"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories",
           "Occupied Palestinian Territory"),
    "RU": ("Russia",),
    "SK": ("Slovak Republic",),
    "SY": ("Syria",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey", "Turkiye", "Republic of Turkey"),
    "TW": ("Taiwan",),
    "TZ": ("Tanzania",),
    "US": ("USA", "U.S.A.", "U.S.", "America", "United States of America"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "VE": ("Venezuela",),
    "VN": ("Vietnam",),
    "XK": ("Kosovo",),
}
# Not ISO 3166-1 but used as codes (Kosovo's user-assigned code, as the EU and IMF use it).
EXTRA_CODES: dict[str, str] = {"XK": "Kosovo"}

_PUNCT = re.compile(r"[^\w]+|_")


def _key(text: str) -> str:
    """Case, accents and punctuation folded; a leading or trailing "the" dropped."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = _PUNCT.sub(" ", folded.replace("’", "'").replace("'", "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] == "the":
        words = words[:-1]
    return " ".join(words)


def _turned(name: str) -> str | None:
    """ISO's "Korea, Republic of" as people say it: "Republic of Korea"."""
    if ", " not in name:
        return None
    head, _, tail = name.partition(", ")
    return f"{tail} {head}"


class CountryTableError(Exception):
    """The curated table contradicts ISO (a test and the first use find it)."""


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Key → alpha-2, from pycountry's names, the curated aliases and the codes."""
    iso: dict[str, str] = {}
    for c in pycountry.countries:
        code = str(c.alpha_2)
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if not name:
                continue
            for form in (name, _turned(name)):
                if form:
                    iso.setdefault(_key(form), code)
    table = dict(iso)
    for code, names in ALIASES.items():
        for name in names:
            key = _key(name)
            if iso.get(key, code) != code:
                raise CountryTableError(f"alias {name!r} → {code}, but ISO names {iso[key]}")
            table[key] = code
    for code, name in EXTRA_CODES.items():
        table.setdefault(_key(name), code)
    return table


class UnknownCountry(ValueError):
    def __init__(self, value: str) -> None:
        close = suggestions(value)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"not an ISO 3166-1 country (name, alpha-2, alpha-3 or numeric "
                         f"code){hint}")


def suggestions(value: str, n: int = 3) -> list[str]:
    """Names spelled almost like `value` (a typo), as "Name (XX)": never a name that only
    contains its words (see the module's doc)."""
    table = _table()
    key = _key(value)
    if not key:
        return []
    out: list[str] = []
    for close in difflib.get_close_matches(key, list(table), n=n * 3, cutoff=0.8):
        label = f"{country_name(table[close])} ({table[close]})"
        if label not in out:
            out.append(label)
    return out[:n]


@lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 for a code (any case), alpha-3, numeric or a name (see the
    module's doc). Raises UnknownCountry with suggestions."""
    code = known_code(value)
    if code is None:
        raise UnknownCountry(value)
    return code


def known_code(value: str) -> str | None:
    """As `country_code`, but None for no country (and no suggestions looked for)."""
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        code = text.upper()
        if pycountry.countries.get(alpha_2=code) is not None or code in EXTRA_CODES:
            return code
    elif len(text) == 3 and (text.isalpha() or text.isdigit()):
        found = (pycountry.countries.get(alpha_3=text.upper()) if text.isalpha()
                 else pycountry.countries.get(numeric=text))
        if found is not None:
            return str(found.alpha_2)
    return _table().get(_key(text))


def country_name(code: str) -> str:
    """The name people use for a country code ("South Korea" rather than ISO's "Korea,
    Republic of")."""
    if code in EXTRA_CODES:
        return EXTRA_CODES[code]
    c = pycountry.countries.get(alpha_2=code)
    return (getattr(c, "common_name", None) or c.name) if c else code
