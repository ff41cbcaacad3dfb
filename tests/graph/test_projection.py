"""The projection's weights equal the documented formula (docs/METRICS.md, "Projection")."""

import datetime as dt
import math

import pytest

from graph.projection import Options, build_graph, decay, pair_evidence

AS_OF = dt.date(2025, 1, 1)


def partner(pid, region="EUR", kind="law_enforcement"):
    return {"partner": pid, "name": pid.upper(), "partner_kind": kind, "country": None,
            "region": region, "sector": None, "group": None}


def member(pid, group, group_type="agreement", kind="mou", status="active", binding=False,
           start=None, end=None, role=None, tlp_rank=1, region="EUR", partner_kind="law_enforcement"):
    row = partner(pid, region, partner_kind)
    row.update(group=group, group_type=group_type, kind=kind, status=status, binding=binding,
               start=start, end=end, role=role, tlp_rank=tlp_rank)
    return row


def maturity(start: dt.date) -> float:
    return 0.5 + 0.5 * (1 - math.exp(-(AS_OF - start).days / 365))


def test_bilateral_binding_data_sharing_agreement():
    rows = [member(p, "A1", kind="data_sharing", binding=True, start="2024-01-01", role="party")
            for p in ("a", "b")]
    G = build_graph(rows, Options(AS_OF))
    expected = 0.9 * (1 + 0.5) * maturity(dt.date(2024, 1, 1))
    assert G["a"]["b"]["weight"] == pytest.approx(expected)
    assert G["a"]["b"]["distance"] == pytest.approx(1 / expected)
    (item,) = G["a"]["b"]["evidence"]
    assert (item.id, item.n, item.contribution) == ("A1", 2, pytest.approx(expected))


def test_multilateral_convention_ties_each_pair_by_one_over_n_minus_one():
    rows = [member(p, "C1", kind="convention") for p in "abcd"]
    G = build_graph(rows, Options(AS_OF))
    assert G.number_of_edges() == 6
    assert all(d["weight"] == pytest.approx(1 / 3) for _, _, d in G.edges(data=True))
    # Each member's ties through the convention sum to its weight in it (Newman).
    assert G.degree("a", weight="weight") == pytest.approx(1.0)


def test_activity_weight_uses_roles_and_recency():
    rows = [member("a", "X1", "activity", kind="operation", status="completed",
                   start="2023-11", end="2024-01-01", role="lead"),
            member("b", "X1", "activity", kind="operation", status="completed",
                   start="2023-11", end="2024-01-01", role="participant")]
    G = build_graph(rows, Options(AS_OF))
    expected = 1.0 * math.sqrt(1.0 * 0.7) * decay((AS_OF - dt.date(2024, 1, 1)).days, 730)
    assert G["a"]["b"]["weight"] == pytest.approx(expected)
    assert expected == pytest.approx(math.sqrt(0.7) * 2 ** (-366 / 730))


def test_ties_add_up_over_shared_groups():
    rows = [member(p, "C1", kind="convention") for p in "abc"]
    rows += [member(p, "M1", kind="mou") for p in "ab"]
    G = build_graph(rows, Options(AS_OF))
    assert G["a"]["b"]["weight"] == pytest.approx(1 / 2 + 0.5)
    assert [e.id for e in G["a"]["b"]["evidence"]] == ["C1", "M1"]
    assert G["a"]["c"]["weight"] == pytest.approx(1 / 2)


def test_expired_agreement_decays_from_its_partial_expiry_date():
    rows = [member(p, "E1", kind="mou", status="expired", start="2015", end="2022")
            for p in "ab"]
    G = build_graph(rows, Options(AS_OF))
    days = (AS_OF - dt.date(2022, 12, 31)).days
    assert G["a"]["b"]["weight"] == pytest.approx(0.5 * 2 ** (-days / 730))


def test_active_agreement_past_its_expiry_counts_as_expired():
    rows = [member(p, "E2", kind="mou", status="active", end="2024-07-01") for p in "ab"]
    G = build_graph(rows, Options(AS_OF))
    assert G["a"]["b"]["weight"] == pytest.approx(0.5 * 2 ** (-184 / 730))


def test_as_of_ignores_what_had_not_started_and_drafts_and_plans():
    rows = [member(p, "F1", start="2025-06") for p in "ab"]
    rows += [member(p, "D1", status="draft") for p in "ab"]
    rows += [member(p, "P1", "activity", kind="training", status="planned") for p in "ab"]
    G = build_graph(rows, Options(AS_OF))
    assert set(G) == {"a", "b"} and G.number_of_edges() == 0
    assert build_graph(rows, Options(dt.date(2026, 1, 1))).has_edge("a", "b")


def test_terminated_agreement_is_negative_evidence_and_no_tie():
    rows = [member(p, "T1", status="terminated") for p in "ab"]
    G = build_graph(rows, Options(AS_OF))
    assert G.number_of_edges() == 0
    (item,) = G.graph["negative_only"][("a", "b")]
    assert item.negative and item.contribution == 0


def test_tlp_ceiling_region_and_kind_filters():
    rows = [member(p, "R1", tlp_rank=4) for p in "ab"]
    assert build_graph(rows, Options(AS_OF, tlp_max=3)).number_of_edges() == 0
    rows = [member("a", "C1", kind="convention"), member("b", "C1", kind="convention"),
            member("z", "C1", kind="convention", region="AFR", partner_kind="cert")]
    eur = build_graph(rows, Options(AS_OF, region="EUR"))
    assert set(eur) == {"a", "b"}
    assert eur["a"]["b"]["weight"] == pytest.approx(1 / 2)  # n still counts z
    certs = build_graph(rows, Options(AS_OF, partner_kinds=frozenset({"law_enforcement"})))
    assert set(certs) == {"a", "b"}


def test_isolated_partners_are_nodes_with_their_attributes():
    G = build_graph([partner("solo", region="ASP", kind="ngo")], Options(AS_OF))
    assert dict(G.nodes["solo"]) == {"name": "SOLO", "kind": "ngo", "country": None,
                                     "region": "ASP", "sector": None}


# --- what the records know --------------------------------------------------------------------


def party(pid, group, role="party", kind="convention", status="active", start="2020-01-01",
          **dates):
    row = member(pid, group, kind=kind, status=status, start=start, role=role)
    row.update({"signed_on": None, "ratified_on": None, "in_force_on": None, **dates})
    return row


def test_a_treaty_signed_and_not_in_force_ties_at_half_the_weight_of_one_in_force():
    active = build_graph([party(p, "T1") for p in "ab"], Options(AS_OF))
    signed = build_graph([party(p, "T2", status="signed") for p in "ab"], Options(AS_OF))
    assert signed["a"]["b"]["weight"] == pytest.approx(0.5 * active["a"]["b"]["weight"])
    draft = build_graph([party(p, "T3", status="draft") for p in "ab"], Options(AS_OF))
    assert draft.number_of_edges() == 0


def test_an_invited_state_is_no_member_and_does_not_enlarge_the_group():
    rows = [party(p, "T1") for p in "abc"] + [party("d", "T1", role="invited")]
    G = build_graph(rows, Options(AS_OF))
    assert not G.has_edge("a", "d") and G.degree("d") == 0
    without = build_graph(rows[:3], Options(AS_OF))
    assert G["a"]["b"]["weight"] == pytest.approx(without["a"]["b"]["weight"])  # n = 3, not 4


def test_a_party_counts_as_a_signatory_until_in_force_for_it_and_not_before_it_signs():
    rows = [party("a", "T1", signed_on="2019", ratified_on="2019-06", in_force_on="2019-10"),
            party("b", "T1", signed_on="2019", ratified_on="2024-10", in_force_on="2025-02"),
            party("c", "T1", signed_on="2026")]  # signs after AS_OF
    G = build_graph(rows, Options(AS_OF))
    assert not G.has_edge("a", "c")
    base = build_graph([party(p, "T1") for p in "ab"], Options(AS_OF))["a"]["b"]["weight"]
    assert G["a"]["b"]["weight"] == pytest.approx(base * math.sqrt(0.8))  # b: a signatory yet
    later = build_graph(rows, Options(dt.date(2025, 6, 1)))
    assert later["a"]["b"]["weight"] > G["a"]["b"]["weight"]


def test_a_partial_list_weights_by_the_reported_number_of_participants():
    named = [member(p, "X1", "activity", kind="operation", status="completed", start="2024-12",
                    end="2024-12-31", role="participant") for p in "ab"]
    whole = build_graph(named, Options(AS_OF))
    partial = build_graph([{**r, "reported": 76} for r in named], Options(AS_OF))
    assert partial["a"]["b"]["weight"] == pytest.approx(whole["a"]["b"]["weight"] / 75)
    assert partial["a"]["b"]["evidence"][0].n == 76


def test_a_partner_in_several_roles_weighs_as_its_heaviest():
    rows = [member("a", "X1", "activity", kind="operation", status="completed", end="2024-12-31",
                   role="participant"),
            member("b", "X1", "activity", kind="operation", status="completed", end="2024-12-31",
                   role="participant")]
    rows[1]["roles"] = ["lead", "sponsor"]
    G = build_graph(rows, Options(AS_OF))
    assert G["a"]["b"]["weight"] == pytest.approx(math.sqrt(0.7 * 1.0) * decay(1, 730))


def test_an_open_ended_programme_is_current_evidence():
    rows = [member(p, "X1", "activity", kind="capacity_building", status="ongoing", start="2015",
                   role="participant") for p in "ab"]
    decayed = build_graph(rows, Options(AS_OF))["a"]["b"]["weight"]
    current = build_graph([{**r, "open_ended": True} for r in rows], Options(AS_OF))["a"]["b"]["weight"]
    assert current == pytest.approx(0.6 * 0.7)
    assert decayed < current


# --- one pair on demand -------------------------------------------------------------------


def test_pair_evidence_from_the_shared_groups_alone_equals_the_ties_evidence():
    # Bilateral and multilateral agreements, a terminated one, an invited state, a signatory
    # not yet bound, a partial participant list and a partner in two roles.
    rows = ([party(p, "T1") for p in "abcd"] + [party("e", "T1", role="invited")]
            + [party(p, "T2", status="terminated") for p in "ab"]
            + [party("a", "T3", signed_on="2019", ratified_on="2024-10", in_force_on="2025-02"),
               party("c", "T3")]
            + [{**member(p, "X1", "activity", kind="operation", status="completed",
                         start="2024-06", end="2024-07", role="participant"), "reported": 30}
               for p in "abc"]
            + [member("b", "M1", kind="data_sharing"), member("c", "M1", kind="data_sharing")])
    rows[-1]["roles"] = ["party", "signatory"]
    G = build_graph(rows, Options(AS_OF))
    pairs = {(u, v): d["evidence"] for u, v, d in G.edges(data=True)}
    pairs.update(G.graph["negative_only"])
    assert {frozenset(p) for p in pairs} == {frozenset(p) for p in (
        "ab", "ac", "ad", "bc", "bd", "cd")}
    for (u, v), expected in pairs.items():
        groups_u = {r["group"] for r in rows if r["partner"] == u}
        groups_v = {r["group"] for r in rows if r["partner"] == v}
        shared = [r for r in rows if r["group"] in groups_u & groups_v]
        got = pair_evidence(shared, u, v, Options(AS_OF))
        assert sorted(got) == sorted(expected)
        assert sorted(pair_evidence(shared, v, u, Options(AS_OF))) == sorted(expected)
    assert pair_evidence(rows, "a", "e", Options(AS_OF)) == ()  # invited: no evidence
