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
    Severity,
)
from socialaudit.plugins.rules._options import (
    Options,
    as_shown,
    enough_cases,
    on_a_channel,
    texts,
)
from socialaudit.plugins.rules._sources import ARNOLD_MARITZ

SOURCES = ARNOLD_MARITZ


class ResponseOptions(Options):
    min_response_rate: float = Field(default=0.8, ge=0, le=1)
    min_messages: int = Field(
        default=3, ge=1, description="Questions and complaints needed before judging."
    )


def _unanswered(ctx: AssessmentContext, view: ChannelView, options: ResponseOptions) -> Hit | None:
    rate = ctx.kpi("response_rate", view.key)
    if rate is None or not enough_cases(ctx, "response_rate", view.key, options.min_messages):
        return None
    if as_shown(rate, 2) >= options.min_response_rate:
        return None
    detail = ctx.kpi_detail("response_rate", view.key)
    expecting = detail["questions_and_complaints"]
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
    min_answered: int = Field(
        default=5,
        ge=1,
        description="Answered questions and complaints needed before judging response times.",
    )


def _slow(ctx: AssessmentContext, view: ChannelView, options: SpeedOptions) -> Hit | None:
    median = ctx.kpi("median_first_response_hours", view.key)
    p90 = ctx.kpi("p90_first_response_hours", view.key)
    if median is None or p90 is None:
        return None
    if not enough_cases(ctx, "median_first_response_hours", view.key, options.min_answered):
        return None
    # compared in whole hours, as the message shows them
    if (
        as_shown(median, 0) <= options.max_median_hours
        and as_shown(p90, 0) <= options.max_p90_hours
    ):
        return None
    return Hit(
        {
            "median": median,
            "p90": p90,
            "max_median": options.max_median_hours,
            "max_p90": options.max_p90_hours,
            "answered": ctx.kpi_detail("median_first_response_hours", view.key)["sample"],
        }
    )


def _unanswered_complaints(
    ctx: AssessmentContext, view: ChannelView, options: NoOptions
) -> Hit | None:
    count = ctx.kpi("unanswered_complaints", view.key)
    if not count:
        return None
    return Hit(
        {"complaints": int(count), "total": int(ctx.kpi("complaint_count", view.key) or count)}
    )


def _not_measurable(ctx: AssessmentContext, view: ChannelView, options: NoOptions) -> Hit | None:
    if view.data.messages_known or view.recent_posts.height == 0:
        return None
    return Hit({"posts": view.recent_posts.height})


RULES = [
    Rule(
        code="CONV001",
        slug="audience-left-unanswered",
        name=texts(
            "Audience left unanswered", "Publiek blijft onbeantwoord", "Public sans réponse"
        ),
        category=Dimension.CONVERSATION,
        severity=Severity.HIGH,
        options=ResponseOptions,
        kpis=("response_rate",),
        message=texts(
            "{unanswered/expecting:{expecting:~The only question or complaint|None of the "
            "{expecting} questions and complaints} on {channel} {expecting:~got no|got an} "
            "answer|{unanswered} of {expecting:question or complaint|questions and complaints} "
            "on {channel} got no answer}: a response rate of {rate:.0%} "
            "(minimum: {minimum:.0%}).",
            "{unanswered/expecting:{expecting:~De enige vraag of klacht|Geen van de "
            "{expecting} vragen en klachten} op {channel} kreeg {expecting:~geen|een} "
            "antwoord|{unanswered} van {expecting:vraag of klacht|vragen en klachten} op "
            "{channel} {unanswered:~kreeg|kregen} geen antwoord}: een responsratio van "
            "{rate:.0%} (minimum: {minimum:.0%}).",
            "Sur {channel}, {unanswered/expecting:{expecting:~la seule question ou plainte "
            "est restée|les {expecting} questions et plaintes sont toutes restées}|"
            "{unanswered} des {expecting:question ou plainte|questions et plaintes} "
            "{unanswered:~est restée|sont restées}} sans réponse : un taux de réponse de "
            "{rate:.0%} (minimum : {minimum:.0%}).",
        ),
        rationale=texts(
            "60% of people expect an answer from a brand they interact with on social media "
            "(Arnold Worldwide), yet 85% of consumers got none (Maritz), and that damages the "
            "brand. Answering is where a small business can match a big one.",
            "60% van de mensen verwacht een antwoord van een merk waarmee ze via sociale media "
            "contact hebben (Arnold Worldwide), maar 85% van de consumenten kreeg er geen "
            "(Maritz), en dat schaadt het merk. Net door te antwoorden kan een kmo een groot "
            "bedrijf evenaren.",
            "60 % des personnes attendent une réponse de la marque avec laquelle elles "
            "échangent sur les médias sociaux (Arnold Worldwide), or 85 % des consommateurs "
            "n'en ont reçu aucune (Maritz), ce qui nuit à la marque. C'est en répondant "
            "qu'une PME peut égaler une grande entreprise.",
            "60% van de mensen verwacht een antwoord van een merk waarmee ze via sociale media "
            "contact hebben (Arnold Worldwide), maar 85% van de consumenten kreeg er geen "
            "(Maritz), en dat schaadt het merk. Juist door te antwoorden kan een mkb-bedrijf "
            "een groot bedrijf evenaren.",
        ),
        remediation=texts(
            "Name who answers on {channel}, check {channel_count:~it|them} at least twice a "
            "working day, and answer the open questions and complaints now, in plain language.",
            "Duid aan wie op {channel} antwoordt, kijk er minstens twee keer per werkdag op en "
            "beantwoord de openstaande vragen en klachten nu, in gewone taal.",
            "Désignez qui répond sur {channel}, {channel_count:~consultez ce canal|consultez "
            "ces canaux} au moins deux fois par jour ouvrable et répondez dès maintenant aux "
            "questions et plaintes en attente, dans un langage simple.",
            "Wijs aan wie op {channel} antwoordt, kijk er minstens twee keer per werkdag op en "
            "beantwoord de openstaande vragen en klachten nu, in gewone taal.",
        ),
        source=SOURCES,
        per_channel=_unanswered,
        example_evidence=on_a_channel,
    ),
    Rule(
        code="CONV002",
        slug="slow-answers",
        name=texts("Slow answers", "Trage antwoorden", "Réponses lentes"),
        category=Dimension.CONVERSATION,
        severity=Severity.MEDIUM,
        options=SpeedOptions,
        kpis=("median_first_response_hours", "p90_first_response_hours"),
        message=texts(
            "Of {answered:answered question or complaint|answered questions and complaints} "
            "on {channel}, half waited {median:.0f} hours or more for an answer and one in "
            "ten {p90:.0f} hours or more (targets: at most {max_median:g} and {max_p90:g} "
            "hours).",
            "Van {answered:beantwoorde vraag of klacht|beantwoorde vragen en klachten} op "
            "{channel} wachtte de helft {median:.0f} uur of langer op een antwoord, en één "
            "op de tien {p90:.0f} uur of langer (streefwaarden: hoogstens {max_median:g} en "
            "{max_p90:g} uur).",
            "Sur {channel}, la moitié des "
            "{answered:question ou plainte traitée|questions et plaintes traitées} a attendu "
            "sa réponse {median:.0f} heures ou plus, et une sur dix {p90:.0f} heures ou plus "
            "(cibles : au plus {max_median:g} et {max_p90:g} heures).",
        ),
        rationale=texts(
            "People who expect an answer (60%, Arnold Worldwide) expect it the same day; a "
            "late answer reads as no answer.",
            "Wie een antwoord verwacht (60%, Arnold Worldwide), verwacht het dezelfde dag; een "
            "laat antwoord komt over als geen antwoord.",
            "Ceux qui attendent une réponse (60 %, Arnold Worldwide) l'attendent le jour même ; "
            "une réponse tardive est perçue comme une absence de réponse.",
        ),
        remediation=texts(
            "Set notifications for {channel}, agree on a same-day answer, and cover weekends "
            "and holidays with a rota or an auto-reply that says when you will answer.",
            "Zet meldingen aan voor {channel}, spreek af dat elk bericht dezelfde dag een "
            "antwoord krijgt, en vang weekends en vakanties op met een beurtrol of een "
            "automatisch antwoord dat zegt wanneer u reageert.",
            "Activez les notifications {channel:de}, convenez d'une réponse le jour même et "
            "couvrez les week-ends et les congés par un roulement ou par une réponse "
            "automatique qui indique quand vous répondrez.",
        ),
        source=SOURCES,
        per_channel=_slow,
        example_evidence=on_a_channel,
    ),
    Rule(
        code="CONV003",
        slug="unanswered-complaints",
        name=texts(
            "Complaints left unanswered", "Klachten zonder antwoord", "Plaintes sans réponse"
        ),
        category=Dimension.CONVERSATION,
        severity=Severity.HIGH,
        kpis=("unanswered_complaints", "complaint_count"),
        message=texts(
            "{complaints/total:{total:~The only complaint|None of the {total} complaints} on "
            "{channel} {total:~got no|got an} answer|{complaints} of "
            "{total:complaint|complaints} on {channel} got no answer}.",
            "{complaints/total:{total:~De enige klacht|Geen van de {total} klachten} op "
            "{channel} kreeg {total:~geen|een} antwoord|{complaints} van "
            "{total:klacht|klachten} op {channel} {complaints:~kreeg|kregen} geen antwoord}.",
            "Sur {channel}, {complaints/total:{total:~la seule plainte est restée|les {total} "
            "plaintes sont toutes restées}|{complaints} des {total:plainte|plaintes} "
            "{complaints:~est restée|sont restées}} sans réponse.",
        ),
        rationale=texts(
            "A public complaint without an answer is read by everyone who comes after. Fear of "
            "negative comments is a reason SMEs give for not answering; silence does more "
            "damage than a calm, personal reply (Maritz: 85% got no answer, which damages the "
            "brand).",
            "Een publieke klacht zonder antwoord wordt gelezen door iedereen die later langskomt. "
            "Angst voor negatieve reacties is een reden die kmo's opgeven om niet te "
            "antwoorden; zwijgen doet meer schade dan een rustig, persoonlijk antwoord "
            "(Maritz: 85% kreeg geen antwoord, en dat schaadt het merk).",
            "Une plainte publique restée sans réponse est lue par tous ceux qui passent "
            "ensuite. La peur des commentaires négatifs est l'une des raisons que donnent les "
            "PME pour ne pas répondre ; le silence fait plus de tort qu'une réponse calme et "
            "personnelle (Maritz : 85 % n'ont reçu aucune réponse, ce qui nuit à la marque).",
            "Een publieke klacht zonder antwoord wordt gelezen door iedereen die later langskomt. "
            "Angst voor negatieve reacties is een reden die mkb-bedrijven opgeven om niet te "
            "antwoorden; zwijgen doet meer schade dan een rustig, persoonlijk antwoord "
            "(Maritz: 85% kreeg geen antwoord, en dat schaadt het merk).",
        ),
        remediation=texts(
            "Answer each open complaint on {channel} publicly and personally, offer to solve "
            "it privately, and follow up.",
            "Beantwoord elke openstaande klacht op {channel} publiek en persoonlijk, bied aan "
            "om ze privé op te lossen en volg ze op.",
            "Répondez publiquement et personnellement à chaque plainte en attente sur "
            "{channel}, proposez de la régler en privé et assurez le suivi.",
        ),
        source=SOURCES,
        per_channel=_unanswered_complaints,
        example_evidence=on_a_channel,
    ),
    Rule(
        code="CONV004",
        slug="responses-not-measurable",
        name=texts(
            "Responses cannot be measured",
            "Antwoorden niet meetbaar",
            "Réponses impossibles à mesurer",
        ),
        category=Dimension.EVALUATION,
        severity=Severity.INFO,
        message=texts(
            "The data of {channel} holds no audience comments or messages, so whether the "
            "audience gets answers cannot be told.",
            "De gegevens van {channel} bevatten geen reacties of berichten van het publiek; of "
            "het publiek antwoord krijgt, valt dus niet te zeggen.",
            "Les données {channel:de} ne contiennent aucun commentaire ni message du public : "
            "impossible de savoir s'il reçoit des réponses.",
        ),
        rationale=texts(
            "What is not measured is not managed; answering is what matters most to customers "
            "(60% expect an answer, Arnold Worldwide).",
            "Wat niet gemeten wordt, wordt niet gestuurd; antwoorden is wat voor klanten het "
            "meest telt (60% verwacht een antwoord, Arnold Worldwide).",
            "Ce qui n'est pas mesuré n'est pas piloté ; répondre est ce qui compte le plus pour "
            "les clients (60 % attendent une réponse, Arnold Worldwide).",
        ),
        remediation=texts(
            "Add the comments of {channel} to its data (an API export with comments, or the "
            "generic interactions CSV).",
            "Voeg de reacties van {channel} toe aan de gegevens (een API-export met reacties, "
            "of de generieke interactie-CSV).",
            "Ajoutez les commentaires aux données {channel:de} (un export de l'API avec les "
            "commentaires, ou le CSV générique des interactions).",
        ),
        source=SOURCES,
        per_channel=_not_measurable,
        example_evidence=on_a_channel,
    ),
]
