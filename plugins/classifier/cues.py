"""The cue classifier: language by py3langid, labels by weighted cues from language packs (Dutch,
English, French and language-neutral), with the cues that decided as evidence.

It is the fallback where the model package is not installed, and it gives the model's labels
their evidence: the cues of the chosen label that match the text.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path

import polars as pl

from socialaudit.plugin import (
    CLASSIFICATION_SCHEMA,
    MESSAGE_LABELS,
    UNKNOWN_LANGUAGE,
    ContentClassifier,
)
from socialaudit.plugins.classifier.language import LanguageIdentifier
from socialaudit.plugins.classifier.normalise import for_cues
from socialaudit.plugins.classifier.packs import (
    ANY_LANGUAGE,
    BUILTIN_PACKS,
    Cue,
    Packs,
    known_good,
    load_packs,
)
from socialaudit.plugins.classifier.scoring import label_evidence, score

POST_ORDER = ("promotional", "conversational", "informational")
MESSAGE_ORDER = ("complaint", "question", "other", "praise")
assert set(MESSAGE_ORDER) == set(MESSAGE_LABELS)
ORDERS = {"posts": POST_ORDER, "messages": MESSAGE_ORDER}
DEFAULTS = {"posts": "informational", "messages": "other"}


class CueClassifier(ContentClassifier):
    name = "builtin"
    title = "Weighted cues from language packs, language by py3langid"
    languages = ("nl", "en", "fr")

    def __init__(self, identifier: LanguageIdentifier | None = None) -> None:
        self._extra_packs: list[Path] = []
        self.identifier = identifier or LanguageIdentifier()

    def use_language_packs(self, paths: list[Path]) -> None:
        self._extra_packs = list(paths)
        self.__dict__.pop("packs", None)
        self.__dict__.pop("version", None)
        if not known_good([*BUILTIN_PACKS, *self._extra_packs]):
            _ = self.packs  # a broken pack fails at start-up, not mid-assessment
        # else they are read when a text is first classified, which a run whose labels all
        # come from the cache never does

    @cached_property
    def packs(self) -> Packs:
        return load_packs([*BUILTIN_PACKS, *self._extra_packs])

    @cached_property
    def version(self) -> str:  # type: ignore[override]
        """The cues' content and the language identifier: a changed pack or identifier gives
        other labels and other evidence."""
        digest = hashlib.sha256(self.identifier.version.encode())
        for path in [*BUILTIN_PACKS, *self._extra_packs]:
            digest.update(Path(path).read_bytes())
        return f"cues:{digest.hexdigest()[:16]}"

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

    def evidence(self, texts: pl.DataFrame, kind: str) -> pl.Series:
        """`texts` has ``text``, ``language`` and ``label``: the cues of each row's label that
        match its text, in row order."""
        rows = texts.with_row_index("_row").with_columns(for_cues(pl.col("text")).alias("text"))
        found = pl.concat(
            [
                label_evidence(group, self._cues_for(str(language), kind), ORDERS[kind])
                for (language,), group in rows.group_by("language")
            ]
        ).sort("_row")
        return found["evidence"]

    def _classify(self, texts: pl.Series, kind: str) -> pl.DataFrame:
        default = DEFAULTS[kind]
        rows = pl.DataFrame({"text": texts.cast(pl.String).str.strip_chars()})
        distinct = rows.filter(pl.col("text").str.len_chars() > 0).unique("text")
        distinct = distinct.with_columns(
            self.identifier.identify(distinct["text"]), for_cues(pl.col("text")).alias("_cue_text")
        )
        labelled = pl.concat(
            [
                score(
                    group.select(pl.col("_cue_text").alias("text")),
                    self._cues_for(str(language), kind),
                    ORDERS[kind],
                    default,
                )
                .drop("text")
                .hstack(group.select("text", "language"))
                for (language,), group in distinct.group_by("language")
            ]
            or [
                distinct.with_columns(
                    pl.lit(None, pl.String).alias("label"),
                    pl.lit(None, pl.Float64).alias("confidence"),
                    pl.lit(None, pl.List(pl.String)).alias("evidence"),
                )
            ]
        ).select("text", "language", "label", "confidence", "evidence")
        result = rows.join(labelled, on="text", how="left", maintain_order="left")
        return result.select(
            pl.col("language").fill_null(UNKNOWN_LANGUAGE),
            pl.col("label").fill_null(default),
            pl.col("confidence").fill_null(0.0),
            pl.col("evidence").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        ).cast(CLASSIFICATION_SCHEMA)  # type: ignore[arg-type]

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._classify(texts, "posts")

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._classify(texts, "messages")
