"""Load the demo data set shipped in ingest/demo/ through the normal import path."""

from __future__ import annotations

from pathlib import Path

from graph.store import Store
from ingest.importer import ImportReport, import_files

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*.csv"))


def load_demo(store: Store) -> ImportReport:
    return import_files(store, demo_files(), actor="demo")
