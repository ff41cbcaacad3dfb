"""`partnergraph serve` believes X-Forwarded-For only from the proxies the operator names,
so a client cannot pick its own address to escape the failed sign-in limit."""

from __future__ import annotations

import httpx

from tests.api.served import serve

BAD = {"Authorization": "Bearer pg_0123456789ab_" + "y" * 43}


def _codes(url: str, spoof: bool) -> list[int]:
    return [httpx.post(f"{url}/graphql", json={"query": "{ regions { code } }"}, timeout=60,
                       headers={**BAD, **({"X-Forwarded-For": f"198.51.100.{i}"}
                                          if spoof else {})}).status_code
            for i in range(12)]


# One failed sign-in a minute refills the bucket of 10: the twelve requests never see a refill,
# however slowly a busy machine answers them.
SLOW_REFILL = {"PARTNERGRAPH_API_SIGNIN_FAILURES_PER_MINUTE": "1"}


def test_a_client_cannot_choose_its_address_through_forwarded_headers(store) -> None:  # type: ignore[no-untyped-def]
    with serve(SLOW_REFILL, cli=True) as url:
        codes = _codes(url, spoof=True)
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]


def test_a_configured_proxy_is_believed(store) -> None:  # type: ignore[no-untyped-def]
    with serve({"PARTNERGRAPH_API_FORWARDED_ALLOW_IPS": "127.0.0.1", **SLOW_REFILL},
               cli=True) as url:
        codes = _codes(url, spoof=True)
    assert codes == [401] * 12  # each request came from another address behind the proxy
