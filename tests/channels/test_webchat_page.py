"""The web chat page in the resident's language (channels/webchat_page.py): the page's `lang`, its labels and
the words its script shows, for each language the city enables, and the city's own for any other."""

from __future__ import annotations

import json
import re

import pytest

from channels.webchat_page import page_language, render_page, strings

ENABLED = ["en", "es"]


@pytest.mark.parametrize(
    ("requested", "expected"),
    [("es", "es"), ("es-US", "es"), ("ES", "es"), ("en", "en"), ("fr", "en"), (None, "en"), ("", "en")],
)
def test_the_page_language_is_an_enabled_one_or_the_citys_own(requested: str | None, expected: str) -> None:
    assert page_language(requested, ENABLED) == expected


def test_the_spanish_page_is_spanish_throughout() -> None:
    page = render_page("es")
    assert '<html lang="es">' in page
    assert f"<label for=\"onedoor-input\">{strings('es')['input_label']}</label>" in page
    embedded = re.search(r'<script id="onedoor-strings" type="application/json">(.*?)</script>', page, re.S)
    assert embedded is not None and json.loads(embedded.group(1)) == strings("es")


def test_the_pages_words_cannot_break_out_of_their_script_element(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = {**strings("en"), "heading": "</script><script>alert(1)</script>"}
    monkeypatch.setattr("channels.webchat_page.strings", lambda language: hostile)
    page = render_page("en")
    assert page.count("</script>") == 3  # frame.js, the words, webchat.js
    assert "<script>alert(1)" not in page
