"""API tokens: random secrets shown once, stored only as hashes, with expiry and revocation.

A token reads `pg_<id>_<secret>`. The id finds the stored record; the secret is checked
against its SHA-256 in constant time. The secrets are 256-bit random values, so a fast
hash is enough: there is nothing to brute-force that a slow hash would protect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from graph import audit
from graph.model import TLP, Role
from graph.queries import named
from graph.store import Row, Store

_CREATE = named("tokens/create")
_GET = named("tokens/get")
_LIST = named("tokens/list")
_REVOKE = named("tokens/revoke")
_FORMAT = re.compile(r"^pg_([0-9a-f]{12})_([A-Za-z0-9_\-]{43})$")


class InvalidToken(Exception):
    """The presented token is malformed, unknown, expired or revoked (deliberately vague)."""


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    role: Role
    organisation: str | None
    clearance: TLP
    created_at: str
    expires_at: str | None
    revoked_at: str | None


@dataclass(frozen=True)
class Principal:
    """An authenticated caller."""

    token_id: str
    name: str
    role: Role
    organisation: str | None
    clearance: TLP


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create(store: Store, name: str, role: Role, *, organisation: str | None = None,
           clearance: TLP = TLP.GREEN, days: int | None = 90, actor: str = "cli") -> tuple[str, TokenInfo]:
    """Create a token; returns the secret token text (shown once) and its record."""
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    created = _now()
    expires = (created + dt.timedelta(days=days)).isoformat() if days else None
    store.write(_CREATE, id=token_id, name=name, role=role.value, organisation=organisation,
                clearance=clearance.value, hash=_digest(secret), created_at=created.isoformat(),
                expires_at=expires)
    audit.record(store, actor, "token.create", token_id, name=name, role=role.value,
                 organisation=organisation, clearance=clearance.value, expires_at=expires)
    info = TokenInfo(token_id, name, role, organisation, clearance, created.isoformat(), expires, None)
    return f"pg_{token_id}_{secret}", info


def _info(row: Row) -> TokenInfo:
    return TokenInfo(row["id"], row["name"], Role(row["role"]), row["organisation"],
                     TLP(row["clearance"]), row["created_at"], row["expires_at"], row["revoked_at"])


def list_tokens(store: Store) -> list[TokenInfo]:
    return [_info(r) for r in store.read(_LIST)]


def revoke(store: Store, token_id: str, actor: str = "cli") -> bool:
    found = bool(store.write(_REVOKE, id=token_id, at=_now().isoformat()))
    if found:
        audit.record(store, actor, "token.revoke", token_id)
    return found


def verify(store: Store, token: str) -> Principal:
    """The principal a bearer token stands for; InvalidToken if it does not stand for one."""
    match = _FORMAT.match(token)
    if not match:
        raise InvalidToken("malformed token")
    token_id, secret = match.groups()
    row = store.read_one(_GET, id=token_id)
    if row is None or not hmac.compare_digest(row["hash"], _digest(secret)):
        raise InvalidToken("unknown token")
    if row["revoked_at"]:
        raise InvalidToken("revoked token")
    if row["expires_at"] and dt.datetime.fromisoformat(row["expires_at"]) <= _now():
        raise InvalidToken("expired token")
    info = _info(row)
    return Principal(info.id, info.name, info.role, info.organisation, info.clearance)
