"""A small batch's cues run in Python's `regex` (compiled once a process), a large one's in
polars' Rust engine: the packs are written for Rust, so both must read every built-in cue the
same way on real text, and a pattern whose syntax the engines read apart must stay in polars."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from socialaudit.plugins.classifier import scoring
from socialaudit.plugins.classifier.cues import DEFAULTS, ORDERS, CueClassifier
from socialaudit.plugins.classifier.normalise import for_cues
from socialaudit.plugins.classifier.packs import Cue
from socialaudit.plugins.classifier.patterns import compiled

LABELLED = Path(__file__).parent / "data" / "labelled"


@pytest.fixture(scope="module")
def classifier() -> CueClassifier:
    built = CueClassifier()
    built.use_language_packs([])
    return built


@pytest.fixture(scope="module")
def labelled_texts() -> pl.DataFrame:
    """Every labelled text (training and held-out, posts and messages, every language, every
    writer), as the cues read them."""
    return pl.concat(
        [
            pl.read_csv(path, columns=["text", "kind"])
            for path in sorted(LABELLED.glob("*.csv"))
            if path.name != "wild_labels.csv"
        ]
    ).select(for_cues(pl.col("text")).alias("text"), "kind")


def builtin_cues(classifier: CueClassifier) -> list[Cue]:
    return list(
        {
            cue.pattern: cue
            for kinds in classifier.packs.values()
            for labels in kinds.values()
            for cues in labels.values()
            for cue in cues
        }.values()
    )


def test_every_builtin_cue_runs_in_python(classifier: CueClassifier) -> None:
    cues = builtin_cues(classifier)
    assert len(cues) > 150
    assert [cue.name for cue in cues if compiled(cue.pattern) is None] == []


def test_both_engines_agree_on_every_labelled_text_for_every_builtin_cue(
    classifier: CueClassifier, labelled_texts: pl.DataFrame
) -> None:
    texts = labelled_texts["text"]
    disagreements = []
    matched = 0
    for cue in builtin_cues(classifier):
        in_polars = texts.str.contains(f"(?i){cue.pattern}").to_list()
        pattern = compiled(cue.pattern)
        assert pattern is not None
        in_python = [pattern.search(text) is not None for text in texts]
        matched += sum(in_python)
        disagreements += [
            (cue.name, text)
            for text, rust, python in zip(texts, in_polars, in_python, strict=True)
            if rust != python
        ]
    assert disagreements == []
    assert matched > texts.len()  # the cues fire, so agreeing says something


@pytest.mark.parametrize("kind", ["posts", "messages"])
@pytest.mark.parametrize("language", ["nl", "en", "fr", "unknown"])
def test_scores_are_the_same_whichever_engine_matches(
    classifier: CueClassifier,
    labelled_texts: pl.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    language: str,
) -> None:
    wanted = {"posts": "post", "messages": "message"}[kind]
    texts = labelled_texts.filter(pl.col("kind") == wanted).select("text").head(240)
    texts = pl.concat([texts, pl.DataFrame({"text": ["", None, "zqxj"]})])
    cues = classifier._cues_for(language, kind)

    def scored(limit: int) -> pl.DataFrame:
        monkeypatch.setattr(scoring, "PYTHON_MATCHING_LIMIT", limit)
        return scoring.score(texts, cues, ORDERS[kind], DEFAULTS[kind])

    in_python, in_polars = scored(10**9), scored(0)
    assert in_python.equals(in_polars)
    assert in_python["evidence"].list.len().sum() > 0


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?U)ko+p",  # lazy repeats in Rust, the Unicode flag in Python
        r"(?x)gratis verzending",  # verbose mode treats classes apart
        r"(?-u:\b)gratis",  # Rust's ASCII-only boundary
        r"\b{start}gratis",
        r"\<gratis\>",
        r"gratis\z",
        r"[a-z&&[^aeiou]]+",  # a set operation; literal characters in `regex`
        r"[[:alpha:]]+",  # ASCII in Rust, Unicode in `regex`
    ],
)
def test_syntax_the_engines_read_apart_stays_in_polars(pattern: str) -> None:
    assert compiled(pattern) is None
    texts = pl.DataFrame({"text": ["Gratis verzending!", "koop nu", "niets"]})
    cues = {"promotional": [Cue("test", pattern, 1.0)]}
    # still scored, by polars, in a batch small enough for Python
    scored = scoring.score(texts, cues, ("promotional", "informational"), "informational")
    assert scored.height == 3


def test_rusts_braced_code_point_escape_is_rewritten() -> None:
    pattern = compiled(r"(\p{Extended_Pictographic}|[\x{2764}\x{FE0F}])+")
    assert pattern is not None
    assert pattern.search("top ❤️") and pattern.search("😀")
    assert not pattern.search("x{FE0F}")
    escaped = compiled(r"\\x{FE0F}")  # an escaped backslash, then the letters: left alone
    assert escaped is not None and escaped.pattern == r"(?i)\\x{FE0F}"
