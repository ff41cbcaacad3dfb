"""Entity resolution, pure: which partners an import defines are new, resolved or ambiguous."""

from __future__ import annotations

from graph.model import Partner
from ingest.resolution import PartnerFacts, duplicates, merge_partner, resolve

GRAPH = [
    PartnerFacts("GROUP-IB", "Group-IB", (), "SG", "https://www.group-ib.com"),
    PartnerFacts("EUROPOL", "Europol", ("EC3",), "NL", "https://www.europol.europa.eu"),
    PartnerFacts("CI-PLCC", "Plateforme de Lutte Contre la Cybercriminalité", ("PLCC",), "CI"),
    PartnerFacts("FR-PN", "Police Nationale", (), "FR"),
    PartnerFacts("NG-NPF", "Nigeria Police Force", ("NPF",), "NG", None, ("ng-police",)),
]


def facts(id_: str, name: str, *aliases: str, country: str | None = None,
          website: str | None = None, cls: str | None = None,
          refs: tuple[str, ...] = ()) -> PartnerFacts:
    return PartnerFacts(id_, name, aliases, country, website, (), cls, refs, f"f.csv {id_}")


def test_a_new_name_is_new() -> None:
    out = resolve([facts("x", "Someone Else")], GRAPH, set())
    assert out.target == {} and out.ambiguous == {}


def test_the_same_name_resolves_and_that_row_writes_the_partner() -> None:
    out = resolve([facts("sg-groupib", "GROUP IB Pte. Ltd.", "GIB", country="SG")], GRAPH, set())
    assert out.target == {"sg-groupib": "GROUP-IB"}
    assert out.carrier == {"sg-groupib"}
    assert out.other_ids == {"GROUP-IB": ["sg-groupib"]}
    assert "the same name" in out.evidence["sg-groupib"][0]


def test_an_id_that_differs_only_in_case_resolves() -> None:
    out = resolve([facts("ci-plcc", "PLCC Côte d'Ivoire")], GRAPH, set())
    assert out.target == {"ci-plcc": "CI-PLCC"}


def test_an_id_recorded_on_a_partner_resolves() -> None:
    out = resolve([facts("ng-police", "Police of Nigeria")], GRAPH, set())
    assert out.target == {"ng-police": "NG-NPF"}
    assert out.other_ids == {}  # already recorded


def test_the_same_name_in_another_country_is_another_organisation() -> None:
    out = resolve([facts("ci-pn", "Police nationale", country="CI")], GRAPH, set())
    assert out.target == {} and out.ambiguous == {}


def test_an_alias_alone_is_ambiguous_and_names_the_candidate() -> None:
    out = resolve([facts("ec3", "European Cybercrime Centre", "EC3")], GRAPH, set())
    assert out.target == {}
    assert "'EUROPOL' (Europol, in the graph: they share the alias 'EC3')" in out.ambiguous["ec3"]


def test_an_id_in_case_with_another_country_is_ambiguous() -> None:
    out = resolve([facts("fr-pn", "Police Nationale", country="BE")], GRAPH, set())
    assert "its country is FR, the row's BE" in out.ambiguous["fr-pn"]


def test_two_candidates_are_ambiguous_and_both_are_named() -> None:
    graph = [*GRAPH, PartnerFacts("GIB-2", "Group IB", (), "SG")]
    out = resolve([facts("sg-groupib", "Group-IB")], graph, set())
    assert "'GIB-2'" in out.ambiguous["sg-groupib"] and "'GROUP-IB'" in out.ambiguous["sg-groupib"]


def test_create_anyway_creates_the_ambiguous_and_the_mapping_wins() -> None:
    d = [facts("ec3", "European Cybercrime Centre", "EC3"), facts("gib", "Group-IB")]
    out = resolve(d, GRAPH, set(), create_anyway=True)
    assert out.ambiguous == {} and "ec3" in out.created_anyway
    mapped = resolve(d, GRAPH, set(), {"ec3": ("EUROPOL", "m.csv line 2"),
                                       "gib": ("gib", "m.csv line 3")}, {"EUROPOL", "gib"})
    assert mapped.target == {"ec3": "EUROPOL"}  # gib mapped to itself: created as new
    assert mapped.evidence["ec3"] == ("the mapping says so (m.csv line 2)",)


def test_stix_names_count_for_organisations_and_external_references_for_all() -> None:
    europol = facts("identity--1", "Europol", cls="organization")
    a_class = facts("identity--2", "Group-IB", cls="class")
    referred = facts("identity--3", "Some name", cls="class",
                     refs=("https://www.group-ib.com/about",))
    out = resolve([europol, a_class, referred], GRAPH, set())
    assert out.target == {"identity--1": "EUROPOL", "identity--3": "GROUP-IB"}


def test_partners_of_one_import_resolve_to_each_other() -> None:
    out = resolve([facts("a", "Acme CERT"), facts("A", "ACME-CERT"), facts("b", "Acme CERT Ltd")],
                  [], set())
    assert out.target == {"A": "a", "b": "a"}
    assert out.carrier == set()  # `a` writes itself, with their names
    assert [s for s, _ in out.extra_names["a"]] == ["A", "b"]


def test_a_row_with_the_partners_own_id_writes_it_and_the_others_join_it() -> None:
    out = resolve([facts("sg-groupib", "Group-IB"), facts("GROUP-IB", "Group-IB")], GRAPH,
                  {"GROUP-IB"})
    assert out.target == {"sg-groupib": "GROUP-IB"} and out.carrier == set()
    assert out.extra_names["GROUP-IB"] == [("sg-groupib", ("Group-IB",))]


def test_merge_fills_gaps_adds_names_and_never_overwrites() -> None:
    stored = {"id": "GROUP-IB", "name": "Group-IB", "kind": "private_sector", "country": "SG",
              "website": "https://www.group-ib.com", "aliases": [], "row_hash": 1}
    row = Partner(id="sg-groupib", name="Group IB", kind="private_sector", country="SG",
                  aliases=("GIB",), website="https://group-ib.com", sector="threat intelligence")
    merged = merge_partner(stored, row, ["Group IB Singapore"])
    assert merged.record.id == "GROUP-IB" and merged.record.name == "Group-IB"
    assert merged.record.aliases == ("GIB", "Group IB Singapore")  # "Group IB" reads as its name
    assert merged.filled == ("sector",)
    assert merged.kept == (("website", "https://www.group-ib.com", "https://group-ib.com"),)


def test_duplicates_in_the_graph_are_listed_with_evidence() -> None:
    graph = [*GRAPH, PartnerFacts("sg-groupib", "Group IB", ("GIB",), "SG"),
             PartnerFacts("ci-plcc", "PLCC", (), "CI"), PartnerFacts("CI-PN", "Police Nationale", (), "CI")]
    found = {(d.first, d.second): d for d in duplicates(graph)}
    assert set(found) == {("GROUP-IB", "sg-groupib"), ("CI-PLCC", "ci-plcc")}
    assert found[("CI-PLCC", "ci-plcc")].strong
