"""Country names as stewards write them: the curated table against ISO, and suggestions."""

from __future__ import annotations

import pycountry
import pytest

from ingest.countries import ALIASES, UnknownCountry, _key, _table, country_code, suggestions


@pytest.mark.parametrize("written, code", [
    ("The Netherlands", "NL"), ("Netherlands", "NL"), ("Holland", "NL"),
    ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"), ("Congo-Brazzaville", "CG"),
    ("Republic of the Congo", "CG"),
    ("UAE", "AE"), ("United Arab Emirates", "AE"),
    ("Palestine", "PS"), ("State of Palestine", "PS"),
    ("Turkiye", "TR"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("Cote d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"), ("Ivory Coast", "CI"),
    ("Republic of Korea", "KR"), ("Korea, Republic of", "KR"), ("South Korea", "KR"),
    ("Democratic People's Republic of Korea", "KP"), ("North Korea", "KP"),
    ("Iran (Islamic Republic of)", "IR"), ("Viet Nam", "VN"), ("Vietnam", "VN"),
    ("Russian Federation", "RU"), ("Russia", "RU"), ("UK", "GB"), ("United States", "US"),
    ("USA", "US"), ("Czech Republic", "CZ"), ("The Gambia", "GM"), ("Kosovo", "XK"),
    ("ng", "NG"), ("NGA", "NG"), ("566", "NG"), ("Nigeria", "NG"),
])
def test_common_short_long_and_unaccented_forms(written: str, code: str) -> None:
    assert country_code(written) == code


def test_every_iso_name_reads_as_its_own_country() -> None:
    """Official names included: so no formal name is ever answered with another state."""
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name:
                assert country_code(name) == c.alpha_2, name


def test_no_alias_names_a_state_iso_gives_another_code() -> None:
    iso = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name:
                iso.setdefault(_key(name), c.alpha_2)
    for code, names in ALIASES.items():
        for name in names:
            assert iso.get(_key(name), code) == code, name
            assert _table()[_key(name)] == code


def test_a_typo_gets_suggestions_and_a_formal_name_never_another_state() -> None:
    with pytest.raises(UnknownCountry, match=r"did you mean Nigeria \(NG\)"):
        country_code("Nigera")
    # Formal names that hold another state's words: they resolve, or suggest nothing else.
    for formal in ("Republic of Korea", "Republic of Congo", "Republic of China (Taiwan)"):
        try:
            country_code(formal)
        except UnknownCountry:
            assert not any(s.endswith(("(KP)", "(CD)")) for s in suggestions(formal)), formal


def test_atlantis_is_no_country() -> None:
    with pytest.raises(UnknownCountry, match="not an ISO 3166-1 country"):
        country_code("Atlantis")
