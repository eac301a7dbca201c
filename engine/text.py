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


# Decimal comma in Dutch and French; the grouping separator a format spec asks for (`,`)
# becomes the one the language writes (a point in Dutch, a narrow no-break space in French).
_NUMBER_NOTATION = {
    "nl": str.maketrans({",": ".", ".": ","}),
    "fr": str.maketrans({",": "\u202f", ".": ","}),
}


class _LenientFormatter(string.Formatter):
    """Leaves an unknown placeholder visible instead of raising: a typo in a third-party
    template must not hide the finding it belongs to. Numbers are written in the reader's
    notation, so a template's `{rate:.1%}` reads 4,3% in Dutch. A count with a spec
    `singular|plural` is written with the right noun: `{channels:kanaal|kanalen}` reads
    "1 kanaal" or "3 kanalen" (French takes the singular for 0 too)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.notation = _NUMBER_NOTATION.get(language)
        self.singular_counts = (0, 1) if language == "fr" else (1,)

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:
            return "n/a"
        if isinstance(value, list | tuple | set | frozenset):
            return ", ".join(str(item) for item in value)
        if "|" in format_spec and isinstance(value, int) and not isinstance(value, bool):
            singular, plural = format_spec.split("|", 1)
            return f"{value} {singular if value in self.singular_counts else plural}"
        try:
            formatted = super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return formatted.translate(self.notation) if number and self.notation else formatted


_formatters = {language: _LenientFormatter(language) for language in SUPPORTED_LANGUAGES}


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
    """Pick the language and fill in ``{placeholders}`` from `params`."""
    formatter = _formatters.get(language, _formatters[FALLBACK_LANGUAGE])
    return formatter.format(pick(text, language), **params)
