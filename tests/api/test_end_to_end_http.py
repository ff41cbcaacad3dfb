"""One flow through a real server: uvicorn on 127.0.0.1, a GraphQL client over HTTP
(httpx, speaking the GraphQL-over-HTTP and multipart-request specs): import files, run the
metrics, read the rankings."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.model import TLP, Role
from tests.api.conftest import bearer

ROOT = Path(__file__).resolve().parents[2]

FILES = {
    "partners.csv": "id,name,kind,country,sector,aliases,website,description,source\n"
                    "hub,Hub Agency,law_enforcement,FR,,,,,\n"
                    "spoke-a,Spoke A,cert,NG,,,,,\n"
                    "spoke-b,Spoke B,private_sector,BR,,,,,\n"
                    "spoke-c,Spoke C,academia,JP,,,,,\n",
    "agreements.csv": "id,title,kind,status,signed_on,effective_from,expires_on,binding,scope,"
                      "tlp,objectives,source\n"
                      "ag-a,Hub–A,data_sharing,active,2024-01,,,false,,green,,\n"
                      "ag-b,Hub–B,mou,active,2024-02,,,false,,green,,\n"
                      "ag-c,Hub–C,mou,active,2024-03,,,false,,green,,\n",
    "agreement_parties.csv": "agreement_id,partner_id,role,signed_on,ratified_on\n"
                             "ag-a,hub,party,,\nag-a,spoke-a,party,,\n"
                             "ag-b,hub,party,,\nag-b,spoke-b,party,,\n"
                             "ag-c,hub,party,,\nag-c,spoke-c,party,,\n",
}
IMPORT = """mutation($file: Upload!) { importFile(file: $file) { __typename
  ... on Import { id status } ... on InvalidInput { message problems { field message } } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def server(store) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # generous: the machine may be busy
        while not _ready(url):
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "exited")
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not become ready")
            time.sleep(0.1)
        yield f"{url}/graphql"
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        if proc.stderr:
            proc.stderr.close()


def execute(client: httpx.Client, url: str, query: str, variables=None) -> dict:
    r = client.post(url, json={"query": query, "variables": variables or {}})
    r.raise_for_status()
    body = r.json()
    assert "errors" not in body, body
    return body["data"]


def upload(client: httpx.Client, url: str, name: str, text: str) -> dict:
    r = client.post(url, data={"operations": json.dumps({"query": IMPORT,
                                                          "variables": {"file": None}}),
                               "map": json.dumps({"0": ["variables.file"]})},
                    files={"0": (name, text.encode(), "text/csv")})
    r.raise_for_status()
    return r.json()["data"]["importFile"]


def test_import_run_metrics_read_rankings_over_http(server, store) -> None:
    with httpx.Client(timeout=60, headers=bearer(store, Role.STEWARD, TLP.AMBER)) as client:
        for name in ("partners.csv", "agreements.csv", "agreement_parties.csv"):
            result = upload(client, server, name, FILES[name])
            assert result["__typename"] == "Import" and result["status"] == "complete", result
        run = execute(client, server, "mutation { runMetrics { __typename "
                                      "... on MetricRun { id status } } }")["runMetrics"]
        assert run["status"] == "complete"
        data = execute(client, server, """{ rankings(metric: DEGREE, top: 2) {
            rank value partner { id } } networkSummary { nodes edges } }""")
    assert data["rankings"] == [{"rank": 1, "value": 3.0, "partner": {"id": "hub"}},
                                {"rank": 2, "value": 1.0, "partner": {"id": "spoke-a"}}]
    assert data["networkSummary"] == {"nodes": 4, "edges": 3}
