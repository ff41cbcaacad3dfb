"""The country-level projection on a hand-computable network.

Nigeria's police takes part in one African operation (with the police of Kenya and Ghana)
and one European one (with the police of France and Germany); Nigeria's government is party
to a convention with South Africa's government, the Council of Europe its depositary.
At partner level the Nigerian government and police are two unlinked partners: the
government brokers nothing (its two treaty partners are tied directly) and the police only
the two operations. At country level Nigeria is one node at the centre of three triangles
and lies on every shortest path between them; South Africa, which only signed the treaty,
brokers nothing.
"""

import datetime as dt

import pytest

from graph.metrics.centrality import betweenness
from graph.metrics.country_level import country_graph, country_values
from graph.projection import Options, build_graph

AS_OF = dt.date(2025, 6, 1)
REGION = {"NG": "AFR", "KE": "AFR", "GH": "AFR", "ZA": "AFR", "FR": "EUR", "DE": "EUR"}


def partner(pid: str, kind: str, country: str | None, group: str | None = None,
            group_type: str | None = None, role: str | None = None, **group_fields):
    row = {"partner": pid, "name": pid, "partner_kind": kind, "country": country,
           "region": REGION.get(country or ""), "sector": None, "group": group,
           "group_type": group_type, "role": role, "tlp_rank": 1}
    if group_type == "activity":
        row.update(kind="operation", status="completed", start="2025-03-01", end="2025-03-31")
    elif group_type == "agreement":
        row.update(kind="convention", status="in_force", binding=True, start="2020-01-01")
    row.update(group_fields)
    return row


def operation(name: str, *members: str):
    return [partner(p, "law_enforcement", p[:2].upper(), name, "activity", "participant")
            for p in members]


ROWS = [
    *operation("op-africa", "ng-police", "ke-police", "gh-police"),
    *operation("op-europe", "ng-police", "fr-police", "de-police"),
    partner("ng-gov", "government", "NG", "convention", "agreement", "party"),
    partner("za-gov", "government", "ZA", "convention", "agreement", "party"),
    partner("coe", "international_org", "FR", "convention", "agreement", "depositary"),
    # A company headquartered in Nigeria in the African operation: it stays itself.
    partner("ng-bank", "private_sector", "NG", "op-africa", "activity", "private_partner"),
]


@pytest.fixture(scope="module")
def G():
    return build_graph(ROWS, Options(as_of=AS_OF))


def test_at_partner_level_the_government_brokers_nothing(G):
    b = betweenness(G)
    assert b["ng-gov"] == 0.0
    # n = 9 partners; the police lies on the shortest paths between the two operations:
    # {Kenya, Ghana, the bank} × {France, Germany}, 6 pairs.
    assert b["ng-police"] == pytest.approx(2 * 6 / (8 * 7))


def test_the_actors_of_a_country_merge_and_the_others_stay_themselves(G):
    C = country_graph(G)
    assert set(C) == {"country:NG", "country:KE", "country:GH", "country:FR", "country:DE",
                      "country:ZA", "coe", "ng-bank"}
    assert C.nodes["country:NG"]["actors"] == ("ng-gov", "ng-police")
    assert C.nodes["country:NG"]["region"] == "AFR"
    assert C.nodes["ng-bank"]["kind"] == "private_sector"
    # Nigeria–Kenya is the police's tie alone; Nigeria–France its tie through the European
    # operation and nothing else (the Council of Europe is not France).
    assert C["country:NG"]["country:KE"]["weight"] == G["ng-police"]["ke-police"]["weight"]
    assert C["country:NG"]["country:FR"]["weight"] == G["ng-police"]["fr-police"]["weight"]
    assert C["country:NG"]["coe"]["weight"] == G["ng-gov"]["coe"]["weight"]


def test_ties_of_one_country_to_another_sum():
    rows = [*ROWS,
            partner("ng-cert", "cert", "NG", "op-africa", "activity", "participant"),
            partner("ke-cert", "cert", "KE", "op-africa", "activity", "participant")]
    G = build_graph(rows, Options(as_of=AS_OF))
    C = country_graph(G)
    pairs = [("ng-police", "ke-police"), ("ng-police", "ke-cert"), ("ng-cert", "ke-police"),
             ("ng-cert", "ke-cert")]
    assert C["country:NG"]["country:KE"]["weight"] == pytest.approx(
        sum(G[a][b]["weight"] for a, b in pairs))
    assert C["country:NG"]["country:KE"]["distance"] == pytest.approx(
        1 / C["country:NG"]["country:KE"]["weight"])
    # The police–CERT tie inside Nigeria is inside its node.
    assert not C.has_edge("country:NG", "country:NG")


def test_at_country_level_the_country_that_links_two_regions_brokers_the_most(G):
    values = country_values(G, backend="networkx")
    assert set(values) == {"NG", "KE", "GH", "FR", "DE", "ZA"}
    # n = 8 nodes. Nigeria is on every shortest path between its three groups of partners:
    # {Kenya, Ghana, the bank} × {France, Germany} + {Kenya, Ghana, the bank} × {CoE, South
    # Africa} + {France, Germany} × {CoE, South Africa} = 6 + 6 + 4 = 16 pairs.
    assert values["NG"]["m_betweenness"] == pytest.approx(2 * 16 / (7 * 6))
    assert values["ZA"]["m_betweenness"] == 0.0
    assert values["NG"]["m_articulation"] is True
    assert values["ZA"]["m_articulation"] is False
    ranked = sorted(values, key=lambda c: -values[c]["m_betweenness"])
    assert ranked[0] == "NG"
    assert values["NG"]["m_actors"] == 2 and values["ZA"]["m_actors"] == 1
    # Its ties reach one region besides its own: Europe (France, Germany, the Council of
    # Europe, based in France).
    assert values["NG"]["m_regions_spanned"] == 1
    assert values["NG"]["m_degree"] == 7


def test_the_backends_agree_at_country_level(G):
    a = country_values(G, backend="networkx")
    b = country_values(G, backend="igraph")
    for code in a:
        assert b[code] == pytest.approx(a[code]), code
