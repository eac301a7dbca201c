"""Cues read words, not links, domains, handles or hashtags; a reply's leading handles go."""

from __future__ import annotations

import polars as pl
import pytest

from socialaudit.plugins.classifier import CueClassifier
from socialaudit.plugins.classifier.normalise import for_cues, for_model


def apply(expression, texts: list[str | None]) -> list[str | None]:  # type: ignore[no-untyped-def]
    return (
        pl.DataFrame({"t": texts}, schema={"t": pl.String})
        .select(expression(pl.col("t")))["t"]
        .to_list()
    )


@pytest.fixture(scope="module")
def cues() -> CueClassifier:
    built = CueClassifier()
    built.use_language_packs([])
    return built


def test_links_and_handles_for_the_model() -> None:
    assert apply(for_model, ["@bakker_jan zijn jullie open? https://t.co/x1 ", None]) == [
        "@user zijn jullie open?",
        None,
    ]


def test_words_only_for_the_cues() -> None:
    texts = [
        "@bakker_jan @an.v zijn jullie open?",
        "Nieuws op www.order-direct.be/blog en shop.example.com #salesday",
        "@tom_b @an",  # a friend tag keeps its handles
        "mail naar info@bestel-nu.be",
    ]
    assert apply(for_cues, texts) == [
        "zijn jullie open?",
        "Nieuws op en",
        "@user @user",
        "mail naar",
    ]


def test_a_domain_with_a_sales_word_is_not_promotional(cues: CueClassifier) -> None:
    text = "Onze openingsuren deze week staan op www.order-direct.be en op #buynow-day."
    row = cues.classify_posts(pl.Series([text])).row(0, named=True)
    assert not any(e.startswith("promotional") for e in row["evidence"])
    assert row["label"] != "promotional"
    # the same word as a word still counts
    assert cues.classify_posts(pl.Series(["Order now: new winter jackets!"]))["label"][0] == (
        "promotional"
    )


def test_a_reply_that_starts_with_handles_is_read_as_a_question(cues: CueClassifier) -> None:
    row = cues.classify_messages(pl.Series(["@bakkerij_jan zijn jullie maandag open?"])).row(
        0, named=True
    )
    assert row["label"] == "question"
    assert cues.classify_messages(pl.Series(["@tom_b"]))["label"][0] == "other"
