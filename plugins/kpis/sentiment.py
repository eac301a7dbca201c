"""How the audience feels about the organisation: the measurement a reputation goal needs
("when the goal is reputation, measure online sentiment", Marketingfacts on ROI).

Sentiment comes from the classifier (positive, neutral or negative per audience message).
Unknown is not neutral: a channel without audience messages, or messages whose sentiment no
classifier gave, has no sentiment KPIs. Each value reports its sample size, so a rule can
refuse to judge from too few messages.

Whether sentiment is getting worse needs no earlier assessment: the data holds the window
before the assessment window, of the same length, and `previous_net_sentiment` measures it the
same way. The pipeline classifies that window's messages only for an organisation with a
reputation goal (with the model, the older window would cost a first assessment as much
again); without one the comparison is unknown, with that reason.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from socialaudit.plugin import (
    SENTIMENT_COLUMN,
    AssessmentContext,
    ChannelView,
    Kpi,
    Measurement,
    Objective,
    Unit,
)
from socialaudit.plugins.kpis._aggregate import channels_with_messages, pooled
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


def _unknown(messages: pl.DataFrame, window: str = "the window") -> Measurement:
    reason = (
        f"no audience messages in {window}"
        if messages.height == 0
        else "the classifier gave no sentiment for these messages"
    )
    return Measurement(None, {"messages": messages.height, "reason": reason})


def net_sentiment(messages: pl.DataFrame, window: str = "the window") -> Measurement:
    counts = _counts(messages)
    if counts is None:
        return _unknown(messages, window)
    total = sum(counts.values())
    return Measurement(
        (counts["positive"] - counts["negative"]) / total, {**counts, "messages": total}
    )


PREVIOUS_WINDOW = "the window before (the files may not reach back that far)"


def _previous_window(ctx: AssessmentContext, view: ChannelView) -> tuple[str, pl.DataFrame]:
    """The messages of the `window_days` before the assessment window, and that window's start."""
    start = view.window_start - timedelta(days=ctx.window_days)
    created = pl.col("created_at")
    before = view.messages.filter((created > start) & (created <= view.window_start))
    return start.isoformat(), before


NOT_COMPARED = (
    "the window before is classified only for an organisation with a reputation goal, "
    "the one goal that compares sentiment with it"
)


def _previous_per_channel(ctx: AssessmentContext, view: ChannelView) -> Measurement:
    if not ctx.organisation.has_goal(Objective.REPUTATION):
        return Measurement(None, {"reason": NOT_COMPARED})
    if not view.data.messages_known:
        return Measurement(None, {"reason": "the channel's data carries no audience messages"})
    start, before = _previous_window(ctx, view)
    measured = net_sentiment(before, PREVIOUS_WINDOW)
    return Measurement(measured.value, {**measured.detail, "from": start})


def _previous_per_organisation(ctx: AssessmentContext) -> Measurement:
    if not ctx.organisation.has_goal(Objective.REPUTATION):
        return Measurement(None, {"reason": NOT_COMPARED})
    known = channels_with_messages(ctx)
    if not known:
        return Measurement(None, {"reason": "no channel's data carries audience messages"})
    windows = [_previous_window(ctx, view) for view in known]
    messages = pooled([before for _, before in windows])
    measured = net_sentiment(messages if messages is not None else windows[0][1], PREVIOUS_WINDOW)
    return Measurement(measured.value, {**measured.detail, "from": windows[0][0]})


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
    Kpi(
        id="previous_net_sentiment",
        name={
            "en": "Net sentiment, window before",
            "nl": "Netto sentiment, vorige periode",
            "fr": "Sentiment net, période précédente",
        },
        unit=Unit.RATIO,
        description={
            "en": "Net sentiment in the period of the same length just before the assessment "
            "window: what the current net sentiment is compared with.",
            "nl": "Netto sentiment in de even lange periode vlak voor de beoordeelde periode: "
            "waarmee het huidige netto sentiment wordt vergeleken.",
            "fr": "Sentiment net sur la période de même durée juste avant la période évaluée : "
            "la référence du sentiment net actuel.",
        },
        formula=(
            "(positive - negative) / audience messages with a sentiment, in the window_days "
            "before the assessment window"
        ),
        higher_is_better=None,
        source=(
            f"{MARKETINGFACTS}: when the goal is reputation, measure online sentiment. "
            f"Comparing with the window before is {OWN}; the article gives no period."
        ),
        unknown_when={
            "en": "When the organisation has no reputation goal (only then is the window "
            "before classified), or no audience message in the window before has a sentiment "
            "(none were posted, the files do not reach back that far, or no classifier gave "
            "one), the value is null, never 0.",
            "nl": "Als de organisatie geen reputatiedoel heeft (alleen dan wordt de vorige "
            "periode geclassificeerd), of geen enkel publieksbericht uit de vorige periode een "
            "sentiment heeft (er waren er geen, de bestanden gaan niet zo ver terug, of geen "
            "classificatie gaf er een), is de waarde leeg, nooit 0.",
            "fr": "Si l'organisation n'a pas d'objectif de réputation (la période précédente "
            "n'est classée que dans ce cas), ou si aucun message du public de la période "
            "précédente n'a de sentiment (il n'y en a pas eu, les fichiers ne remontent pas si "
            "loin, ou aucun classificateur n'en a donné), la valeur est nulle, jamais 0.",
        },
        per_channel=_previous_per_channel,
        per_organisation=_previous_per_organisation,
    ),
]
