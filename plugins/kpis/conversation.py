"""Whether the audience gets an answer, and how fast. Arnold Worldwide: 60% expect an answer
from a brand on social media; Maritz: 85% got none.

Unknown is not zero: a channel whose data carries no audience messages has no response KPIs,
and the organisation's values pool only the channels that do.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from socialaudit.plugin import AssessmentContext, ChannelView, Kpi, Measurement, Unit
from socialaudit.plugins.kpis._aggregate import channels_with_messages, pooled
from socialaudit.plugins.kpis._sources import ARNOLD_MARITZ, MERKIMAGO, OWN

EXPECTS_ANSWER = ("question", "complaint")

MESSAGES_SOURCE = (
    f"{MERKIMAGO}: social media is a conversation, not a sales channel. Counting the "
    f"audience's messages is {OWN}; no study defines it."
)
LABELS_SOURCE = (
    f"{MERKIMAGO}: businesses avoid answering out of fear of negative comments. The labels "
    f"come from the classifier (docs/classifier.md); counting them is {OWN}."
)
ANSWER_SOURCE = (
    f"{ARNOLD_MARITZ}: 60% expect an answer from a brand on social media (Arnold Worldwide), "
    f"85% got none (Maritz). The share of messages the business answered is {OWN}, the "
    "business's side of the same question; none of these sources measured it."
)
DELAY_SOURCE = (
    f"{ARNOLD_MARITZ}: the audience expects an answer (Arnold Worldwide: 60%). The time to the "
    f"first reply is {OWN}; none of these sources gives a time."
)
UNANSWERED_SOURCE = (
    f"{ARNOLD_MARITZ}: 85% of consumers got no answer to a post (Maritz), which damages the "
    f"brand. Counting the messages left without a reply is {OWN}."
)

Formula = Callable[[pl.DataFrame], Measurement | float | int | None]


def _answered() -> pl.Expr:
    return pl.col("reply_created_at").is_not_null()


def _expecting(messages: pl.DataFrame) -> pl.DataFrame:
    return messages.filter(pl.col("label").is_in(EXPECTS_ANSWER))


def message_count(messages: pl.DataFrame) -> int:
    return messages.height


def label_count(label: str) -> Formula:
    def count(messages: pl.DataFrame) -> Measurement | None:
        if messages.height and messages["label"].null_count() == messages.height:
            return None  # no classifier ran: the labels are unknown, not absent
        return Measurement(
            messages.filter(pl.col("label") == label).height, {"sample": messages.height}
        )

    return count


def reply_rate(messages: pl.DataFrame) -> Measurement:
    if messages.height == 0:
        return Measurement(None, {"messages": 0, "sample": 0})
    replied = messages.filter(_answered()).height
    return Measurement(
        replied / messages.height,
        {"replied": replied, "messages": messages.height, "sample": messages.height},
    )


def response_rate(messages: pl.DataFrame) -> Measurement:
    expecting = _expecting(messages)
    if expecting.height == 0:
        return Measurement(None, {"questions_and_complaints": 0, "sample": 0})
    answered = expecting.filter(_answered()).height
    return Measurement(
        answered / expecting.height,
        {
            "answered": answered,
            "questions_and_complaints": expecting.height,
            "sample": expecting.height,
        },
    )


def response_hours(quantile: float) -> Formula:
    def hours(messages: pl.DataFrame) -> Measurement:
        answered = _expecting(messages).filter(_answered())
        if answered.height == 0:
            return Measurement(None, {"answered": 0, "sample": 0})
        delays = answered.select(
            (pl.col("reply_created_at") - pl.col("created_at")).dt.total_seconds() / 3600
        ).to_series()
        value = delays.quantile(quantile, interpolation="linear")
        return Measurement(value, {"answered": answered.height, "sample": answered.height})

    return hours


def unanswered(label: str) -> Formula:
    def count(messages: pl.DataFrame) -> Measurement | None:
        if messages.height and messages["label"].null_count() == messages.height:
            return None
        unanswered = messages.filter((pl.col("label") == label) & ~_answered()).height
        return Measurement(unanswered, {"sample": messages.height})

    return count


def per_channel(formula: Formula) -> Callable[[AssessmentContext, ChannelView], object]:
    def compute(ctx: AssessmentContext, view: ChannelView) -> object:
        if not view.data.messages_known:
            return Measurement(None, {"reason": "the channel's data carries no audience messages"})
        return formula(view.recent_messages)

    return compute


def per_organisation(formula: Formula) -> Callable[[AssessmentContext], object]:
    def compute(ctx: AssessmentContext) -> object:
        known = channels_with_messages(ctx)
        if not known:
            return Measurement(None, {"reason": "no channel's data carries audience messages"})
        messages = pooled([v.recent_messages for v in known])
        return formula(messages if messages is not None else known[0].recent_messages)

    return compute


def _kpi(
    kpi_id: str,
    formula: Formula,
    name: dict[str, str],
    description: dict[str, str],
    text: str,
    unit: Unit,
    higher_is_better: bool | None,
    source: str,
) -> Kpi:
    return Kpi(
        id=kpi_id,
        name=name,
        unit=unit,
        description=description,
        formula=text,
        higher_is_better=higher_is_better,
        source=source,
        per_channel=per_channel(formula),
        per_organisation=per_organisation(formula),
    )


KPIS = [
    _kpi(
        "audience_message_count",
        message_count,
        {"en": "Audience messages", "nl": "Berichten van het publiek", "fr": "Messages du public"},
        {
            "en": "Comments, replies, messages and mentions by others than the organisation.",
            "nl": "Reacties, antwoorden, berichten en vermeldingen van anderen dan de organisatie.",
            "fr": "Commentaires, réponses, messages et mentions d'autres que l'organisation.",
        },
        "audience messages in the window",
        Unit.COUNT,
        None,
        MESSAGES_SOURCE,
    ),
    _kpi(
        "question_count",
        label_count("question"),
        {"en": "Questions", "nl": "Vragen", "fr": "Questions"},
        {
            "en": "Audience messages that ask the business something.",
            "nl": "Berichten van het publiek die het bedrijf iets vragen.",
            "fr": "Messages du public qui posent une question à l'entreprise.",
        },
        "audience messages classified as question",
        Unit.COUNT,
        None,
        LABELS_SOURCE,
    ),
    _kpi(
        "complaint_count",
        label_count("complaint"),
        {"en": "Complaints", "nl": "Klachten", "fr": "Plaintes"},
        {
            "en": "Audience messages that report a problem or dissatisfaction.",
            "nl": "Berichten van het publiek die een probleem of ontevredenheid melden.",
            "fr": "Messages du public signalant un problème ou une insatisfaction.",
        },
        "audience messages classified as complaint",
        Unit.COUNT,
        False,
        LABELS_SOURCE,
    ),
    _kpi(
        "reply_rate",
        reply_rate,
        {"en": "Reply rate", "nl": "Algemene antwoordratio", "fr": "Taux de réponse global"},
        {
            "en": "Share of all audience messages the organisation replied to.",
            "nl": "Aandeel van alle publieksberichten waarop de organisatie antwoordde.",
            "fr": "Part des messages du public auxquels l'organisation a répondu.",
        },
        "audience messages with a reply / all audience messages",
        Unit.RATIO,
        True,
        ANSWER_SOURCE,
    ),
    _kpi(
        "response_rate",
        response_rate,
        {"en": "Response rate", "nl": "Responsratio", "fr": "Taux de réponse"},
        {
            "en": "Share of questions and complaints that got an answer.",
            "nl": "Aandeel vragen en klachten dat een antwoord kreeg.",
            "fr": "Part des questions et plaintes ayant reçu une réponse.",
        },
        "answered questions and complaints / all questions and complaints",
        Unit.RATIO,
        True,
        ANSWER_SOURCE,
    ),
    _kpi(
        "median_first_response_hours",
        response_hours(0.5),
        {
            "en": "Median first response time",
            "nl": "Mediane eerste reactietijd",
            "fr": "Délai médian de première réponse",
        },
        {
            "en": "Half of the answered questions and complaints got an answer within this time.",
            "nl": "De helft van de beantwoorde vragen en klachten kreeg binnen deze tijd antwoord.",
            "fr": "La moitié des questions et plaintes a reçu une réponse dans ce délai.",
        },
        "median of (first reply time - message time) over answered questions and complaints",
        Unit.HOURS,
        False,
        DELAY_SOURCE,
    ),
    _kpi(
        "p90_first_response_hours",
        response_hours(0.9),
        {
            "en": "90th percentile first response time",
            "nl": "Eerste reactietijd (90e percentiel)",
            "fr": "Délai de première réponse (90e centile)",
        },
        {
            "en": "Nine in ten answered questions and complaints got an answer within this time.",
            "nl": "Negen op tien beantwoorde vragen en klachten kregen binnen deze tijd antwoord.",
            "fr": "Neuf questions et plaintes sur dix ont reçu une réponse dans ce délai.",
        },
        "90th percentile of (first reply time - message time) over answered questions and "
        "complaints",
        Unit.HOURS,
        False,
        DELAY_SOURCE,
    ),
    _kpi(
        "unanswered_questions",
        unanswered("question"),
        {
            "en": "Unanswered questions",
            "nl": "Onbeantwoorde vragen",
            "fr": "Questions sans réponse",
        },
        {
            "en": "Questions from the audience that never got a reply.",
            "nl": "Vragen van het publiek die nooit een antwoord kregen.",
            "fr": "Questions du public restées sans réponse.",
        },
        "questions without a reply",
        Unit.COUNT,
        False,
        UNANSWERED_SOURCE,
    ),
    _kpi(
        "unanswered_complaints",
        unanswered("complaint"),
        {
            "en": "Unanswered complaints",
            "nl": "Onbeantwoorde klachten",
            "fr": "Plaintes sans réponse",
        },
        {
            "en": "Complaints from the audience that never got a reply.",
            "nl": "Klachten van het publiek die nooit een antwoord kregen.",
            "fr": "Plaintes du public restées sans réponse.",
        },
        "complaints without a reply",
        Unit.COUNT,
        False,
        UNANSWERED_SOURCE,
    ),
]
