"""The built-in content classifier: language by lingua, labels by weighted cues from language
packs (Dutch, English, French and language-neutral), with the cues that decided as evidence.

Replace it through ``[classifier] use = "..."`` in `plugins.toml` with any classifier another
plugin registers; extend it through ``socialaudit_language_packs``.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import polars as pl

from socialaudit.plugin import (
    CLASSIFICATION_SCHEMA,
    MESSAGE_LABELS,
    UNKNOWN_LANGUAGE,
    ContentClassifier,
    hookimpl,
)
from socialaudit.plugins.classifier.language import LanguageIdentifier
from socialaudit.plugins.classifier.packs import ANY_LANGUAGE, BUILTIN_PACKS, Cue, Packs, load_packs
from socialaudit.plugins.classifier.scoring import score

POST_ORDER = ("promotional", "conversational", "informational")
MESSAGE_ORDER = ("complaint", "question", "other", "praise")
assert set(MESSAGE_ORDER) == set(MESSAGE_LABELS)


class CueClassifier(ContentClassifier):
    name = "builtin"
    title = "Weighted cues from language packs, language by lingua"
    languages = ("nl", "en", "fr")

    def __init__(self) -> None:
        self._extra_packs: list[Path] = []
        self._identifier = LanguageIdentifier()

    def use_language_packs(self, paths: list[Path]) -> None:
        self._extra_packs = list(paths)
        self.__dict__.pop("packs", None)
        _ = self.packs  # a broken pack fails at start-up, not mid-assessment

    @cached_property
    def packs(self) -> Packs:
        return load_packs([*BUILTIN_PACKS, *self._extra_packs])

    def _cues_for(self, language: str, kind: str) -> dict[str, list[Cue]]:
        """A language's cues plus the neutral ones; every pack's for an unknown language."""
        sources = (
            [language]
            if language in self.packs
            else [lang for lang in self.packs if lang != ANY_LANGUAGE]
        )
        merged: dict[str, list[Cue]] = {}
        for source in [*sources, ANY_LANGUAGE]:
            for label, cues in self.packs.get(source, {}).get(kind, {}).items():
                merged.setdefault(label, []).extend(cues)
        return merged

    def _classify(
        self, texts: pl.Series, kind: str, order: tuple[str, ...], default: str
    ) -> pl.DataFrame:
        rows = pl.DataFrame({"text": texts.cast(pl.String).str.strip_chars()})
        distinct = rows.filter(pl.col("text").str.len_chars() > 0).unique("text")
        distinct = distinct.with_columns(self._identifier.identify(distinct["text"]))
        labelled = pl.concat(
            [
                score(group, self._cues_for(str(language), kind), order, default)
                for (language,), group in distinct.group_by("language")
            ]
            or [
                distinct.with_columns(
                    pl.lit(None, pl.String).alias("label"),
                    pl.lit(None, pl.Float64).alias("confidence"),
                    pl.lit(None, pl.List(pl.String)).alias("evidence"),
                )
            ]
        )
        result = rows.join(labelled, on="text", how="left", maintain_order="left")
        return result.select(
            pl.col("language").fill_null(UNKNOWN_LANGUAGE),
            pl.col("label").fill_null(default),
            pl.col("confidence").fill_null(0.0),
            pl.col("evidence").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        ).cast(CLASSIFICATION_SCHEMA)  # type: ignore[arg-type]

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._classify(texts, "posts", POST_ORDER, "informational")

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._classify(texts, "messages", MESSAGE_ORDER, "other")


@hookimpl
def socialaudit_content_classifiers() -> list[ContentClassifier]:
    return [CueClassifier()]
