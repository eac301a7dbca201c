"""The one locale-aware formatter: every number, percentage, list and plural an output shows.

The terminal report, the JSON and the GraphQL API all read texts rendered here, so a value reads
the same everywhere: numbers, percentages and lists come from CLDR through Babel ("1.234,5",
"51 %", "Facebook, Instagram en LinkedIn"), and so do plural rules. Ids never reach the reader:
a template names what a placeholder holds and the formatter writes it as a word in the reader's
language.

Template placeholders, besides Python's own format specs:

- ``{n:vraag|vragen}`` writes the count and the noun in the form CLDR's plural rules pick
  (French takes the singular for 0 and 1); ``{n:~heeft|hebben}`` writes only the word, for a
  verb that agrees with the count.
- ``{x:.0%}`` a percentage, ``{x:.1f}``, ``{x:.0f}``, ``{x:g}``, ``{x:d}`` a number, each in the
  reader's notation.
- ``{channel}`` is always the channel's name ("Instagram"; with the handle where two channels
  share a platform); ``{keys:channel}`` writes other channel keys the same way, and
  ``{channel:de}`` puts the French "de" before it, elided where French elides ("d'Instagram").
- ``{value:{unit}}`` a KPI value as the KPI table shows it (``0.0091`` in ``ratio`` reads
  "0.9%"); ``{kpis:kpi}`` the KPI's name in prose, ``{objective:objective}`` the objective's name,
  ``{objective:goal}`` the goal as a noun phrase ("het doel verkoop"), ``{market:market}`` the
  peers ("B2C-organisaties"), ``{owner:owner}`` the owner.
- ``{part/whole:ALL|SOME}`` writes the first text when `part` is all of `whole` ("Geen van de 6
  klachten kreeg een antwoord", not "6 van 6 klachten kregen geen antwoord"), else the second;
  both may hold placeholders, plurals included.
- A list is written as the language writes lists; a spec capitalised (``{x:Goal}``) starts
  with a capital.

French typography: a narrow no-break space before ``: ; ? ! %`` and inside « ».
"""

from __future__ import annotations

import copy
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from socialaudit.engine.text import FALLBACK_LANGUAGE, LocalisedText, pick

NARROW_NBSP = "\u202f"

LOCALES = {"en": "en_GB", "nl": "nl", "fr": "fr"}
"""The CLDR locale each language is written in. The English texts are read by Belgian and Dutch
business owners and agencies and are written in British spelling ("organisation"), so they
take European English: the day before the month ("28 Nov 2025", not the US "Nov 28, 2025"),
and lists without the serial comma. Not en_BE: its numbers ("1.234,5") read as 1.2345 to an
English reader, and en_GB keeps "1,234.5"."""

PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "pinterest": "Pinterest",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
}

_Words = dict[str, dict[str, str]]

OBJECTIVES: _Words = {
    "awareness": {"en": "awareness", "nl": "naamsbekendheid", "fr": "notoriété"},
    "inform": {"en": "informing", "nl": "informeren", "fr": "information"},
    "customer_service": {"en": "customer service", "nl": "klantenservice", "fr": "service client"},
    "insights": {"en": "insights", "nl": "inzichten", "fr": "connaissance client"},
    "sales": {"en": "sales", "nl": "verkoop", "fr": "vente"},
    "recruitment": {"en": "recruitment", "nl": "rekrutering", "fr": "recrutement"},
    "product_development": {
        "en": "product development",
        "nl": "productontwikkeling",
        "fr": "développement de produits",
    },
    "community": {"en": "community", "nl": "community", "fr": "communauté"},
    "reputation": {"en": "reputation", "nl": "reputatie", "fr": "réputation"},
}
"""Objectives as words. Dutch in the Netherlands says "werving" where Flanders says
"rekrutering"; see `REGIONAL`."""

GOAL_PHRASES: _Words = {
    "en": {"*": "the {name} goal"},
    "nl": {"*": "het doel {name}"},
    "fr": {
        "*": "l'objectif de {name}",
        "awareness": "l'objectif de notoriété",
        "inform": "l'objectif d'information",
    },
}

MARKETS: _Words = {
    "b2b": {"en": "B2B organisations", "nl": "B2B-organisaties", "fr": "organisations B2B"},
    "b2c": {"en": "B2C organisations", "nl": "B2C-organisaties", "fr": "organisations B2C"},
    "both": {
        "en": "organisations selling to businesses and consumers",
        "nl": "organisaties die aan bedrijven en consumenten verkopen",
        "fr": "organisations qui vendent aux entreprises et aux particuliers",
    },
}

OWNERS: _Words = {
    "pr": {"en": "PR", "nl": "PR", "fr": "les relations publiques"},
    "marketing": {"en": "marketing", "nl": "marketing", "fr": "le marketing"},
    "customer_care": {"en": "customer care", "nl": "de klantendienst", "fr": "le service client"},
    "hybrid_taskforce": {
        "en": "a hybrid taskforce",
        "nl": "een hybride taskforce",
        "fr": "une cellule hybride",
    },
    "conversation_manager": {
        "en": "a conversation manager",
        "nl": "een conversation manager",
        "fr": "un conversation manager",
    },
    "none": {"en": "nobody", "nl": "niemand", "fr": "personne"},
}

SEVERITIES: _Words = {
    "critical": {"en": "CRITICAL", "nl": "KRITIEK", "fr": "CRITIQUE"},
    "high": {"en": "HIGH", "nl": "HOOG", "fr": "ÉLEVÉ"},
    "medium": {"en": "MEDIUM", "nl": "MATIG", "fr": "MOYEN"},
    "low": {"en": "LOW", "nl": "LAAG", "fr": "FAIBLE"},
    "info": {"en": "INFO", "nl": "INFO", "fr": "INFO"},
}

# The dimensions and maturity stages by language, as every output (terminal report, audit
# report) heads them: one table, so the terminal and the page never name a stage differently.
DIMENSION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "strategy": "Strategy",
        "execution": "Execution",
        "conversation": "Conversation",
        "evaluation": "Evaluation",
        "integration": "Integration",
    },
    "nl": {
        "strategy": "Strategie",
        "execution": "Uitvoering",
        "conversation": "Conversatie",
        "evaluation": "Evaluatie",
        "integration": "Integratie",
    },
    "fr": {
        "strategy": "Stratégie",
        "execution": "Exécution",
        "conversation": "Conversation",
        "evaluation": "Évaluation",
        "integration": "Intégration",
    },
}

STAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "adopted": "adopted",
        "planned": "planned",
        "active": "active",
        "measured": "measured",
        "integrated": "integrated",
    },
    "nl": {
        "adopted": "in gebruik genomen",
        "planned": "gepland",
        "active": "actief",
        "measured": "gemeten",
        "integrated": "geïntegreerd",
    },
    "fr": {
        "adopted": "adopté",
        "planned": "planifié",
        "active": "actif",
        "measured": "mesuré",
        "integrated": "intégré",
    },
}

EXTERNAL_KPIS: _Words = {
    "leads": {"en": "leads", "nl": "leads", "fr": "leads"},
    "conversions": {"en": "conversions", "nl": "conversies", "fr": "conversions"},
    "conversion_rate": {
        "en": "conversion rate",
        "nl": "conversieratio",
        "fr": "taux de conversion",
    },
    "sales": {"en": "sales", "nl": "verkoop", "fr": "ventes"},
    "revenue": {"en": "revenue", "nl": "omzet", "fr": "chiffre d'affaires"},
    "orders": {"en": "orders", "nl": "bestellingen", "fr": "commandes"},
    "cost_per_lead": {"en": "cost per lead", "nl": "kosten per lead", "fr": "coût par lead"},
    "cost_per_acquisition": {
        "en": "cost per acquisition",
        "nl": "kosten per nieuwe klant",
        "fr": "coût d'acquisition",
    },
    "website_traffic": {"en": "website traffic", "nl": "websiteverkeer", "fr": "trafic du site"},
    "bookings": {"en": "bookings", "nl": "reservaties", "fr": "réservations"},
    "roi": {"en": "ROI", "nl": "ROI", "fr": "ROI"},
    "reach": {"en": "reach", "nl": "bereik", "fr": "portée"},
    "impressions": {"en": "impressions", "nl": "weergaven", "fr": "impressions"},
    "video_views": {"en": "video views", "nl": "videoweergaven", "fr": "vues des vidéos"},
    "share_of_voice": {"en": "share of voice", "nl": "share of voice", "fr": "part de voix"},
    "customer_satisfaction": {
        "en": "customer satisfaction",
        "nl": "klanttevredenheid",
        "fr": "satisfaction client",
    },
    "survey_responses": {
        "en": "survey responses",
        "nl": "antwoorden op enquêtes",
        "fr": "réponses aux enquêtes",
    },
    "applications": {"en": "job applications", "nl": "sollicitaties", "fr": "candidatures"},
    "ideas": {
        "en": "ideas from the audience",
        "nl": "ideeën van het publiek",
        "fr": "idées du public",
    },
    "sentiment": {"en": "sentiment", "nl": "sentiment", "fr": "sentiment"},
    "net_sentiment": {"en": "net sentiment", "nl": "nettosentiment", "fr": "sentiment net"},
}
"""KPIs measured outside social media data (a goal's target may name them) and KPIs agencies
commonly add, as words; a KPI a plugin defines is named by its own definition."""

UNKNOWN: LocalisedText = {"en": "unknown", "nl": "onbekend", "fr": "inconnu"}

REGIONAL: dict[tuple[str, str], dict[str, str]] = {
    ("nl", "NL"): {
        "rekrutering": "werving",
        "de klantendienst": "de klantenservice",
        "reservaties": "reserveringen",
    },
}
"""Words the Netherlands writes differently from Flanders, applied to the glossary above.
Templates carry their own regional variants (a ``nl-NL`` text), see `pick_regional`."""


def word(words: _Words, key: str, language: str, country: str | None = None) -> str:
    """A glossary entry in `language`; the key itself only for an entry nobody wrote."""
    entry = words.get(key)
    if entry is None:
        return key.replace("_", " ")
    text = pick(entry, language)
    return REGIONAL.get((language, country or ""), {}).get(text, text)


def pick_regional(text: LocalisedText | str, language: str, country: str | None) -> str:
    """The text for the reader's language and country (``nl-NL`` before ``nl``)."""
    if not isinstance(text, str) and country and f"{language}-{country}" in text:
        return text[f"{language}-{country}"]
    return pick(text, language)


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform.replace("_", " ").replace("-", " ").title())


def channel_names(channels: list[Any]) -> dict[str, str]:
    """Each channel's name for the reader: its own `name`, else the platform's name, with the
    handle where two channels share a platform ("Instagram @verbruggen.outlet")."""
    platforms = [c.platform for c in channels]
    names = {}
    for channel in channels:
        own = getattr(channel, "name", None)
        if own:
            names[channel.key] = own
        elif platforms.count(channel.platform) > 1:
            names[channel.key] = f"{platform_name(channel.platform)} @{channel.handle}"
        else:
            names[channel.key] = platform_name(channel.platform)
    return names


@dataclass(frozen=True)
class Vocabulary:
    """What the formatter needs to write ids as words: the channels' names, the KPIs' names
    and the organisation's country (for Dutch as Flanders or the Netherlands writes it)."""

    channels: Mapping[str, str] = field(default_factory=dict)
    kpis: Mapping[str, LocalisedText] = field(default_factory=dict)
    country: str | None = None


UNITS = frozenset({"ratio", "hours", "per_week", "count", "number", "eur"})
"""A KPI's unit as a spec (``{value:{unit}}``) writes the value as the KPI table shows it."""

_NUMBER_SPEC = re.compile(r"^(?P<comma>,)?(?:\.(?P<decimals>\d+))?(?P<type>[fFdgn%]?)$")
_ELIDES = re.compile(r"^[aeiouhâàéèêîïôûAEIOUHÂÀÉÈÊÎÏÔÛ]")


def french_typography(text: str) -> str:
    """A narrow no-break space before : ; ? ! % and inside guillemets, as French prints."""
    text = re.sub(r"[ \u00a0\u202f]*([:;?!%])", lambda m: NARROW_NBSP + m.group(1), text)
    text = re.sub(r"(?<=\d)\u202f:(?=\d)", ":", text)  # times like 14:30 stay as they are
    text = re.sub(r"(https?)\u202f:", r"\1:", text)  # and so do URLs
    text = re.sub(r"«[ \u00a0]*", "«" + NARROW_NBSP, text)
    return re.sub(r"[ \u00a0]*»", NARROW_NBSP + "»", text)


_QUOTED_TITLE = re.compile(r"(?<!\w)'(.+?)'(?!\w)")


def french_citation(text: str) -> str:
    """A source as French cites it: a title in « » instead of 'quotes', and the narrow space
    before the semicolons between sources."""
    return french_typography(_QUOTED_TITLE.sub(r"«\1»", text))


class Formatter(string.Formatter):
    """Renders templates and values for one reader: language and vocabulary.

    An unknown placeholder stays visible instead of raising, so a typo in a third-party
    template does not hide its finding (a test keeps the built-in texts free of them).

    A value the data cannot tell (None) is written `unknown`: a dash in the terminal's and the
    API's figures, the word ("onbekend") where a reader meets it in a sentence or a table of
    the audit report; never 0."""

    def __init__(
        self, language: str, vocabulary: Vocabulary | None = None, unknown: str = "—"
    ) -> None:
        super().__init__()
        self.language = language
        self.locale = Locale.parse(LOCALES.get(language, language))
        self.vocabulary = vocabulary or Vocabulary()
        self.unknown = unknown

    # values --------------------------------------------------------------------------------
    def number(self, value: float | None, decimals: int | None = None, most: int = 2) -> str:
        """A number in the reader's notation: `decimals` exactly, or as many as it needs up to
        `most` (4.1, not 4.10)."""
        if value is None:
            return self.unknown
        pattern = copy.copy(self.locale.decimal_formats[None])
        pattern.frac_prec = (decimals, decimals) if decimals is not None else (0, most)
        return self._local(pattern.apply(value, self.locale))

    def percent(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return self.unknown
        pattern = copy.copy(self.locale.percent_formats[None])
        pattern.frac_prec = (decimals, decimals)
        return self._local(pattern.apply(value, self.locale))

    def list(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale) if items else "—"

    def plural(self, count: int | float, forms: str) -> str:
        """``"vraag|vragen"`` with the count: CLDR's `one` takes the first form."""
        singular, plural = forms.split("|", 1)
        noun = singular if self.locale.plural_form(abs(count)) == "one" else plural
        shown = self.number(count, 0) if float(count).is_integer() else self.number(count)
        return f"{shown} {noun}"

    def value(self, value: float | None, unit: str) -> str:
        """A KPI value as the report, the JSON and the API show it, in its unit."""
        if value is None:
            return self.unknown
        if unit == "ratio":
            return self.percent(value, 1)
        if unit == "hours":
            return f"{self.number(value, 1)}{NARROW_NBSP if self.language == 'fr' else ' '}" + (
                "u" if self.language == "nl" else "h"
            )
        if unit == "per_week":
            per = {"en": "a week", "nl": "per week", "fr": "par semaine"}
            return f"{self.number(value, 1)} {pick(per, self.language)}"
        if unit == "eur":
            return (
                f"€ {self.number(value, 2)}"
                if self.language == "nl"
                else (
                    f"{self.number(value, 2)} €"
                    if self.language == "fr"
                    else f"€{self.number(value, 2)}"
                )
            )
        # one decimal at most: "18,1 days", "37,6 reactions"; whole numbers from 100 on
        return self.number(value, most=1 if abs(value) < 100 else 0)

    def signed(self, value: float | None, unit: str) -> str:
        """A difference in its unit with its sign: +1,5 u, −2,0 %, ±0."""
        if value is None:
            return self.unknown
        sign = "+" if value > 0 else "−" if value < 0 else "±"
        return sign + self.value(abs(value), unit)

    def date(self, moment: date | datetime | None, width: str = "medium") -> str:
        """A date in the reader's notation (CLDR's `medium` "1 dec. 2026", `long` "1 december
        2026")."""
        if moment is None:
            return self.unknown
        return self._local(format_date(moment, format=width, locale=self.locale))

    def _local(self, text: str) -> str:
        return text.replace("\u00a0", NARROW_NBSP) if self.language == "fr" else text

    # words ---------------------------------------------------------------------------------
    def channel(self, key: str) -> str:
        return self.vocabulary.channels.get(key) or platform_name(key)

    def kpi(self, kpi_id: str) -> str:
        names = self.vocabulary.kpis.get(kpi_id)
        if names is None:
            return word(EXTERNAL_KPIS, kpi_id, self.language, self.vocabulary.country)
        name = pick(names, self.language)
        # "Click-through rate" reads "click-through rate" in a sentence; "KPI" stays as it is
        return name[0].lower() + name[1:] if name[1:2].islower() else name

    def objective(self, key: str) -> str:
        return word(OBJECTIVES, key, self.language, self.vocabulary.country)

    def severity(self, key: str) -> str:
        return word(SEVERITIES, key, self.language, self.vocabulary.country)

    def goal(self, key: str) -> str:
        phrases = GOAL_PHRASES.get(self.language, GOAL_PHRASES[FALLBACK_LANGUAGE])
        return phrases.get(key, phrases["*"]).format(name=self.objective(key))

    def de(self, name: str) -> str:
        """French "de" before a name: "d'Instagram", "de Facebook"."""
        if self.language != "fr":
            return name
        return f"d'{name}" if _ELIDES.match(name) else f"de {name}"

    # templates -----------------------------------------------------------------------------
    def pick(self, text: LocalisedText | str) -> str:
        """A text as it is, without placeholders (a title), in the reader's language."""
        return pick_regional(text, self.language, self.vocabulary.country)

    def render(self, template: LocalisedText | str, **params: Any) -> str:
        text = pick_regional(template, self.language, self.vocabulary.country)
        rendered = self.format(text, **params)
        return french_typography(rendered) if self.language == "fr" else rendered

    def citation(self, source: str) -> str:
        """A rule's source in the reader's typography (the names and titles stay as written)."""
        return french_citation(source) if self.language == "fr" else source

    def vformat(self, format_string: str, args: Any, kwargs: Mapping[str, Any]) -> str:
        """As `string.Formatter.vformat`, one level deeper: a ``part/whole`` choice holds texts
        that hold plurals, which may hold a count of their own."""
        used_args: set[int | str] = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 3)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            part, _, whole = key.partition("/")
            if whole and part in kwargs and whole in kwargs:
                return _Share(kwargs[part], kwargs[whole])
            return _Unknown("{" + key + "}")
        value = super().get_value(key, args, kwargs)
        if key == "channel" and value is not None:
            return _Channel(value)
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, _Unknown):  # shown as it is, whatever its spec
            return str(value)
        if isinstance(value, _Share):  # its texts are rendered already, capitals and all
            every, _, some = format_spec.partition("|")
            return every if value.part == value.whole else some
        capital = format_spec[:1].isupper()
        text = self._field(value, format_spec.lower() if capital else format_spec)
        return text[:1].upper() + text[1:] if capital else text

    def _field(self, value: Any, spec: str) -> str:
        if isinstance(value, _Channel):
            names = [self.channel(k) for k in value.keys]
            if spec == "de":
                names = [self.de(n) for n in names]
            return self.list(names) if len(names) != 1 else names[0]
        if value is None:
            return pick(UNKNOWN, self.language)
        words: dict[str, Callable[[str], str]] = {
            "channel": self.channel,
            "de": lambda v: self.de(self.channel(v)),
            "kpi": self.kpi,
            "objective": self.objective,
            "goal": self.goal,
            "market": lambda v: word(MARKETS, v, self.language),
            "owner": lambda v: word(OWNERS, v, self.language, self.vocabulary.country),
        }
        if spec in words:
            items = value if isinstance(value, list | tuple) else [value]
            return self.list([words[spec](str(item)) for item in items])
        if isinstance(value, list | tuple | set | frozenset):
            return self.list([self._field(item, spec) for item in value])
        if isinstance(value, bool) or not isinstance(value, int | float):
            return super().format_field(value, spec) if spec else str(value)
        if spec in UNITS:
            return self.value(value, spec)
        if "|" in spec and spec.startswith("~"):
            return self.plural(value, spec[1:]).split(" ", 1)[1]  # the word alone: a verb
        if "|" in spec:
            return self.plural(value, spec)
        match = _NUMBER_SPEC.match(spec)
        if match is None:
            return self._local(super().format_field(value, spec))
        decimals = match["decimals"]
        if match["type"] == "%":
            return self.percent(value, int(decimals or 0))
        if match["type"] in ("d", "") and decimals is None and float(value).is_integer():
            return self.number(value, 0)
        return self.number(value, None if decimals is None else int(decimals))


@dataclass(frozen=True)
class _Channel:
    """A `channel` parameter: one key or several, written as the channels' names."""

    raw: str | list[str] | tuple[str, ...]

    @property
    def keys(self) -> list[str]:
        return [self.raw] if isinstance(self.raw, str) else list(self.raw)


class _Unknown(str):
    """A placeholder the parameters do not fill, kept visible as ``{name}``."""


@dataclass(frozen=True)
class _Share:
    """A ``part/whole`` parameter: whether the text says "all" or "some of"."""

    part: Any
    whole: Any


def render(
    template: LocalisedText | str,
    language: str,
    vocabulary: Vocabulary | None = None,
    **params: Any,
) -> str:
    """`template` in `language`, its placeholders filled in for the reader."""
    return Formatter(language, vocabulary).render(template, **params)
