"""Countries (ISO 3166-1 via pycountry) and the regional desk each belongs to.

The desk assignment is ours, not ISO's: it follows the five regional desks of the strategy.
Territories without a desk map to no region. Change the lists here, nowhere else.
"""

from __future__ import annotations

from functools import cache

import pycountry

from graph.model import REGION_NAMES, Country, Region, RegionCode

_DESKS: dict[RegionCode, str] = {
    RegionCode.AFRICA: """AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS
        MG ML MR MU MW MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW""",
    RegionCode.AMERICAS: """AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD
        GF GL GP GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC
        VE VG VI""",
    RegionCode.ASIA_SOUTH_PACIFIC: """AF AS AU BD BN BT CC CK CN CX FJ FM GU HK ID IN JP KG KH
        KI KP KR KZ LA LK MH MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ
        TK TL TM TO TV TW UZ VN VU WF WS""",
    RegionCode.EUROPE: """AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG
        GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK
        SM TR UA VA""",
    RegionCode.MENA: """AE BH DZ EG EH IL IQ IR JO KW LB LY MA OM PS QA SA SD SY TN YE""",
}

REGION_OF: dict[str, RegionCode] = {
    code: region for region, codes in _DESKS.items() for code in codes.split()
}


def regions() -> list[Region]:
    return [Region(code=code, name=name) for code, name in REGION_NAMES.items()]


@cache
def countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country, with its desk where it has one."""
    return tuple(
        Country(
            code=c.alpha_2,
            name=getattr(c, "common_name", None) or c.name,
            region=REGION_OF.get(c.alpha_2),
        )
        for c in pycountry.countries
    )
