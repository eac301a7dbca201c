"""The one formatter: CLDR numbers, percentages, lists and plurals, French typography, and ids
written as words in the reader's language."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from socialaudit.engine.formatting import NARROW_NBSP, Formatter, Vocabulary, channel_names
from socialaudit.engine.model.profile import ChannelProfile

CHANNELS = Vocabulary(
    channels={"facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn"},
    kpis={"click_through_rate": {"en": "Click-through rate", "nl": "Doorklikratio"}},
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Facebook, Instagram and LinkedIn"),  # European English: no serial comma
        ("nl", "Facebook, Instagram en LinkedIn"),
        ("fr", "Facebook, Instagram et LinkedIn"),
    ],
)
def test_channel_lists_are_written_as_the_language_writes_lists(
    language: str, expected: str
) -> None:
    formatter = Formatter(language, CHANNELS)
    assert formatter.render("{channel}", channel=["facebook", "instagram", "linkedin"]) == expected


@pytest.mark.parametrize(
    ("language", "medium", "long"),
    [
        ("en", "28 Nov 2025", "28 November 2025"),
        ("nl", "28 nov 2025", "28 november 2025"),
        ("fr", "28 nov. 2025", "28 novembre 2025"),
    ],
)
def test_dates_put_the_day_first_in_every_language(language: str, medium: str, long: str) -> None:
    """English is read here by Belgian and Dutch readers: not the US "Nov 28, 2025"."""
    formatter = Formatter(language)
    assert formatter.date(date(2025, 11, 28)) == medium
    assert formatter.date(datetime(2025, 11, 28, 23, 0), "long") == long


def test_european_english_keeps_the_english_number_notation() -> None:
    formatter = Formatter("en")
    assert formatter.number(1234.5) == "1,234.5"
    assert formatter.percent(0.515, 1) == "51.5%"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 of 2 goals has"),
        ("en", 2, "2 of 2 goals have"),
        ("nl", 1, "1 van 2 doelen heeft"),
        ("nl", 2, "2 van 2 doelen hebben"),
    ],
)
def test_a_verb_agrees_with_its_count(language: str, count: int, expected: str) -> None:
    template = {
        "en": "{n} of {goals:goal|goals} {n:~has|have}",
        "nl": "{n} van {goals:doel|doelen} {n:~heeft|hebben}",
    }
    assert Formatter(language).render(template, n=count, goals=2) == expected


def test_french_plural_rules_come_from_cldr() -> None:
    template = {"fr": "{n:canal|canaux}"}
    assert Formatter("fr").render(template, n=0) == "0 canal"
    assert Formatter("fr").render(template, n=1) == "1 canal"
    assert Formatter("fr").render(template, n=2) == "2 canaux"


def test_french_typography_puts_a_narrow_no_break_space_before_high_punctuation() -> None:
    text = Formatter("fr").render({"fr": "Taux : {rate:.0%} ; vraiment ? oui !"}, rate=0.51)
    n = NARROW_NBSP
    assert text == f"Taux{n}: 51{n}%{n}; vraiment{n}? oui{n}!"
    # and leaves times and web addresses alone
    assert Formatter("fr").render({"fr": "à 14:30 sur https://x.be"}) == "à 14:30 sur https://x.be"


ALL_OR_SOME = {
    "en": "{c/t:{t:~The only complaint|None of the {t} complaints} got {t:~no|an} answer|"
    "{c} of {t:complaint|complaints} got no answer}.",
    "nl": "{c/t:{t:~De enige klacht|Geen van de {t} klachten} kreeg {t:~geen|een} antwoord|"
    "{c} van {t:klacht|klachten} {c:~kreeg|kregen} geen antwoord}.",
    "fr": "{c/t:{t:~La seule plainte est restée|Les {t} plaintes sont toutes restées}|"
    "{c} des {t:plainte|plaintes} {c:~est restée|sont restées}} sans réponse.",
}


@pytest.mark.parametrize(
    ("language", "part", "whole", "expected"),
    [
        ("en", 6, 6, "None of the 6 complaints got an answer."),
        ("en", 1, 1, "The only complaint got no answer."),
        ("en", 3, 6, "3 of 6 complaints got no answer."),
        ("nl", 6, 6, "Geen van de 6 klachten kreeg een antwoord."),
        ("nl", 1, 1, "De enige klacht kreeg geen antwoord."),
        ("nl", 1, 6, "1 van 6 klachten kreeg geen antwoord."),
        ("fr", 6, 6, "Les 6 plaintes sont toutes restées sans réponse."),
        ("fr", 1, 1, "La seule plainte est restée sans réponse."),
        ("fr", 3, 6, "3 des 6 plaintes sont restées sans réponse."),
    ],
)
def test_all_of_a_count_is_said_as_all_not_as_n_of_n(
    language: str, part: int, whole: int, expected: str
) -> None:
    assert Formatter(language).render(ALL_OR_SOME, c=part, t=whole) == expected


def test_a_part_whole_choice_with_a_missing_count_stays_visible() -> None:
    assert Formatter("en").render("{c/t:all|some}", c=1) == "{c/t}"


def test_a_source_is_cited_in_the_readers_typography() -> None:
    source = "Arnold Worldwide; Maritz; 'Wat kmo's doen'"
    n = NARROW_NBSP
    assert Formatter("fr").citation(source) == (
        f"Arnold Worldwide{n}; Maritz{n}; «{n}Wat kmo's doen{n}»"
    )
    assert Formatter("nl").citation(source) == source
    assert Formatter("en").citation(source) == source


def test_french_elides_de_before_a_vowel() -> None:
    formatter = Formatter("fr", CHANNELS)
    assert formatter.render({"fr": "les publications {channel:de}"}, channel="instagram") == (
        "les publications d'Instagram"
    )
    assert formatter.render({"fr": "les publications {channel:de}"}, channel="facebook") == (
        "les publications de Facebook"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The sales goal: click-through rate 0.9% against 1.5%"),
        ("nl", "Het doel verkoop: doorklikratio 0,9% against 1,5%"),
        (
            "fr",
            "L'objectif de vente\u202f: click-through rate 0,9\u202f% against 1,5\u202f%",
        ),
    ],
)
def test_ids_are_written_as_words_and_values_in_their_unit(language: str, expected: str) -> None:
    template = {"en": "{objective:Goal}: {kpi:kpi} {value:{unit}} against {target:{unit}}"}
    rendered = Formatter(language, CHANNELS).render(
        template,
        objective="sales",
        kpi="click_through_rate",
        value=0.0091,
        target=0.015,
        unit="ratio",
    )
    assert rendered == expected
    assert "0.0091" not in rendered and "click_through_rate" not in rendered


def test_dutch_follows_the_organisations_country() -> None:
    text = {"en": "a small business", "nl": "een kmo", "nl-NL": "een mkb-bedrijf"}
    assert Formatter("nl", Vocabulary(country="BE")).render(text) == "een kmo"
    assert Formatter("nl", Vocabulary(country="NL")).render(text) == "een mkb-bedrijf"
    assert Formatter("nl").render(text) == "een kmo"


def test_channels_sharing_a_platform_are_told_apart_by_handle() -> None:
    names = channel_names(
        [
            ChannelProfile(platform="instagram", handle="shop"),
            ChannelProfile(platform="instagram", handle="outlet", id="instagram-outlet"),
            ChannelProfile(platform="linkedin", handle="shop"),
            ChannelProfile(platform="x", handle="s", id="x-care", name="X klantendienst"),
        ]
    )
    assert names == {
        "instagram": "Instagram @shop",
        "instagram-outlet": "Instagram @outlet",
        "linkedin": "LinkedIn",
        "x-care": "X klantendienst",
    }


@pytest.mark.parametrize(
    ("language", "unit", "value", "expected"),
    [
        ("nl", "ratio", 0.2963, "29,6%"),
        ("fr", "ratio", 0.2963, f"29,6{NARROW_NBSP}%"),
        ("en", "hours", 26.04, "26.0 h"),
        ("nl", "hours", 26.04, "26,0 u"),
        ("nl", "count", 4.1, "4,1"),
        ("fr", "count", 12500, f"12{NARROW_NBSP}500"),
        ("en", "count", None, "—"),
    ],
)
def test_kpi_values_read_the_same_in_every_output(
    language: str, unit: str, value: float | None, expected: str
) -> None:
    assert Formatter(language).value(value, unit) == expected
