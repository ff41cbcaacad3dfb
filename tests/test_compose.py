"""docker-compose.yml cannot run here (no Docker engine), so check its shape instead."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import yaml

from graph.config import PROJECT_ROOT


def _compose() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


def _embedded_neo4j_version() -> str:
    pom = ET.parse(PROJECT_ROOT / "graph" / "embedded_neo4j" / "pom.xml")
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    return pom.getroot().find("m:properties/m:neo4j.version", ns).text


def test_neo4j_image_is_community_and_matches_the_embedded_version() -> None:
    image = _compose()["services"]["neo4j"]["image"]
    match = re.fullmatch(r"neo4j:(\d+\.\d+\.\d+)-community", image)
    assert match, image
    assert match.group(1) == _embedded_neo4j_version()


def test_neo4j_has_a_health_check_volumes_and_auth_from_the_environment() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_setup_job_waits_for_a_healthy_neo4j_and_the_api_for_the_setup() -> None:
    services = _compose()["services"]
    assert services["setup"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["setup"]["command"][:2] == ["partnergraph", "up"]
    assert services["api"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    assert services["api"]["build"] == "."
    for name in ("setup", "api"):
        env = services[name]["environment"]
        assert env["NEO4J_URI"] == "bolt://neo4j:7687"
        assert env["NEO4J_PASSWORD"] == "${NEO4J_PASSWORD}"
    assert services["api"]["environment"]["PARTNERGRAPH_ENV"] == "production"


def test_no_secret_is_written_in_the_compose_file() -> None:
    text = (PROJECT_ROOT / "docker-compose.yml").read_text()
    assert "partnergraph-dev" not in text
    assert not re.search(r"^\s*NEO4J_PASSWORD:\s*[^$\s]", text, re.MULTILINE)
