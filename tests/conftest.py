"""Fixtures shared by every test: the project's paths and its real sample catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "data" / "catalog"
TAXONOMY = ROOT.parent / "shared" / "service-taxonomy.yml"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CATALOG_DIR)
