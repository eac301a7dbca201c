"""Which language a text is in, with py3langid (langid.py's model; BSD-3, model in its wheel).

py3langid chooses among `CANDIDATES` only: unrestricted, it names any of its 140 languages for
a short text ("Bestel nu" Afrikaans, "ok merci" Hungarian), and no pack exists for those. Its
probabilities are normalised over the six candidates, so the likeliest one's probability says
how clear the choice is; below `MIN_PROBABILITY` (no language as likely as all the others
together) the text is ``unknown``, since a wrong language picks the wrong cues while an unknown
one is scored against every pack.

Texts of fewer than two words are ``unknown`` too: one word is a guess. So are texts most of
whose words are not in the Latin alphabet (Arabic, Cyrillic, Greek, Chinese...): every
candidate is written in it, and the restricted model would still name one (Arabic as English).

A text in another language written in the Latin alphabet gets the candidate closest to it or,
where none is clear, ``unknown`` (docs/classifier.md, "Language identification").

py3langid is imported and its model loaded on the first text to identify, not before: a run
whose labels all come from the classification cache (languages are part of the cached result)
never pays its second of loading and 130 MB.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import polars as pl

from socialaudit.plugin import UNKNOWN_LANGUAGE

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier as Py3LangId

CANDIDATES = ("nl", "en", "fr", "de", "es", "it")
"""ISO 639-1 codes of the languages py3langid chooses among."""
MIN_WORDS = 2
WORD = r"[^\W\d_]{2,}"
LATIN_WORD = r"\p{Latin}{2,}"
MIN_PROBABILITY = 0.5
"""Chosen on the labelled training rows only (docs/classifier.md, "Language identification")."""
UNDECIDED = "und"
"""What py3langid answers below its minimum confidence."""


def build_detector() -> Py3LangId:
    """py3langid restricted to `CANDIDATES`, configured as the classifier uses it."""
    from py3langid.langid import MODEL_FILE
    from py3langid.langid import LanguageIdentifier as Py3LangId

    detector = Py3LangId.from_model_file(
        MODEL_FILE, norm_probs=True, min_confidence=MIN_PROBABILITY
    )
    detector.set_languages(list(CANDIDATES))
    return detector


def identifiable(texts: pl.Series) -> pl.Series:
    """Whether each text is worth identifying: `MIN_WORDS` words or more, most of them in the
    Latin alphabet (a null text is not)."""
    words = texts.str.count_matches(WORD).fill_null(0)
    latin = texts.str.count_matches(LATIN_WORD).fill_null(0)
    return (latin >= MIN_WORDS) & (2 * latin > words)


def detect(detector: Py3LangId, text: str) -> str:
    """One text's ISO code, or ``unknown`` where no candidate is clear."""
    code: str = detector.classify(text)[0]
    return UNKNOWN_LANGUAGE if code == UNDECIDED else code


class LanguageIdentifier:
    @property
    def version(self) -> str:
        """The identifier and its settings, part of the classifiers' cache key: another
        identifier gives other languages, so cached results must not be kept (read from the
        package's metadata, so the model is not loaded for it)."""
        from importlib.metadata import version

        return (
            f"py3langid {version('py3langid')}: {','.join(CANDIDATES)}; "
            f"{MIN_WORDS} words, mostly Latin; p >= {MIN_PROBABILITY}"
        )

    @cached_property
    def _detector(self) -> Py3LangId:
        return build_detector()

    def identify(self, texts: pl.Series) -> pl.Series:
        """An ISO 639-1 code per text, or ``unknown``."""
        chosen = identifiable(texts).to_list()
        if not any(chosen):  # the model is not loaded for these
            return pl.Series("language", [UNKNOWN_LANGUAGE] * len(chosen), dtype=pl.String)
        codes = [
            detect(self._detector, text) if ok else UNKNOWN_LANGUAGE
            for text, ok in zip(texts.to_list(), chosen, strict=True)
        ]
        return pl.Series("language", codes, dtype=pl.String)
