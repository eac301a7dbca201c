"""Language identification: py3langid among six candidates, ``unknown`` for too few words,
other scripts and close calls; the model loads only when a text is to be identified."""

from __future__ import annotations

import subprocess
import sys

import polars as pl
import pytest

from socialaudit.plugins.classifier import CueClassifier
from socialaudit.plugins.classifier.language import (
    CANDIDATES,
    MIN_PROBABILITY,
    LanguageIdentifier,
    identifiable,
)


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


def identify(identifier: LanguageIdentifier, texts: list[str]) -> list[str]:
    return identifier.identify(pl.Series(texts)).to_list()


def without_minimum(text: str) -> tuple[str, float]:
    """What py3langid restricted to the candidates says without the minimum probability."""
    from py3langid.langid import MODEL_FILE
    from py3langid.langid import LanguageIdentifier as Py3LangId

    detector = Py3LangId.from_model_file(MODEL_FILE, norm_probs=True)
    detector.set_languages(list(CANDIDATES))
    language, probability = detector.classify(text)
    return language, probability


SHORT_SOCIAL = [
    ("Zijn jullie open?", "nl"),
    ("Top, bedankt!", "nl"),
    ("Wat kost dat?", "nl"),
    ("Dank je wel!", "nl"),
    ("Super lekker!", "nl"),
    ("Livrez-vous à Namur ?", "fr"),
    ("Merci beaucoup !", "fr"),
    ("C'est combien ?", "fr"),
    ("Trop bon !", "fr"),
    ("Are you open today?", "en"),
    ("Great service", "en"),
    ("So good!", "en"),
    ("Do you deliver?", "en"),
]


@pytest.mark.parametrize(("text", "language"), SHORT_SOCIAL)
def test_short_dutch_french_and_english_social_texts_are_identified(
    identifier: LanguageIdentifier, text: str, language: str
) -> None:
    assert identify(identifier, [text]) == [language]


def test_fewer_than_two_words_is_unknown(identifier: LanguageIdentifier) -> None:
    one_word = ["Bedankt!", "Merci", "ok", "@tom_b", "😍😍🔥", "10% 2+1", ""]
    assert identify(identifier, one_word) == ["unknown"] * len(one_word)
    assert identify(identifier, ["Bedankt allemaal!"]) == ["nl"]  # two words are enough


def test_a_null_text_is_unknown_beside_identified_ones(identifier: LanguageIdentifier) -> None:
    found = identifier.identify(pl.Series(["Merci pour tout !", None, "Thanks a lot!"]))
    assert found.to_list() == ["fr", "unknown", "en"]


def test_a_close_call_is_unknown(identifier: LanguageIdentifier) -> None:
    """The restricted model leans to a language, but less than to all others together."""
    language, probability = without_minimum("top service")
    assert language in CANDIDATES and probability < MIN_PROBABILITY
    assert identify(identifier, ["top service"]) == ["unknown"]
    assert without_minimum("Great service")[1] >= MIN_PROBABILITY  # a clear one is kept
    assert identify(identifier, ["Great service"]) == ["en"]


NOT_LATIN = [
    "شكرا على التوصيل السريع",  # Arabic
    "Спасибо за быструю доставку, торт был очень вкусный!",  # Russian
    "Ευχαριστώ για τη γρήγορη παράδοση!",  # Greek
    "谢谢你们的快速送货，蛋糕很好吃！",  # Chinese
    "@bakkerij_jan @tom شكرا على التوصيل السريع",  # handles are not enough Latin
]


def test_a_text_in_another_script_is_unknown(identifier: LanguageIdentifier) -> None:
    assert identify(identifier, NOT_LATIN) == ["unknown"] * len(NOT_LATIN)
    # without the rule the restricted model would call the Arabic message English
    assert without_minimum(NOT_LATIN[0])[0] == "en"
    assert identifiable(pl.Series(["Merci pour tout, شكرا"])).to_list() == [True]


def test_another_latin_language_gets_the_closest_candidate_or_unknown(
    identifier: LanguageIdentifier,
) -> None:
    """What the restriction implies (docs/classifier.md): Portuguese reads as Spanish, which
    has no pack, so its cues are every pack's as for ``unknown``; where no candidate is clear
    (Finnish, Czech, Romanian) the text is ``unknown``."""
    texts = [
        "Obrigado pela entrega rápida, adorei o bolo de aniversário!",
        "Kiitos nopeasta toimituksesta, kakku oli herkullinen!",
        "Děkuji za rychlé doručení, dort byl výborný.",
        "Mulțumesc pentru livrarea rapidă!",
    ]
    assert identify(identifier, texts) == ["es", "unknown", "unknown", "unknown"]


def test_the_identifier_is_part_of_the_cue_classifiers_version() -> None:
    class Other(LanguageIdentifier):
        @property
        def version(self) -> str:
            return "another identifier"

    assert CueClassifier(Other()).version != CueClassifier().version
    assert CueClassifier(LanguageIdentifier()).version == CueClassifier().version


def test_the_model_loads_only_when_a_text_is_identified() -> None:
    """Building the classifiers and reading the identifier's version import no py3langid."""
    script = (
        "import sys\n"
        "from socialaudit.plugins.classifier import CueClassifier\n"
        "classifier = CueClassifier()\n"
        "assert classifier.version\n"
        "assert 'py3langid' not in sys.modules, 'py3langid imported before any text'\n"
        "import polars as pl\n"
        "assert classifier.identifier.identify(pl.Series(['ok'])).to_list() == ['unknown']\n"
        "assert 'py3langid' not in sys.modules, 'py3langid imported for a one-word text'\n"
        "classifier.identifier.identify(pl.Series(['Dank je wel']))\n"
        "assert 'py3langid' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
