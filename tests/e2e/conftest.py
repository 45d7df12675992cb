"""A running One Door for the end-to-end tests: the real Rasa server and action server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.assistant import MODEL, Assistant, running_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    with running_assistant(tmp_path_factory.mktemp("assistant")) as running:
        yield running
