"""How the audience feels about the organisation: the measurement a reputation goal needs
("when the goal is reputation, measure online sentiment", Marketingfacts on ROI).

Sentiment comes from the classifier (positive, neutral or negative per audience message).
Unknown is not neutral: a channel without audience messages, or messages whose sentiment no
classifier gave, has no sentiment KPIs. Each value reports its sample size, so a rule can
refuse to judge from too few messages.
"""

from __future__ import annotations

import polars as pl

from socialaudit.plugin import SENTIMENT_COLUMN, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._sources import MARKETINGFACTS, OWN
from socialaudit.plugins.kpis.conversation import per_channel, per_organisation

SOURCE = (
    f"{MARKETINGFACTS}: when the goal is reputation, measure online sentiment. The sentiment "
    "of each audience message comes from the classifier (docs/classifier.md); the formula is "
    f"{OWN}, and the article gives none."
)


def _counts(messages: pl.DataFrame) -> dict[str, int] | None:
    """Messages per sentiment, or None when no message's sentiment is known."""
    if SENTIMENT_COLUMN not in messages.columns:
        return None
    known = messages[SENTIMENT_COLUMN].drop_nulls()
    if known.len() == 0:
        return None
    counts = {"positive": 0, "neutral": 0, "negative": 0}
    for value, count in known.value_counts().iter_rows():
        counts[value] = count
    return counts


def _unknown(messages: pl.DataFrame) -> Measurement:
    reason = (
        "no audience messages in the window"
        if messages.height == 0
        else "the classifier gave no sentiment for these messages"
    )
    return Measurement(None, {"messages": messages.height, "reason": reason})


def net_sentiment(messages: pl.DataFrame) -> Measurement:
    counts = _counts(messages)
    if counts is None:
        return _unknown(messages)
    total = sum(counts.values())
    return Measurement(
        (counts["positive"] - counts["negative"]) / total, {**counts, "messages": total}
    )


def negative_share(messages: pl.DataFrame) -> Measurement:
    counts = _counts(messages)
    if counts is None:
        return _unknown(messages)
    total = sum(counts.values())
    return Measurement(counts["negative"] / total, {**counts, "messages": total})


KPIS = [
    Kpi(
        id="net_sentiment",
        name={"en": "Net sentiment", "nl": "Netto sentiment", "fr": "Sentiment net"},
        unit=Unit.RATIO,
        description={
            "en": "Positive minus negative audience messages, as a share of all of them: from "
            "-1 (all negative) to +1 (all positive).",
            "nl": "Positieve min negatieve berichten van het publiek, als aandeel van alle "
            "berichten: van -1 (alles negatief) tot +1 (alles positief).",
            "fr": "Messages du public positifs moins négatifs, en part de tous les messages : "
            "de -1 (tous négatifs) à +1 (tous positifs).",
        },
        formula="(positive - negative) / audience messages with a sentiment, in the window",
        higher_is_better=True,
        source=SOURCE,
        per_channel=per_channel(net_sentiment),
        per_organisation=per_organisation(net_sentiment),
    ),
    Kpi(
        id="negative_share",
        name={
            "en": "Share of negative messages",
            "nl": "Aandeel negatieve berichten",
            "fr": "Part des messages négatifs",
        },
        unit=Unit.RATIO,
        description={
            "en": "Share of audience messages with a negative sentiment.",
            "nl": "Aandeel van de berichten van het publiek met een negatief sentiment.",
            "fr": "Part des messages du public au sentiment négatif.",
        },
        formula="negative / audience messages with a sentiment, in the window",
        higher_is_better=False,
        source=SOURCE,
        per_channel=per_channel(negative_share),
        per_organisation=per_organisation(negative_share),
    ),
]
