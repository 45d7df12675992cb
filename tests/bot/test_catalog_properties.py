"""The catalogue loader on arbitrary files: a catalogue, or one `CatalogError` naming the file, never another
exception (an operator editing YAML must get a clear message, and the server must not die on a traceback)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.catalog import Catalog, CatalogError, load_catalog
from tests.conftest import CATALOG_DIR
from tests.strategies import JSON, PROPERTIES, mutated

FILES = ["agencies.yml", "services/contact_center.yml", "services/public_works.yml"]
ORIGINALS = {name: (CATALOG_DIR / name).read_text(encoding="utf-8") for name in FILES}
DOCUMENTS = [yaml.safe_load(text) for text in ORIGINALS.values()]
YAML_TEXT = st.sampled_from([
    "a: [1, 2", "{", "- - - -", "a: &x [*x]", "!!python/object:os.system {}", "a: b: c", "\t- x", "[" * 1500,
    "opens: -.inf", "respond_within_hours: .inf", "? [a, b]\n: c", "a: 2020-02-30",
])
CONTENTS = (
    st.one_of(mutated(DOCUMENTS), JSON).map(lambda data: yaml.safe_dump(data, allow_unicode=True).encode())
    | YAML_TEXT.map(str.encode)
    | st.binary(max_size=200)
)


@pytest.fixture(scope="module")
def catalog_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the sample catalogue; the tests mutate the agencies and two services files, enough for every rule
    the loader checks (the other services files stay, since scopes send residents to services across agencies)."""
    directory = tmp_path_factory.mktemp("catalog") / "catalog"
    shutil.copytree(CATALOG_DIR, directory)
    yield directory
    shutil.rmtree(directory)


def test_the_catalogue_copy_loads(catalog_dir: Path) -> None:
    assert isinstance(load_catalog(catalog_dir), Catalog)


@settings(PROPERTIES, max_examples=120)  # each example loads the catalogue: about 70 ms
@given(st.sampled_from(FILES), CONTENTS)
def test_any_file_content_loads_or_raises_one_clear_error(catalog_dir: Path, name: str, content: bytes) -> None:
    path = catalog_dir / name
    path.write_bytes(content)
    try:
        load_catalog(catalog_dir)
    except CatalogError as error:
        assert str(error).startswith(str(catalog_dir))
    finally:
        path.write_text(ORIGINALS[name], encoding="utf-8")
