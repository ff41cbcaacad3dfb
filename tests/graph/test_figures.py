"""Figures keep what sources say: qualifiers, ranges, currencies; totals never lose it."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph.figures import (
    Figure,
    NotAFigure,
    Qualifier,
    as_document,
    from_document,
    from_properties,
    parse,
    to_properties,
    total,
    totals,
)
from graph.model import Activity


@pytest.mark.parametrize(("text", "expected"), [
    ("3500", {"value": 3500.0}),
    ("3,500", {"qualifier": "exact", "value": 3500.0}),
    ("~3500", {"qualifier": "approximately", "value": 3500.0}),
    ("≈ 3,500", {"qualifier": "approximately", "value": 3500.0}),
    ("almost 3,500", {"qualifier": "approximately", "value": 3500.0}),
    (">5500", {"qualifier": "at_least", "value": 5500.0}),
    ("5,500+", {"qualifier": "at_least", "value": 5500.0}),
    ("more than 5500", {"qualifier": "at_least", "value": 5500.0}),
    ("<10", {"qualifier": "at_most", "value": 10.0}),
    ("up to 10", {"qualifier": "at_most", "value": 10.0}),
    ("11-12", {"qualifier": "range", "low": 11.0, "high": 12.0}),
    ("11 / 12", {"qualifier": "range", "low": 11.0, "high": 12.0}),
    ("11–12", {"qualifier": "range", "low": 11.0, "high": 12.0}),
    ("EUR 1200000", {"qualifier": "exact", "value": 1200000.0, "unit": "EUR"}),
    ("EUR 1.2 million", {"qualifier": "exact", "value": 1200000.0, "unit": "EUR"}),
    ("1.2 million eur", {"qualifier": "exact", "value": 1200000.0, "unit": "EUR"}),
    ("about EUR 1.2 million", {"qualifier": "approximately", "value": 1200000.0, "unit": "EUR"}),
    (">= USD 439 million", {"qualifier": "at_least", "value": 439e6, "unit": "USD"}),
    ("USD 1-2 million", {"qualifier": "range", "low": 1e6, "high": 2e6, "unit": "USD"}),
])
def test_a_cell_reads_as_the_source_wrote_it(text: str, expected: dict) -> None:
    assert parse(text, "x") == {"name": "x", **expected}


@pytest.mark.parametrize(("text", "says"), [
    ("many", "is not a figure"),
    ("€1.2m", "ISO 4217 code, not a symbol"),
    ("$5000", "ISO 4217 code, not a symbol"),
    ("1.200", "reads as 1200 (a thousands separator) or as 1.2"),
    ("~11-12", "a range (low-high) takes no other qualifier"),
    (">5+", "a trailing + means 'at least'"),
    ("12 ABC", "is not a figure"),
])
def test_a_cell_that_is_not_a_figure_says_what_would_be(text: str, says: str) -> None:
    with pytest.raises(NotAFigure, match=says.replace("(", r"\(").replace(")", r"\)")
                       .replace("+", r"\+")):
        parse(text, "x")


@pytest.mark.parametrize(("figure", "says"), [
    ({"name": "seized", "value": 5000}, "seized is an amount of money: give its ISO 4217"),
    ({"name": "arrests", "value": 5, "unit": "EUR"}, "arrests is a count, not money"),
    ({"name": "frozen", "value": 5, "unit": "XXY"}, "'XXY' is not an ISO 4217 currency"),
    ({"name": "arrests", "qualifier": "range", "low": 12, "high": 12}, "a range needs low < high"),
    ({"name": "arrests", "qualifier": "range", "value": 12}, "a range has low and high"),
    ({"name": "Arrests", "value": 1}, "String should match pattern"),
    ({"name": "arrests", "value": -1}, "greater than or equal to 0"),
])
def test_a_figure_that_cannot_be_is_refused(figure: dict, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        Figure.model_validate(figure)


def test_a_custom_name_may_hold_any_currency_or_none() -> None:
    assert Figure(name="ips_sinkholed", value=20000).unit is None
    assert Figure(name="bounties_paid", value=5, unit="CHF").unit == "CHF"


def test_the_legacy_dollar_column_reads_as_seized_in_usd() -> None:
    assert from_document("seized_usd", 5000) == [{"name": "seized", "value": 5000.0, "unit": "USD"}]
    with pytest.raises(NotAFigure, match="give EUR amounts as seized"):
        from_document("seized_usd", "EUR 5")


def test_outcomes_are_ordered_and_the_same_whatever_the_order_given() -> None:
    a = Activity(id="a", name="A", kind="operation",
                 outcomes={"ips_sinkholed": 3, "frozen": "EUR 5", "arrests": "~10"})
    b = Activity(id="a", name="A", kind="operation",
                 outcomes={"arrests": "~10", "ips_sinkholed": 3, "frozen": {"value": 5, "unit": "EUR"}})
    assert a == b
    assert [f.name for f in a.outcomes] == ["arrests", "frozen", "ips_sinkholed"]
    assert a.model_dump_json() == b.model_dump_json()


def test_one_name_may_hold_several_currencies_but_each_once() -> None:
    a = Activity(id="a", name="A", kind="operation",
                 outcomes={"frozen": [{"value": 5, "unit": "USD"}, {"value": 7, "unit": "EUR"}]})
    assert [(f.unit, f.value) for f in a.outcomes] == [("EUR", 7.0), ("USD", 5.0)]
    assert as_document(a.outcomes) == {"frozen": [{"value": 7.0, "unit": "EUR"},
                                                  {"value": 5.0, "unit": "USD"}]}
    with pytest.raises(ValidationError, match="frozen is given twice in EUR"):
        Activity(id="a", name="A", kind="operation",
                 outcomes={"frozen": ["EUR 5", {"value": 6, "unit": "EUR"}]})


def test_a_record_reads_back_from_its_own_json() -> None:
    a = Activity(id="a", name="A", kind="operation",
                 outcomes={"arrests": "11-12", "recovered": ">USD 4", "victims_notified": "<3"})
    assert Activity.model_validate_json(a.model_dump_json()) == a


def test_storage_round_trips_and_plain_counts_cost_two_lists() -> None:
    plain = Activity(id="a", name="A", kind="operation", outcomes={"arrests": 3, "takedowns": 4})
    props = to_properties(plain.outcomes)
    assert props == {"outcome_names": ["arrests", "takedowns"], "outcome_values": [3.0, 4.0],
                     "outcome_highs": None, "outcome_qualifiers": None, "outcome_units": None}
    mixed = Activity(id="a", name="A", kind="operation",
                     outcomes={"arrests": "~3500", "servers_seized": "11-12", "frozen": "EUR 1"})
    assert tuple(from_properties(to_properties(mixed.outcomes))) == mixed.outcomes
    assert from_properties({}) == []


def figure(text: str, name: str = "arrests") -> Figure:
    return Figure.model_validate(parse(text, name))


@pytest.mark.parametrize(("texts", "qualifier", "low", "high", "value"), [
    (["10", "5"], Qualifier.EXACT, 15, 15, 15),
    (["~3500", "10"], Qualifier.APPROXIMATELY, 3510, 3510, 3510),
    ([">5500", "~3500"], Qualifier.AT_LEAST, 9000, None, 9000),
    (["11-12", "3"], Qualifier.RANGE, 14, 15, None),
    (["<10", "<5"], Qualifier.AT_MOST, 0, 15, 15),
    (["<10", "2"], Qualifier.RANGE, 2, 12, None),
])
def test_a_total_says_what_its_figures_make_it(texts, qualifier, low, high, value) -> None:
    t = total(figure(x) for x in texts)
    assert (t.qualifier, t.low, t.high, t.value) == (qualifier, low, high, value)
    assert t.approximate == sum(x.startswith("~") for x in texts)


def test_a_total_keeps_the_firmly_stated_part_apart_from_approximations() -> None:
    # "at least 4,284 as stated firmly; about 13,598 including approximations"
    t = total(figure(x) for x in ["4000", ">284", "~9314"])
    assert (t.qualifier, t.low, t.firm_low, t.approximate) == (
        Qualifier.AT_LEAST, 13598, 4284, 1)
    exact = total(figure(x) for x in ["10", "11-12"])
    assert exact.firm_low == exact.low == 21


def test_totals_are_per_name_and_currency_and_never_convert() -> None:
    found = totals([figure("EUR 5", "frozen"), figure("USD 7", "frozen"), figure("EUR 1", "frozen"),
                    figure("3")])
    assert [(t.name, t.unit, t.value) for t in found] == [
        ("arrests", None, 3.0), ("frozen", "EUR", 6.0), ("frozen", "USD", 7.0)]
    with pytest.raises(ValueError, match="not added"):
        total([figure("EUR 5", "frozen"), figure("USD 7", "frozen")])
