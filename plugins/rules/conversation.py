"""CONV: answering the audience. Arnold Worldwide: 60% expect an answer from a brand they
interact with on social media. Maritz: 85% of consumers got no answer to a post, which damages
the brand. SMEs avoid answering out of fear of negative comments, or answer too technically."""

from __future__ import annotations

from pydantic import Field

from socialaudit.plugin import (
    AssessmentContext,
    ChannelView,
    Dimension,
    Hit,
    NoOptions,
    Rule,
    RuleLevel,
    Severity,
)
from socialaudit.plugins.rules._options import Options
from socialaudit.plugins.rules._sources import ARNOLD_MARITZ

SOURCES = ARNOLD_MARITZ


class ResponseOptions(Options):
    min_response_rate: float = Field(default=0.8, ge=0, le=1)
    min_messages: int = Field(
        default=3, ge=1, description="Questions and complaints needed before judging."
    )


def _unanswered(
    ctx: AssessmentContext, view: ChannelView | None, options: ResponseOptions
) -> Hit | None:
    assert view is not None
    rate = ctx.kpi("response_rate", view.key)
    detail = ctx.kpi_detail("response_rate", view.key)
    expecting = detail.get("questions_and_complaints", 0)
    if rate is None or expecting < options.min_messages or rate >= options.min_response_rate:
        return None
    return Hit(
        {
            "rate": rate,
            "answered": detail["answered"],
            "expecting": expecting,
            "unanswered": expecting - detail["answered"],
            "minimum": options.min_response_rate,
        }
    )


class SpeedOptions(Options):
    max_median_hours: float = Field(default=24.0, gt=0)
    max_p90_hours: float = Field(default=72.0, gt=0)


def _slow(ctx: AssessmentContext, view: ChannelView | None, options: SpeedOptions) -> Hit | None:
    assert view is not None
    median = ctx.kpi("median_first_response_hours", view.key)
    p90 = ctx.kpi("p90_first_response_hours", view.key)
    if median is None or p90 is None:
        return None
    if median <= options.max_median_hours and p90 <= options.max_p90_hours:
        return None
    return Hit(
        {
            "median": median,
            "p90": p90,
            "max_median": options.max_median_hours,
            "max_p90": options.max_p90_hours,
            "answered": ctx.kpi_detail("median_first_response_hours", view.key).get("answered"),
        }
    )


def _unanswered_complaints(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    assert view is not None
    count = ctx.kpi("unanswered_complaints", view.key)
    if not count:
        return None
    return Hit(
        {"complaints": int(count), "total": int(ctx.kpi("complaint_count", view.key) or count)}
    )


def _not_measurable(
    ctx: AssessmentContext, view: ChannelView | None, options: NoOptions
) -> Hit | None:
    assert view is not None
    if view.data.messages_known or view.recent_posts.height == 0:
        return None
    return Hit({"posts": view.recent_posts.height})


RULES = [
    Rule(
        code="CONV001",
        name="audience-left-unanswered",
        title={
            "en": "Audience left unanswered",
            "nl": "Publiek blijft onbeantwoord",
            "fr": "Public sans réponse",
        },
        category=Dimension.CONVERSATION,
        severity=Severity.HIGH,
        level=RuleLevel.CHANNEL,
        options=ResponseOptions,
        kpis=("response_rate",),
        message={
            "en": "{unanswered} of {expecting} questions and complaints on {channel} got no "
            "answer: a response rate of {rate:.0%} (minimum {minimum:.0%}).",
            "nl": "{unanswered} van {expecting} vragen en klachten op {channel} kregen geen "
            "antwoord: een responsratio van {rate:.0%} (minimum {minimum:.0%}).",
            "fr": "{unanswered} des {expecting} questions et plaintes sur {channel} sont "
            "restées sans réponse : un taux de {rate:.0%} (minimum {minimum:.0%}).",
        },
        rationale={
            "en": "60% of people expect an answer from a brand they interact with on social "
            "media (Arnold Worldwide), yet 85% of consumers got none (Maritz), and that "
            "damages the brand. Answering is where a small business can match a big one.",
            "nl": "60% van de mensen verwacht een antwoord van een merk waarmee ze via sociale "
            "media contact hebben (Arnold Worldwide), maar 85% van de consumenten kreeg "
            "er geen (Maritz), en dat schaadt het merk. Antwoorden is net waar een kmo "
            "een groot bedrijf kan evenaren.",
            "fr": "60 % des personnes attendent une réponse d'une marque sur les médias "
            "sociaux (Arnold Worldwide), mais 85 % des consommateurs n'en ont reçu "
            "aucune (Maritz), ce qui nuit à la marque.",
        },
        remediation={
            "en": "Name who answers on {channel}, check it at least twice a working day, and "
            "answer the open questions and complaints now, in plain language.",
            "nl": "Duid aan wie op {channel} antwoordt, kijk minstens twee keer per werkdag en "
            "beantwoord de openstaande vragen en klachten nu, in gewone taal.",
            "fr": "Désignez qui répond sur {channel}, consultez-le au moins deux fois par jour "
            "ouvrable et répondez maintenant aux questions et plaintes ouvertes.",
        },
        source=SOURCES,
        evaluate=_unanswered,
    ),
    Rule(
        code="CONV002",
        name="slow-answers",
        title={"en": "Slow answers", "nl": "Trage antwoorden", "fr": "Réponses lentes"},
        category=Dimension.CONVERSATION,
        severity=Severity.MEDIUM,
        level=RuleLevel.CHANNEL,
        options=SpeedOptions,
        kpis=("median_first_response_hours", "p90_first_response_hours"),
        message={
            "en": "Half of the answers on {channel} take over {median:.0f} hours and one in "
            "ten over {p90:.0f} hours (targets {max_median:g} h and {max_p90:g} h).",
            "nl": "De helft van de antwoorden op {channel} duurt meer dan {median:.0f} uur en "
            "één op tien meer dan {p90:.0f} uur (doelen {max_median:g} u en "
            "{max_p90:g} u).",
            "fr": "La moitié des réponses sur {channel} prend plus de {median:.0f} heures et "
            "une sur dix plus de {p90:.0f} heures (cibles {max_median:g} h et "
            "{max_p90:g} h).",
        },
        rationale={
            "en": "People who expect an answer (60%, Arnold Worldwide) expect it the same "
            "day; a late answer reads as no answer.",
            "nl": "Wie een antwoord verwacht (60%, Arnold Worldwide), verwacht het dezelfde "
            "dag; een laat antwoord komt over als geen antwoord.",
            "fr": "Qui attend une réponse (60 %, Arnold Worldwide) l'attend le jour même.",
        },
        remediation={
            "en": "Set notifications for {channel}, agree on a same-day answer, and cover "
            "weekends and holidays with a rota or an auto-reply that says when.",
            "nl": "Zet meldingen aan voor {channel}, spreek een antwoord binnen de dag af en "
            "vang weekends en vakanties op met een beurtrol of een automatisch antwoord "
            "dat zegt wanneer.",
            "fr": "Activez les notifications de {channel}, visez une réponse le jour même et "
            "couvrez week-ends et congés par un roulement.",
        },
        source=SOURCES,
        evaluate=_slow,
    ),
    Rule(
        code="CONV003",
        name="unanswered-complaints",
        title={
            "en": "Complaints left unanswered",
            "nl": "Klachten zonder antwoord",
            "fr": "Plaintes sans réponse",
        },
        category=Dimension.CONVERSATION,
        severity=Severity.HIGH,
        level=RuleLevel.CHANNEL,
        kpis=("unanswered_complaints", "complaint_count"),
        message={
            "en": "{complaints} of {total} complaints on {channel} got no answer.",
            "nl": "{complaints} van {total} klachten op {channel} kregen geen antwoord.",
            "fr": "{complaints} des {total} plaintes sur {channel} sont restées sans réponse.",
        },
        rationale={
            "en": "A public complaint without an answer is read by everyone who comes after. "
            "Fear of negative comments is a reason SMEs give for not answering; silence "
            "does more damage than a calm, personal reply.",
            "nl": "Een publieke klacht zonder antwoord wordt gelezen door iedereen die na komt. "
            "Angst voor negatieve reacties is een reden die kmo's geven om niet te "
            "antwoorden; zwijgen doet meer schade dan een rustig, persoonlijk antwoord.",
            "fr": "Une plainte publique sans réponse est lue par tous ceux qui passent. Le "
            "silence fait plus de tort qu'une réponse calme et personnelle.",
        },
        remediation={
            "en": "Answer each open complaint on {channel} publicly and personally, offer to "
            "solve it privately, and follow up.",
            "nl": "Beantwoord elke openstaande klacht op {channel} publiek en persoonlijk, "
            "bied aan ze privé op te lossen en volg ze op.",
            "fr": "Répondez publiquement et personnellement à chaque plainte ouverte sur "
            "{channel}, proposez de la régler en privé et assurez le suivi.",
        },
        source=SOURCES,
        evaluate=_unanswered_complaints,
    ),
    Rule(
        code="CONV004",
        name="responses-not-measurable",
        title={
            "en": "Responses cannot be measured",
            "nl": "Antwoorden niet meetbaar",
            "fr": "Réponses non mesurables",
        },
        category=Dimension.EVALUATION,
        severity=Severity.INFO,
        level=RuleLevel.CHANNEL,
        message={
            "en": "The data of {channel} holds no audience comments or messages, so whether "
            "the audience gets answers cannot be told.",
            "nl": "De gegevens van {channel} bevatten geen reacties of berichten van het "
            "publiek; of het publiek antwoord krijgt, valt niet te zeggen.",
            "fr": "Les données de {channel} ne contiennent aucun commentaire du public : "
            "impossible de savoir s'il reçoit des réponses.",
        },
        rationale={
            "en": "What is not measured is not managed; response is the KPI that matters most "
            "to customers (60% expect an answer).",
            "nl": "Wat niet gemeten wordt, wordt niet gestuurd; antwoorden is voor klanten de "
            "belangrijkste KPI (60% verwacht een antwoord).",
            "fr": "Ce qui n'est pas mesuré n'est pas piloté ; 60 % attendent une réponse.",
        },
        remediation={
            "en": "Add the comments of {channel} to its data (an API export with comments, "
            "or the generic interactions CSV).",
            "nl": "Voeg de reacties van {channel} toe aan de gegevens (een API-export met "
            "reacties of de generieke interactie-CSV).",
            "fr": "Ajoutez les commentaires de {channel} aux données (export API avec "
            "commentaires ou CSV générique d'interactions).",
        },
        source=SOURCES,
        evaluate=_not_measurable,
    ),
]
