"""Texts in the languages the business owner reads: Dutch, English and French.

Rule titles, messages and remediations are written per language by the plugin that ships them;
English is the fallback so that a third-party rule with only English text still renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SUPPORTED_LANGUAGES = ("en", "nl", "fr")
FALLBACK_LANGUAGE = "en"

LocalisedText = Mapping[str, str]
"""A text per language code, for example ``{"en": "No goals", "nl": "Geen doelen"}``."""


def pick(text: LocalisedText | str, language: str) -> str:
    """The text in `language`, else English, else any language it has."""
    if isinstance(text, str):
        return text
    if language in text:
        return text[language]
    if FALLBACK_LANGUAGE in text:
        return text[FALLBACK_LANGUAGE]
    return next(iter(text.values()), "")


def render_all(text: LocalisedText, **params: Any) -> LocalisedText:
    """`text` filled in for every language it has, each in its own notation."""
    return {language: render(text, language, **params) for language in text}


def prefixed(prefix: str, text: LocalisedText) -> LocalisedText:
    """`text` in every language it has, each after `prefix: ` (a file's name, say)."""
    return {language: f"{prefix}: {value}" for language, value in text.items()}


def render(text: LocalisedText | str, language: str, **params: Any) -> str:
    """Pick the language and fill in ``{placeholders}`` from `params`, through the one
    formatter (`socialaudit.engine.formatting`), which reads this module's texts; imported
    here when called, as that module builds on this one."""
    from socialaudit.engine.formatting import render as format_text

    return format_text(text, language if language in SUPPORTED_LANGUAGES else "en", **params)
