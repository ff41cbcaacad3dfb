"""The TLP ceiling reaches every read in graph/reads: hidden agreements and activities read
exactly like missing ones (issue 6 builds roles on top of this)."""

from __future__ import annotations

from graph.access import Access
from graph.model import TLP
from graph.reads import lists, nodes, paths

GREEN = Access(TLP.GREEN.rank)
AMBER = Access(TLP.AMBER.rank)


def test_lookups_hide_what_is_above_the_ceiling(known) -> None:
    assert nodes.by_ids(known, "agreement", ["a-int-fr", "a-conv"], GREEN)[0] is None
    assert nodes.by_ids(known, "agreement", ["a-int-fr"], AMBER)[0]["id"] == "a-int-fr"


def test_neighbours_ties_lists_and_paths_hide_it_too(known) -> None:
    agreements = nodes.neighbours(known, "partner_agreements", ["interpol"], GREEN)[0]
    assert [a["node"]["id"] for a in agreements] == ["a-conv"]
    ties = nodes.partner_ties(known, ["trend-micro"], access=AMBER,
                              via=["agreement", "activity"], since=None, min_weight=1)[0]
    assert [t["node"]["id"] for t in ties] == ["fr-gendarmerie"]  # not lonely-uni (red)
    page = lists.page(known, "agreement", None, first=10, after=None, sort="id",
                      descending=False, access=GREEN)
    assert page.total == 2 and [r["id"] for r, _ in page.rows] == ["a-conv", "a-ng-gib"]
    chains = paths.shortest_chains(known, "trend-micro", "lonely-uni",
                                   via=["agreement", "activity"], max_hops=4, k=1,
                                   access=AMBER)
    assert chains == []
    rel = paths.relationships(known, ["interpol", "fr-gendarmerie"], via=["agreement"],
                              start=None, end=None, access=GREEN)
    assert [r["node"]["id"] for r in rel] == ["a-conv"]
