"""Authentication: API tokens and external JWTs become principals; everything else is refused."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from api.auth import AuthenticationFailed, Authenticator, JwtConfig
from graph import tokens
from graph.model import TLP, Role
from graph.store import Store
from graph.tokens import Principal


@pytest.fixture(scope="module")
def signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture
def jwt_config(signing_key: ec.EllipticCurvePrivateKey) -> JwtConfig:
    pem = signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return JwtConfig("https://idp.example", "partnergraph", pem, ("ES256",))


def _jwt(key: ec.EllipticCurvePrivateKey, **claims: object) -> str:
    now = dt.datetime.now(dt.UTC)
    body = {"iss": "https://idp.example", "aud": "partnergraph", "sub": "alice",
            "exp": now + dt.timedelta(minutes=5), "iat": now, **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key, algorithm="ES256")


def test_an_api_token_authenticates(store: Store) -> None:
    secret, info = tokens.create(store, "Alice", Role.STEWARD, clearance=TLP.AMBER)
    principal = Authenticator(store).authenticate(f"Bearer {secret}")
    assert principal == Principal(info.id, "Alice", Role.STEWARD, None, TLP.AMBER)


@pytest.mark.parametrize("header", [None, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer pg_bad",
                                    "Bearer not-a-jwt"])
def test_missing_or_malformed_credentials_are_refused(store: Store, header: str | None) -> None:
    with pytest.raises(AuthenticationFailed):
        Authenticator(store).authenticate(header)


def test_revocation_takes_effect_once_the_cache_expires(store: Store) -> None:
    secret, info = tokens.create(store, "Bob", Role.VIEWER)
    auth = Authenticator(store, cache_seconds=0)
    auth.authenticate(f"Bearer {secret}")
    tokens.revoke(store, info.id)
    with pytest.raises(AuthenticationFailed, match="revoked"):
        auth.authenticate(f"Bearer {secret}")


def test_a_jwt_from_the_configured_provider_maps_its_claims(store: Store, signing_key,
                                                           jwt_config: JwtConfig) -> None:
    token = _jwt(signing_key, role="analyst", org="p-ng", tlp="amber")
    principal = Authenticator(store, jwt_config).authenticate(f"Bearer {token}")
    assert principal == Principal("jwt:alice", "alice", Role.ANALYST, "p-ng", TLP.AMBER)


@pytest.mark.parametrize("claims", [
    {"iss": "https://evil.example"},
    {"aud": "someone-else"},
    {"exp": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)},
    {"sub": None},
    {"role": "superuser"},
    {"org": ["p-ng", "p-fr"]},
    {"org": {"id": "p-ng"}},
    {"org": 7},
    {"role": ["admin"]},
    {"tlp": {"level": "red"}},
    {"sub": {"id": "alice"}},
    {"org": "x" * 1000},
])
def test_a_jwt_with_wrong_claims_is_refused(store: Store, signing_key, jwt_config: JwtConfig,
                                            claims: dict) -> None:
    with pytest.raises(AuthenticationFailed):
        Authenticator(store, jwt_config).authenticate(f"Bearer {_jwt(signing_key, **claims)}")


def test_a_jwt_signed_by_another_key_is_refused(store: Store, jwt_config: JwtConfig) -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(AuthenticationFailed):
        Authenticator(store, jwt_config).authenticate(f"Bearer {_jwt(other)}")


def test_jwts_are_refused_when_no_provider_is_configured(store: Store, signing_key) -> None:
    with pytest.raises(AuthenticationFailed):
        Authenticator(store, None).authenticate(f"Bearer {_jwt(signing_key)}")
