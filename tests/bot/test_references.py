from __future__ import annotations

import pytest

from bot.references import ALPHABET, find, new_reference, parse


def test_new_references_are_valid_and_distinct() -> None:
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert all(parse(reference) == reference for reference in references)
    assert all(len(reference) == 11 and reference[3] == reference[7] == "-" for reference in references)


def test_a_reference_typed_loosely_is_recognised() -> None:
    reference = new_reference()
    assert parse(reference.lower().replace("-", " ")) == reference
    assert parse(reference.replace("-", "")) == reference


def test_any_single_wrong_character_is_caught() -> None:
    reference = new_reference().replace("-", "")
    for position in range(len(reference)):
        for char in ALPHABET:
            if char != reference[position]:
                typo = reference[:position] + char + reference[position + 1 :]
                assert parse(typo) is None


def test_swapped_neighbours_are_caught() -> None:
    compact = new_reference().replace("-", "")
    for position in range(3, len(compact) - 1):
        if compact[position] != compact[position + 1]:
            swapped = compact[:position] + compact[position + 1] + compact[position] + compact[position + 2 :]
            assert parse(swapped) is None


@pytest.mark.parametrize("text", ["", "ABC", "RVT-7K3-Q9", "RV0-7K3-Q9P", "123-456-789", "IOL-111-000"])
def test_malformed_references_are_rejected(text: str) -> None:
    assert parse(text) is None


def test_find_prefers_a_valid_reference() -> None:
    reference = new_reference()
    assert find(f"status of ABC-123-456 or maybe {reference.lower()} please") == reference.lower()
    assert find(f"case {reference.replace('-', ' ')}") == reference.replace("-", " ")
    assert find(f"my case number is {reference.replace('-', '')}.") == reference.replace("-", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what's the status of RVT-7K3-Q9X please", "RVT-7K3-Q9X"),
        ("how is my pothole report doing", None),
        ("somethingelse entirely", None),
    ],
)
def test_find_returns_a_mistyped_reference_as_written(text: str, expected: str | None) -> None:
    assert find(text) == expected


@pytest.mark.parametrize(
    "shape",
    [
        lambda r: r.lower().replace("-", " "),
        lambda r: r.replace("-", "."),
        lambda r: r.replace("-", "").lower(),
        lambda r: r.replace("-", " - "),
        lambda r: r.lower().replace("-", "  "),
        lambda r: r.replace("-", "/"),
    ],
    ids=["spaces", "dots", "run together", "spaced dashes", "double spaces", "slashes"],
)
@pytest.mark.parametrize("sentence", ["{}", "hi, any news on {} thx", "the {} case", "my case number is {}."])
def test_a_reference_is_found_in_any_shape_inside_a_sentence(shape, sentence: str) -> None:
    reference = "TKX-FK6-ADY"
    assert parse(reference) == reference
    assert parse(find(sentence.format(shape(reference))) or "") == reference


def test_a_chance_match_over_ordinary_words_gives_way_to_the_reference_after_it() -> None:
    assert parse("the tkx fk6") is not None  # ordinary words passing the check character by chance
    assert parse(find("the tkx fk6 ady case") or "") == "TKX-FK6-ADY"


@pytest.mark.parametrize("text", ["can you get the car moved", "what a character", "get the car"])
def test_ordinary_words_are_no_reference_without_a_cue(text: str) -> None:
    assert find(text) is None


def test_letters_holding_a_common_word_count_after_a_cue_or_alone() -> None:
    reference = next(r for r in iter(new_reference, None) if not any(c.isdigit() for c in r) and "-" in r)
    spaced = reference.lower().replace("-", " ")
    assert parse(find(f"status of {spaced}") or "") == reference
    assert parse(find(spaced) or "") == reference
