"""Organisation names: the spellings of one name share a key, different names do not."""

from __future__ import annotations

import pytest

from ingest.names import id_key, name_key, website_host


@pytest.mark.parametrize("a, b", [
    ("Group-IB", "GROUP IB"),
    ("Group-IB", "Group-IB Pte. Ltd."),
    ("Plateforme de Lutte Contre la Cybercriminalité", "plateforme de lutte contre la cybercriminalite"),
    ("The Shadowserver Foundation", "Shadowserver Foundation"),
    ("Trend Micro Inc.", "Trend Micro"),
    ("Fortinet, Inc.", "FORTINET"),
    ("TRM Labs", "trm labs"),
    ("Team Cymru", "Team  Cymru"),
    ("Kaspersky Lab ZAO", "Kaspersky Lab ZAO"),
    ("AT&T", "AT and T"),
    ("S.A. Foo", "S.A. Foo"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Group-IB", "Group"),
    ("Kaspersky", "Kaspersky Lab"),  # "Lab" is a word of the name, not a legal form
    ("National Police", "National Police Agency"),
    ("Europol", "Eurojust"),
])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_a_legal_suffix_alone_is_a_name() -> None:
    assert name_key("Ltd") == "ltd"
    assert name_key("The") == "the"


def test_ids_compare_ignoring_case() -> None:
    assert id_key("ci-plcc") == id_key("CI-PLCC ")


@pytest.mark.parametrize("url, host", [
    ("https://www.group-ib.com/", "group-ib.com"),
    ("group-ib.com", "group-ib.com"),
    ("HTTP://Europol.Europa.EU/about", "europol.europa.eu"),
    ("", None), (None, None), ("not a url", None),
])
def test_websites_compare_by_host(url: str | None, host: str | None) -> None:
    assert website_host(url) == host
