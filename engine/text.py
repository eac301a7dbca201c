"""Texts in the languages the business owner reads: Dutch, English and French.

Rule titles, messages and remediations are written per language by the plugin that ships them;
English is the fallback so that a third-party rule with only English text still renders.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

SUPPORTED_LANGUAGES = ("en", "nl", "fr")
FALLBACK_LANGUAGE = "en"

LocalisedText = Mapping[str, str]
"""A text per language code, for example ``{"en": "No goals", "nl": "Geen doelen"}``."""


class _LenientFormatter(string.Formatter):
    """Leaves an unknown placeholder visible instead of raising: a typo in a third-party
    template must not hide the finding it belongs to."""

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:
            return "n/a"
        if isinstance(value, list | tuple | set | frozenset):
            return ", ".join(str(item) for item in value)
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_formatter = _LenientFormatter()


def pick(text: LocalisedText | str, language: str) -> str:
    """The text in `language`, else English, else any language it has."""
    if isinstance(text, str):
        return text
    if language in text:
        return text[language]
    if FALLBACK_LANGUAGE in text:
        return text[FALLBACK_LANGUAGE]
    return next(iter(text.values()), "")


def render(text: LocalisedText | str, language: str, **params: Any) -> str:
    """Pick the language and fill in ``{placeholders}`` from `params`."""
    return _formatter.format(pick(text, language), **params)
