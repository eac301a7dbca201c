"""Complete translations: every built-in text exists in en, nl and fr with the same facts.

The placeholders of each language must be the same (a missing one is a missing fact), and no
language may be much shorter than English (a truncated translation); words that give away a
template (`post(s)`, `both`) are not used."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest

from socialaudit.engine.registry import Registry, build_registry
from socialaudit.engine.text import SUPPORTED_LANGUAGES

SHORTEST = 0.7
"""A translation this much shorter than English has lost something."""

TEMPLATE_WORDS = re.compile(r"\w\(s\)|\(en\)|\bboth\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry()


def _texts(registry: Registry) -> Iterator[tuple[str, dict[str, str]]]:
    for code, rule in sorted(registry.rules.items()):
        if not registry.owners[f"rules:{code}"].startswith("builtin"):
            continue
        for field in ("name", "message", "rationale", "remediation"):
            yield f"{code}.{field}", dict(getattr(rule, field))
    for kpi_id, kpi in sorted(registry.kpis.items()):
        for field in ("name", "description"):
            yield f"{kpi_id}.{field}", dict(getattr(kpi, field))
    for benchmark_id, benchmark in sorted(registry.benchmarks.items()):
        yield f"{benchmark_id}.description", dict(benchmark.description)
        if benchmark.label:
            yield f"{benchmark_id}.label", dict(benchmark.label)


def _placeholders(text: str) -> set[str]:
    """Each placeholder with its spec (`rate:.0%`), nested fields included."""
    found = set()
    for _, field, spec, _ in string.Formatter().parse(text):
        if field is None or spec.startswith("~"):
            continue  # a word that agrees with a count is grammar, not a fact
        # a word form (a plural, French "de") is the language's own; a number format is a fact
        # (and a capital at the start of a sentence is where the sentence starts)
        spec = spec.lower()
        found.add(field if not spec or "|" in spec or spec == "de" else f"{field}:{spec}")
        if spec:
            found |= _placeholders(spec)
    return found


def test_every_text_is_written_in_every_language(registry: Registry) -> None:
    missing = [
        f"{where} has no {language}"
        for where, text in _texts(registry)
        for language in SUPPORTED_LANGUAGES
        if not text.get(language)
    ]
    assert not missing, missing


def test_every_language_states_the_same_facts(registry: Registry) -> None:
    differing = []
    for where, text in _texts(registry):
        english = _placeholders(text["en"])
        for language, value in text.items():
            if _placeholders(value) != english:
                differing.append(f"{where} [{language}]: {_placeholders(value) ^ english}")
    assert not differing, differing


def test_no_translation_is_truncated(registry: Registry) -> None:
    short = [
        f"{where} [{language}]: {len(value)} characters against {len(text['en'])} in English"
        for where, text in _texts(registry)
        for language, value in text.items()
        if language != "en" and len(text["en"]) > 40 and len(value) < SHORTEST * len(text["en"])
    ]
    assert not short, short


def test_no_template_words(registry: Registry) -> None:
    found = [
        f"{where} [{language}]: {value}"
        for where, text in _texts(registry)
        for language, value in text.items()
        if TEMPLATE_WORDS.search(value)
    ]
    assert not found, found


def test_the_checks_catch_a_truncated_or_incomplete_translation() -> None:
    english = "Answer the {count:question|questions} on {channel} today, in plain language."
    assert _placeholders("Répondez aujourd'hui.") != _placeholders(english)
    assert len("Répondez aujourd'hui.") < SHORTEST * len(english)
    assert TEMPLATE_WORDS.search("at least 1 post(s) a week")
