from __future__ import annotations

import pytest

from bot.case_form import MAX_LOCATION_CHARS, clean_answer, fields_to_ask
from bot.catalog import CaseField, Catalog


def test_fields_follow_the_catalogue(catalog: Catalog) -> None:
    assert fields_to_ask(catalog.services["pothole_report"]) == [CaseField.LOCATION, CaseField.DESCRIPTION]


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        (CaseField.LOCATION, "  12 Fictional Lane ", "12 Fictional Lane"),
        (CaseField.LOCATION, "", None),
        (CaseField.LOCATION, "😀", None),
        (CaseField.DESCRIPTION, None, None),
        (CaseField.CONTACT, "no thanks", ""),
        (CaseField.CONTACT, "Skip", ""),
        (CaseField.CONTACT, "call me on the number I texted from", "call me on the number I texted from"),
        (CaseField.LOCATION, "no", "no"),
    ],
)
def test_clean_answer(field: CaseField, text: str | None, expected: str | None) -> None:
    assert clean_answer(field, text) == expected


def test_a_long_location_is_cut_to_the_limit() -> None:
    assert clean_answer(CaseField.LOCATION, "x" * 5000) == "x" * MAX_LOCATION_CHARS
