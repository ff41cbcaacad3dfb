"""API tokens: shown once, stored hashed, refused when wrong, revoked or expired; audited."""

from __future__ import annotations

import pytest

from graph import audit, tokens
from graph.model import TLP, Role
from graph.queries import named
from graph.store import Store

GET = named("tokens/get")


def test_a_created_token_verifies_to_its_principal(store: Store) -> None:
    secret, info = tokens.create(store, "Alice", Role.ANALYST, organisation="p-ng",
                                 clearance=TLP.AMBER)
    principal = tokens.verify(store, secret)
    assert principal == tokens.Principal(info.id, "Alice", Role.ANALYST, "p-ng", TLP.AMBER)


def test_only_a_hash_of_the_secret_is_stored(store: Store) -> None:
    secret, info = tokens.create(store, "Alice", Role.VIEWER)
    stored = store.read_one(GET, id=info.id)
    assert secret.split("_")[2] not in str(stored)
    assert len(stored["hash"]) == 64


@pytest.mark.parametrize("mangle", [
    lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # wrong secret
    lambda t: "pg_000000000000_" + t.split("_", 2)[2],  # unknown id
    lambda t: "Bearer " + t,  # malformed
    lambda t: "",
])
def test_a_wrong_token_is_refused(store: Store, mangle) -> None:
    secret, _ = tokens.create(store, "Alice", Role.VIEWER)
    with pytest.raises(tokens.InvalidToken):
        tokens.verify(store, mangle(secret))


def test_a_revoked_token_is_refused_and_the_revocation_audited(store: Store) -> None:
    secret, info = tokens.create(store, "Bob", Role.STEWARD, actor="admin-1")
    assert tokens.revoke(store, info.id, actor="admin-1")
    with pytest.raises(tokens.InvalidToken, match="revoked"):
        tokens.verify(store, secret)
    actions = [(e.actor, e.action, e.target) for e in audit.recent(store)]
    assert actions == [("admin-1", "token.revoke", info.id), ("admin-1", "token.create", info.id)]
    assert not tokens.revoke(store, "nonexistent")


def test_an_expired_token_is_refused(store: Store) -> None:
    secret, _ = tokens.create(store, "Old", Role.VIEWER, days=-1)
    with pytest.raises(tokens.InvalidToken, match="expired"):
        tokens.verify(store, secret)


def test_listing_tokens_shows_no_secret_or_hash(store: Store) -> None:
    tokens.create(store, "Alice", Role.ADMIN, days=None)
    [info] = tokens.list_tokens(store)
    assert (info.name, info.role, info.expires_at) == ("Alice", Role.ADMIN, None)
    assert not hasattr(info, "hash")


def test_roles_include_the_ones_below_them() -> None:
    assert Role.ADMIN.includes(Role.STEWARD) and Role.STEWARD.includes(Role.ANALYST)
    assert not Role.VIEWER.includes(Role.ANALYST)
