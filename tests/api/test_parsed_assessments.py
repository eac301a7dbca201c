"""Stored assessments are parsed once per process, and no more are kept than the bound."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from socialaudit.service.parsed_assessments import ParsedAssessments

MOMENT = datetime(2024, 6, 30, tzinfo=UTC)


def parser(calls: list[str], name: str) -> Any:
    def parse() -> Any:
        calls.append(name)
        return {"parsed": name}

    return parse


def test_a_second_read_does_not_parse_again() -> None:
    cache, calls = ParsedAssessments(size=4), []
    first = cache.get("a", MOMENT, parser(calls, "a"))
    again = cache.get("a", MOMENT, parser(calls, "a"))
    assert again is first
    assert calls == ["a"]


def test_another_row_with_the_same_id_is_parsed_anew() -> None:
    cache, calls = ParsedAssessments(size=4), []
    cache.get("a", MOMENT, parser(calls, "a"))
    cache.get("a", datetime(2024, 7, 1, tzinfo=UTC), parser(calls, "a2"))
    assert calls == ["a", "a2"]


def test_the_least_recently_read_goes_first() -> None:
    cache, calls = ParsedAssessments(size=2), []
    cache.get("a", MOMENT, parser(calls, "a"))
    cache.get("b", MOMENT, parser(calls, "b"))
    cache.get("a", MOMENT, parser(calls, "a"))  # a is now the most recent
    cache.get("c", MOMENT, parser(calls, "c"))  # b goes
    cache.get("a", MOMENT, parser(calls, "a"))
    cache.get("b", MOMENT, parser(calls, "b"))
    assert calls == ["a", "b", "c", "b"]
