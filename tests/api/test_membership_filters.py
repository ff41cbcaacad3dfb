"""Membership filters by role, consent and ratification, on a treaty chart's shapes.

Two treaties, A (a convention) and B (its protocol), with parties that ratified or acceded,
a party whose consent is not recorded, signatories, invited states and a depositary. The
answers below are counted by hand from the chart in `CHART`.
"""

from __future__ import annotations

import pytest

from graph.model import Agreement, AgreementParty, Partner
from graph.store import Store
from graph.writer import write_records
from tests.api.conftest import gql

# partner: (its tie to A, its tie to B); a tie is (role, consent, signed, ratified) or None.
CHART = {
    "gov-1": (("party", "ratification", "2019-01", "2020-01"),
              ("party", "ratification", "2021-01", "2022-01")),
    "gov-2": (("party", "accession", None, "2020-05"), ("signatory", None, "2021-01", None)),
    "gov-3": (("party", "ratification", "2019-01", "2020-03"), ("invited", None, None, None)),
    "gov-4": (("party", "acceptance", "2019-01", "2021-07"), None),
    "gov-5": (("signatory", "signature_only", "2019-01", None), None),
    "gov-6": (("invited", None, None, None), None),
    "gov-7": (("party", None, None, None), None),  # a party whose consent is not recorded
    "gov-8": (("party", "ratification", "2019-01", "2020-02"),
              ("party", "accession", None, "2022-03")),
    "secretariat": (("depositary", None, None, None), ("depositary", None, None, None)),
}


@pytest.fixture
def chart(store: Store) -> Store:
    write_records(store, [Partner(id=pid, name=f"Government {pid}", kind="government",
                                  country="FR") for pid in CHART], "test")
    write_records(store, [
        Agreement(id="conv-a", title="Convention A", kind="convention", status="active",
                  binding=True, tlp="clear"),
        Agreement(id="prot-b", title="Protocol B", kind="protocol", status="active",
                  binding=True, tlp="clear")], "test")
    ties = []
    for pid, (a, b) in CHART.items():
        for agreement, tie in (("conv-a", a), ("prot-b", b)):
            if tie is not None:
                role, consent, signed, ratified = tie
                ties.append(AgreementParty(agreement_id=agreement, partner_id=pid, role=role,
                                           consent=consent, signed_on=signed,
                                           ratified_on=ratified))
    write_records(store, ties, "test")
    return store


def partners(client, flt: str) -> list[str]:
    data = gql(client, f"{{ partners(filter: {flt}, orderBy: {{field: ID}}, first: 50) "
                       "{ totalCount edges { node { id } } } }")["partners"]
    found = [e["node"]["id"] for e in data["edges"]]
    assert data["totalCount"] == len(found)
    return found


def agreements(client, flt: str) -> list[str]:
    data = gql(client, f"{{ agreements(filter: {flt}, orderBy: {{field: ID}}) "
                       "{ edges { node { id } } } }")["agreements"]
    return [e["node"]["id"] for e in data["edges"]]


def test_parties_that_ratified_a_and_not_b(chart, client) -> None:
    # Ratified A: gov-1, 2, 3, 4, 8 (gov-7 is a party with no consent recorded, gov-5 only
    # signed, gov-6 was invited). Parties to B: gov-1, gov-8 (and the depositary). gov-2
    # only signed B and gov-3 was only invited to it: neither is a party to B.
    assert partners(client, '{partyTo: {agreements: ["conv-a"], ratified: true}, '
                            'notPartyTo: {agreements: ["prot-b"]}}') == ["gov-2", "gov-3", "gov-4"]


def test_parties_to_a_but_not_b_leave_out_signatories_and_invited(chart, client) -> None:
    # Parties to A (bound: party or depositary): gov-1, 2, 3, 4, 7, 8, secretariat; less
    # those bound by B (gov-1, gov-8, secretariat). Counting every tie instead would give
    # gov-4, 5, 6, 7: a signatory and an invited state counted, two parties missed.
    expected = ["gov-2", "gov-3", "gov-4", "gov-7"]
    assert partners(client, '{partyTo: {agreements: ["conv-a"]}, '
                            'notPartyTo: {agreements: ["prot-b"]}}') == expected
    assert partners(client, '{agreement: ["conv-a"], not: {agreement: ["prot-b"]}}') == expected
    assert partners(client, '{partyTo: {agreements: ["conv-a"]}, '
                            'not: {partyTo: {agreements: ["prot-b"]}}}') == expected


def test_roles_consent_and_ratified_are_explicit_dimensions(chart, client) -> None:
    a = 'agreements: ["conv-a"]'
    assert partners(client, f'{{partyTo: {{{a}, roles: [SIGNATORY, INVITED]}}}}') == [
        "gov-5", "gov-6"]
    assert partners(client, f'{{partyTo: {{{a}, ratified: false}}}}') == ["gov-7", "secretariat"]
    assert partners(client, f'{{partyTo: {{{a}, consent: [ACCESSION, ACCEPTANCE]}}}}') == [
        "gov-2", "gov-4"]
    assert partners(client, '{partyTo: {agreements: ["prot-b"], roles: [SIGNATORY]}}') == [
        "gov-2"]
    # Every role given, no party filter: every tie to A.
    assert len(partners(client, f'{{partyTo: {{{a}, roles: [PARTY, SIGNATORY, INVITED, '
                                'DEPOSITARY, OBSERVER]}}')) == 9


def test_agreement_filters_on_parties_leave_out_signatories(chart, client) -> None:
    assert agreements(client, '{party: ["gov-2"]}') == ["conv-a"]  # only signed B
    assert agreements(client, '{party: ["gov-6"]}') == []  # only invited to A
    assert agreements(client, '{membership: {partners: ["gov-2"], roles: [SIGNATORY]}}') == [
        "prot-b"]
    assert agreements(client, '{membership: {partners: ["gov-3"], roles: [INVITED]}}') == [
        "prot-b"]
    assert agreements(client, '{membership: {partners: ["gov-8"], ratified: true}}') == [
        "conv-a", "prot-b"]
    assert agreements(client, '{membership: {consent: [SIGNATURE_ONLY], roles: [SIGNATORY]}}'
                      ) == ["conv-a"]
