"""Which language a text is in, with lingua, a library made for short texts.

Texts of fewer than two words are ``unknown``: lingua would guess, and a wrong language picks
the wrong cues. The detector is built once and run once per distinct text.
"""

from __future__ import annotations

from functools import cached_property

import polars as pl
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from socialaudit.plugin import UNKNOWN_LANGUAGE

CANDIDATES = (
    Language.DUTCH,
    Language.ENGLISH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.ITALIAN,
)
MIN_WORDS = 2
MIN_RELATIVE_DISTANCE = 0.05


class LanguageIdentifier:
    @cached_property
    def _detector(self) -> LanguageDetector:
        return (
            LanguageDetectorBuilder.from_languages(*CANDIDATES)
            .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
            .build()
        )

    def identify(self, texts: pl.Series) -> pl.Series:
        """An ISO 639-1 code per text, or ``unknown``."""
        words = texts.str.count_matches(r"[^\W\d_]{2,}").fill_null(0)
        long_enough = (words >= MIN_WORDS).to_list()
        candidates = [t for t, ok in zip(texts.to_list(), long_enough, strict=True) if ok]
        detected = iter(self._detector.detect_languages_in_parallel_of(candidates))
        codes = []
        for ok in long_enough:
            language = next(detected) if ok else None
            codes.append(language.iso_code_639_1.name.lower() if language else UNKNOWN_LANGUAGE)
        return pl.Series("language", codes, dtype=pl.String)
