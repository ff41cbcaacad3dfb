"""The projection read from a real Neo4j gives the documented weights."""

import datetime as dt
import math

import pytest

from graph.model import TLP
from graph.projection import Options, project
from tests.graph.metrics.network import write_network

AS_OF = dt.date(2025, 1, 1)


def test_weights_read_from_neo4j_equal_the_formula(store):
    write_network(store)
    G = project(store, Options(AS_OF, tlp_max=TLP.AMBER.rank))
    assert set(G) == {"fr-police", "de-bka", "ng-efcc", "acme-sec", "uni-x"}
    assert G.nodes["ng-efcc"]["region"] == "AFR" and G.nodes["acme-sec"]["region"] == "AMS"

    maturity = 0.5 + 0.5 * (1 - math.exp(-(AS_OF - dt.date(2024, 1, 1)).days / 365))
    data_sharing = 0.9 * 1.5 * maturity
    convention = 1.0 * 1.5 * 1.0 / 2  # undated: fully mature; three parties → 1/(n−1)
    assert G["fr-police"]["de-bka"]["weight"] == pytest.approx(data_sharing + convention)
    assert G["fr-police"]["ng-efcc"]["weight"] == pytest.approx(convention)

    expired = 0.5 * 2 ** (-(AS_OF - dt.date(2022, 12, 31)).days / 730)
    assert G["de-bka"]["uni-x"]["weight"] == pytest.approx(expired)

    operation = 1.0 * math.sqrt(1.0 * 0.7) * 2 ** (-(AS_OF - dt.date(2024, 6, 30)).days / 730)
    nda = 0.4 * 1.0 * 1.0
    assert G["ng-efcc"]["acme-sec"]["weight"] == pytest.approx(operation)
    assert {e.id for e in G["ng-efcc"]["acme-sec"]["evidence"]} == {"op-1", "mou-gone"}
    assert G["fr-police"]["acme-sec"]["weight"] == pytest.approx(nda)
    assert not G.has_edge("acme-sec", "uni-x")  # the red agreement is never read


def test_tlp_ceiling_is_applied_in_the_read(store):
    write_network(store)
    G = project(store, Options(AS_OF, tlp_max=TLP.GREEN.rank))
    assert not G.has_edge("ng-efcc", "acme-sec") or all(
        e.id != "op-1" for e in G["ng-efcc"]["acme-sec"]["evidence"])
    red = project(store, Options(AS_OF, tlp_max=TLP.RED.rank))
    assert red.has_edge("acme-sec", "uni-x")
