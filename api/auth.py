"""Who is calling: bearer API tokens, or JWTs from an external identity provider.

A request carries `Authorization: Bearer <credential>`. Credentials of the form
`pg_<id>_<secret>` are this system's API tokens (graph/tokens.py); anything else is read as
a JWT when an identity provider is configured (issuer, audience and verification key from
the environment — keys are never fetched over the network). Verified tokens are cached for
a few seconds, so a revocation takes effect within `cache_seconds`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass

import jwt

from graph import tokens
from graph.config import Settings
from graph.model import TLP, Role
from graph.store import Store
from graph.tokens import Principal


class AuthenticationFailed(Exception):
    """No credential, or one that does not verify. The message is safe to show."""


@dataclass(frozen=True)
class JwtConfig:
    issuer: str
    audience: str
    key: str
    algorithms: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> JwtConfig | None:
        if not (settings.jwt_issuer and settings.jwt_public_key):
            return None
        return cls(settings.jwt_issuer, settings.jwt_audience, settings.jwt_public_key,
                   settings.jwt_algorithms)


MAX_CLAIM = 200  # characters in a `sub` or `org` claim


def principal_from_claims(claims: dict[str, object]) -> Principal:
    """Map identity-provider claims to a principal: `sub`, `role`, `org`, `tlp`. Each must
    be a string (or absent, except `sub`); anything else is refused, never guessed at."""
    role_claim = claims.get("role", Role.VIEWER.value)
    tlp_claim = claims.get("tlp", TLP.GREEN.value)
    if not isinstance(role_claim, str) or not isinstance(tlp_claim, str):
        raise AuthenticationFailed("the token's role or tlp claim is not recognised")
    try:
        role, clearance = Role(role_claim), TLP(tlp_claim)
    except ValueError:
        raise AuthenticationFailed("the token's role or tlp claim is not recognised") from None
    subject, org = claims.get("sub"), claims.get("org")
    if not isinstance(subject, str) or not 0 < len(subject) <= MAX_CLAIM:
        raise AuthenticationFailed("the token's sub claim must be a string")
    if org is not None and (not isinstance(org, str) or not 0 < len(org) <= MAX_CLAIM):
        raise AuthenticationFailed("the token's org claim must be one partner id (a string)")
    return Principal(f"jwt:{subject}", subject, role, org, clearance)


class Authenticator:
    def __init__(self, store: Store, jwt_config: JwtConfig | None = None,
                 cache_seconds: float = 10.0) -> None:
        self._store = store
        self._jwt = jwt_config
        self._ttl = cache_seconds
        self._cache: dict[str, tuple[float, Principal]] = {}
        self._lock = threading.Lock()

    def authenticate(self, authorization: str | None) -> Principal:
        """The principal behind an Authorization header; AuthenticationFailed otherwise.

        Blocking (it may ask Neo4j): call it from a thread pool in async code.
        """
        hit = self.cached(authorization)
        if hit is not None:
            return hit
        credential = _credential(authorization)
        key = hashlib.sha256(credential.encode()).hexdigest()
        now = time.monotonic()
        principal = self._verify(credential)
        with self._lock:
            if len(self._cache) > 10_000:  # bound memory under a flood of distinct tokens
                self._cache.clear()
            self._cache[key] = (now + self._ttl, principal)
        return principal

    def cached(self, authorization: str | None) -> Principal | None:
        """The principal verified for this header within the last `cache_seconds`, if any:
        no I/O, so async code may call it before reaching for a thread."""
        try:
            credential = _credential(authorization)
        except AuthenticationFailed:
            return None
        key = hashlib.sha256(credential.encode()).hexdigest()
        with self._lock:
            hit = self._cache.get(key)
        return hit[1] if hit and hit[0] > time.monotonic() else None

    def _verify(self, credential: str) -> Principal:
        if credential.startswith("pg_"):
            try:
                return tokens.verify(self._store, credential)
            except tokens.InvalidToken:
                raise AuthenticationFailed("invalid, expired or revoked token") from None
        if self._jwt is None:
            raise AuthenticationFailed("invalid, expired or revoked token")
        try:
            claims = jwt.decode(
                credential, self._jwt.key, algorithms=list(self._jwt.algorithms),
                audience=self._jwt.audience, issuer=self._jwt.issuer,
                options={"require": ["exp", "iss", "aud", "sub"]}, leeway=30,
            )
        except jwt.PyJWTError:
            raise AuthenticationFailed("invalid, expired or revoked token") from None
        return principal_from_claims(claims)


def _credential(authorization: str | None) -> str:
    if not authorization:
        raise AuthenticationFailed("authentication required: send Authorization: Bearer <token>")
    scheme, _, credential = authorization.partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise AuthenticationFailed("use the Bearer scheme: Authorization: Bearer <token>")
    return credential
