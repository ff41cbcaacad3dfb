"""Configuration, read once from the environment. Local defaults suit the embedded Neo4j."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# The development password is not a secret: the embedded Neo4j listens on loopback only.
# Production sets NEO4J_PASSWORD (docker-compose.yml reads it from the environment).
DEFAULT_PASSWORD = "partnergraph-dev"


@dataclass(frozen=True)
class Settings:
    neo4j_uri: str
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    localdb_dir: Path
    localdb_lib: Path  # Neo4j's jars: shared by the local database and the disposable ones
    localdb_port: int
    localdb_heap: str
    api_host: str
    api_port: int
    # GraphQL limits (api/): page size, paths, query depth, aliases, tokens and cost.
    api_default_page_size: int = 20
    api_max_page_size: int = 100
    api_max_paths: int = 10
    api_max_depth: int = 10
    api_max_aliases: int = 15
    api_max_tokens: int = 2000
    api_max_cost: int = 50000
    api_graphiql: bool = True
    api_introspection: bool = True
    api_suggestions: bool = True  # "Did you mean …" in error messages (off in production)
    # Every database read the API makes stops after this many seconds (Neo4j ends it).
    api_read_timeout: float = 15.0
    # Proxies whose X-Forwarded-For / -Proto uvicorn believes ("" = none: the socket's peer
    # is the client; uvicorn's own default would trust loopback).
    api_forwarded_allow_ips: str = ""
    api_rate_per_minute: int = 1200
    api_rate_burst: int = 100
    api_signin_failures_per_minute: int = 30  # per client address, bursts of 10
    api_max_body_bytes: int = 1_000_000
    api_max_upload_bytes: int = 50_000_000
    api_cache_bytes: int = 128_000_000  # 0 turns the response cache off
    api_cache_entry_bytes: int = 16_000_000
    # JWTs from an external identity provider (off unless issuer and key are set).
    jwt_issuer: str | None = None
    jwt_audience: str = "partnergraph"
    jwt_public_key: str | None = None
    jwt_algorithms: tuple[str, ...] = ("RS256", "ES256")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env
        port = int(e.get("PARTNERGRAPH_LOCALDB_PORT", "7687"))
        localdb_dir = Path(e.get("PARTNERGRAPH_LOCALDB_DIR", str(PROJECT_ROOT / ".localdb")))
        production = e.get("PARTNERGRAPH_ENV", "development") == "production"
        return cls(
            neo4j_uri=e.get("NEO4J_URI", f"bolt://127.0.0.1:{port}"),
            neo4j_user=e.get("NEO4J_USER", "neo4j"),
            neo4j_password=e.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
            neo4j_database=e.get("NEO4J_DATABASE", "neo4j"),
            localdb_dir=localdb_dir,
            localdb_lib=Path(e.get("PARTNERGRAPH_LOCALDB_LIB", str(localdb_dir / "lib"))),
            localdb_port=port,
            localdb_heap=e.get("PARTNERGRAPH_LOCALDB_HEAP", "2g"),
            api_host=e.get("PARTNERGRAPH_HOST", "127.0.0.1"),
            api_port=int(e.get("PARTNERGRAPH_PORT", "8000")),
            api_max_page_size=int(e.get("PARTNERGRAPH_API_MAX_PAGE_SIZE", "100")),
            api_max_depth=int(e.get("PARTNERGRAPH_API_MAX_DEPTH", "10")),
            api_max_aliases=int(e.get("PARTNERGRAPH_API_MAX_ALIASES", "15")),
            api_max_tokens=int(e.get("PARTNERGRAPH_API_MAX_TOKENS", "2000")),
            api_max_cost=int(e.get("PARTNERGRAPH_API_MAX_COST", "50000")),
            # Production closes the self-documenting doors unless asked to open them.
            api_graphiql=_flag(e.get("PARTNERGRAPH_API_GRAPHIQL"), default=not production),
            api_introspection=_flag(e.get("PARTNERGRAPH_API_INTROSPECTION"), default=not production),
            api_suggestions=_flag(e.get("PARTNERGRAPH_API_SUGGESTIONS"), default=not production),
            api_read_timeout=float(e.get("PARTNERGRAPH_API_READ_TIMEOUT", "15")),
            api_forwarded_allow_ips=e.get("PARTNERGRAPH_API_FORWARDED_ALLOW_IPS", ""),
            api_rate_per_minute=int(e.get("PARTNERGRAPH_API_RATE_PER_MINUTE", "1200")),
            api_rate_burst=int(e.get("PARTNERGRAPH_API_RATE_BURST", "100")),
            api_signin_failures_per_minute=int(
                e.get("PARTNERGRAPH_API_SIGNIN_FAILURES_PER_MINUTE", "30")),
            api_max_body_bytes=int(e.get("PARTNERGRAPH_API_MAX_BODY_BYTES", "1000000")),
            api_max_upload_bytes=int(e.get("PARTNERGRAPH_API_MAX_UPLOAD_BYTES", "50000000")),
            api_cache_bytes=int(e.get("PARTNERGRAPH_API_CACHE_BYTES", "128000000")),
            jwt_issuer=e.get("PARTNERGRAPH_JWT_ISSUER") or None,
            jwt_audience=e.get("PARTNERGRAPH_JWT_AUDIENCE", "partnergraph"),
            jwt_public_key=_read_key(e.get("PARTNERGRAPH_JWT_PUBLIC_KEY")),
            jwt_algorithms=tuple(
                a.strip() for a in e.get("PARTNERGRAPH_JWT_ALGORITHMS", "RS256,ES256").split(",")),
        )


def _flag(value: str | None, *, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.lower() not in ("0", "false", "no", "off")


def _read_key(value: str | None) -> str | None:
    """A PEM public key given inline or as a path to a file."""
    if not value:
        return None
    if value.lstrip().startswith("-----BEGIN"):
        return value
    return Path(value).read_text()
