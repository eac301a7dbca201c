"""Which language a text is in, with lingua, a library made for short texts.

Texts of fewer than two words are ``unknown``: lingua would guess, and a wrong language picks
the wrong cues. The detector is built once and run once per distinct text.

lingua is imported and its models loaded on the first text to identify, not before: a run
whose labels all come from the classification cache (languages are part of the cached result)
never pays its second of loading and 250 MB.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import polars as pl

from socialaudit.plugin import UNKNOWN_LANGUAGE

if TYPE_CHECKING:
    from lingua import LanguageDetector

CANDIDATES = ("nl", "en", "fr", "de", "es", "it")
"""ISO 639-1 codes of the languages lingua chooses among."""
MIN_WORDS = 2
MIN_RELATIVE_DISTANCE = 0.05


def build_detector(*, low_accuracy: bool = False) -> LanguageDetector:
    """lingua restricted to `CANDIDATES`, configured as the classifier uses it."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in CANDIDATES]
    builder = LanguageDetectorBuilder.from_languages(*languages).with_minimum_relative_distance(
        MIN_RELATIVE_DISTANCE
    )
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


class LanguageIdentifier:
    @cached_property
    def _detector(self) -> LanguageDetector:
        return build_detector()

    def identify(self, texts: pl.Series) -> pl.Series:
        """An ISO 639-1 code per text, or ``unknown``."""
        words = texts.str.count_matches(r"[^\W\d_]{2,}").fill_null(0)
        long_enough = (words >= MIN_WORDS).to_list()
        candidates = [t for t, ok in zip(texts.to_list(), long_enough, strict=True) if ok]
        if not candidates:
            return pl.Series("language", [UNKNOWN_LANGUAGE] * len(long_enough), dtype=pl.String)
        detected = iter(self._detector.detect_languages_in_parallel_of(candidates))
        codes = []
        for ok in long_enough:
            language = next(detected) if ok else None
            codes.append(language.iso_code_639_1.name.lower() if language else UNKNOWN_LANGUAGE)
        return pl.Series("language", codes, dtype=pl.String)
