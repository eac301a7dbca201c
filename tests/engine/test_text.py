"""Texts a business owner reads: their language, and numbers in that language's notation."""

from __future__ import annotations

import pytest

from socialaudit.engine.text import render

TEMPLATE = {
    "en": "{rate:.1%} of {count:,} posts, {mean:.2f} a week; {code}",
    "nl": "{rate:.1%} van {count:,} berichten, {mean:.2f} per week; {code}",
    "fr": "{rate:.1%} de {count:,} publications, {mean:.2f} par semaine ; {code}",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "4.3% of 12,500 posts, 3.50 a week; AGY001"),
        ("nl", "4,3% van 12.500 berichten, 3,50 per week; AGY001"),
        ("fr", "4,3\u202f% de 12\u202f500 publications, 3,50 par semaine\u202f; AGY001"),
    ],
)
def test_numbers_follow_the_readers_notation_and_text_is_left_alone(
    language: str, expected: str
) -> None:
    assert render(TEMPLATE, language, rate=0.043, count=12500, mean=3.5, code="AGY001") == expected


def test_a_missing_language_falls_back_to_english_with_english_notation() -> None:
    assert render({"en": "{x:.1f} a week"}, "nl", x=2.25) == "2,2 a week"  # notation still nl
    assert render({"en": "{x:.1f}"}, "en", x=2.25) == "2.2"


def test_unknown_placeholders_and_unknown_values_stay_readable() -> None:
    assert render({"en": "{missing} and {none}"}, "en", none=None) == "{missing} and unknown"
    assert render({"en": "{missing} and {none}"}, "nl", none=None) == "{missing} and onbekend"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 channel"),
        ("en", 0, "0 channels"),
        ("nl", 1, "1 kanaal"),
        ("nl", 3, "3 kanalen"),
        ("fr", 0, "0 canal"),
        ("fr", 2, "2 canaux"),
    ],
)
def test_counts_take_the_right_noun(language: str, count: int, expected: str) -> None:
    template = {"en": "{n:channel|channels}", "nl": "{n:kanaal|kanalen}", "fr": "{n:canal|canaux}"}
    assert render(template, language, n=count) == expected
