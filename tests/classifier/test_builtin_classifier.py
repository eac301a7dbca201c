"""The built-in classifier: languages, labels with evidence, packs as data, replaceable."""

from __future__ import annotations

import types
from pathlib import Path

import polars as pl
import pytest

from socialaudit.engine import hookimpl
from socialaudit.engine.config import Settings
from socialaudit.engine.definitions import CLASSIFICATION_SCHEMA, ContentClassifier
from socialaudit.engine.errors import InputError
from socialaudit.engine.registry import PluginStatus, build_registry
from socialaudit.plugins.classifier import CueClassifier, ModelClassifier


@pytest.fixture(scope="module")
def classifier() -> CueClassifier:
    built = CueClassifier()
    built.use_language_packs([])
    return built


POSTS = [
    (
        "Nieuw binnen: onze lentecollectie ligt in de winkel. Kom gerust passen!",
        "nl",
        "promotional",
    ),
    ("Zin in iets zoets? Bestel vandaag nog je verjaardagstaart online.", "nl", "promotional"),
    ("Tip: bewaar je brood in een linnen zak, dan blijft het langer vers.", "nl", "informational"),
    ("Welke taart kiezen jullie voor het weekend? Laat het ons weten!", "nl", "conversational"),
    ("Save 20% on all winter jackets this weekend only.", "en", "promotional"),
    ("We are hiring: join our team as a support engineer in Utrecht.", "en", "informational"),
    ("What is your favourite feature of the new dashboard? Tell us below.", "en", "conversational"),
    ("Profitez de -30% sur toute la collection, ce week-end seulement !", "fr", "promotional"),
    ("Attention : la boutique sera fermée lundi pour congés annuels.", "fr", "informational"),
    ("Et vous, quel est votre gâteau préféré ? Dites-nous en commentaire.", "fr", "conversational"),
]

MESSAGES = [
    ("Zijn jullie ook open op zondagvoormiddag?", "nl", "question"),
    ("Mijn pakket is nog steeds niet geleverd, al twee weken wachten.", "nl", "complaint"),
    ("Heerlijke croissants, echt een aanrader!", "nl", "praise"),
    ("Do you ship to Belgium as well", "en", "question"),
    ("Thanks for nothing, my order arrived broken again.", "en", "complaint"),
    ("Livrez-vous aussi à Namur ?", "fr", "question"),
    ("Toujours pas de remboursement après trois semaines, c'est inadmissible.", "fr", "complaint"),
]


@pytest.mark.parametrize(("text", "language", "label"), POSTS)
def test_post_labels_and_languages(
    classifier: CueClassifier, text: str, language: str, label: str
) -> None:
    row = classifier.classify_posts(pl.Series([text])).row(0, named=True)
    assert (row["language"], row["label"]) == (language, label)
    assert row["evidence"] and all(e.startswith(label) for e in row["evidence"])
    assert 0.5 <= row["confidence"] < 1


@pytest.mark.parametrize(("text", "language", "label"), MESSAGES)
def test_message_labels(classifier: CueClassifier, text: str, language: str, label: str) -> None:
    row = classifier.classify_messages(pl.Series([text])).row(0, named=True)
    assert (row["language"], row["label"]) == (language, label)


def test_short_empty_and_emoji_texts(classifier: CueClassifier) -> None:
    frame = classifier.classify_messages(pl.Series(["ok", None, "", "😍😍🔥", "@tom_b"]))
    assert frame.schema == pl.Schema(CLASSIFICATION_SCHEMA)
    assert frame["language"].to_list() == ["unknown"] * 5
    assert frame["label"].to_list()[1:] == ["other", "other", "other", "other"]
    assert frame["confidence"].to_list()[1:3] == [0.0, 0.0]


def test_rows_keep_their_order_with_duplicates(classifier: CueClassifier) -> None:
    texts = ["Bestel nu met 10% korting!", "Wat vinden jullie van onze nieuwe look?"] * 3
    labels = classifier.classify_posts(pl.Series(texts))["label"].to_list()
    assert labels == ["promotional", "conversational"] * 3


def test_a_plugin_pack_adds_jargon_without_code(tmp_path: Path) -> None:
    pack = tmp_path / "garage.toml"
    pack.write_text(
        'language = "nl"\n[[posts.promotional]]\nname = "apk"\n'
        "pattern = '\\bapk[- ]keuring\\b'\nweight = 3.0\n",
        encoding="utf-8",
    )
    plugin = types.ModuleType("garage_pack")
    plugin.socialaudit_language_packs = hookimpl(lambda: [pack])  # type: ignore[attr-defined]
    text = pl.Series(["Deze maand uw APK-keuring bij ons in de garage"])
    cues = Settings.model_validate({"classifier": {"use": "builtin"}})
    plain = build_registry(cues).classifier()
    assert plain is not None and plain.classify_posts(text)["label"][0] == "informational"
    extended = build_registry(cues, extra_plugins=[plugin]).classifier()
    assert extended is not None
    row = extended.classify_posts(text).row(0, named=True)
    assert row["label"] == "promotional" and row["evidence"] == ["promotional:apk"]


def test_a_broken_pack_disables_the_classifier_with_its_error(tmp_path: Path) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text(
        'language = "nl"\n[[posts.selling]]\nname = "x"\npattern = "x"\n', encoding="utf-8"
    )
    plugin = types.ModuleType("bad_pack")
    plugin.socialaudit_language_packs = hookimpl(lambda: [pack])  # type: ignore[attr-defined]
    registry = build_registry(extra_plugins=[plugin])
    assert "builtin" not in registry.classifiers and "model" not in registry.classifiers
    info = registry.plugins["builtin-classifier"]
    assert info.status == PluginStatus.FAILED and "posts.selling" in info.errors[0]
    with pytest.raises(InputError):
        CueClassifier().use_language_packs([pack])


class ShoutingClassifier(ContentClassifier):
    """A stand-in second implementation: everything in capitals is promotional."""

    name = "shouting"

    def _label(self, texts: pl.Series, label: str) -> pl.DataFrame:
        return pl.DataFrame(
            {
                "language": ["xx"] * len(texts),
                "label": [label] * len(texts),
                "confidence": [1.0] * len(texts),
                "evidence": [["caps"]] * len(texts),
            }
        )

    def classify_posts(self, texts: pl.Series) -> pl.DataFrame:
        return self._label(texts, "promotional")

    def classify_messages(self, texts: pl.Series) -> pl.DataFrame:
        return self._label(texts, "praise")


def test_configuration_replaces_the_builtin_classifier() -> None:
    plugin = types.ModuleType("shouting_plugin")
    plugin.socialaudit_content_classifiers = hookimpl(  # type: ignore[attr-defined]
        lambda: [ShoutingClassifier()]
    )
    settings = Settings.model_validate({"classifier": {"use": "shouting"}})
    chosen = build_registry(settings, extra_plugins=[plugin]).classifier()
    assert isinstance(chosen, ShoutingClassifier)
    default = build_registry(extra_plugins=[plugin]).classifier()
    assert isinstance(default, ModelClassifier)  # the model package is a dependency


def test_a_pattern_that_matches_everything_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "loose.toml"
    pack.write_text(
        'language = "nl"\n[[messages.praise]]\nname = "loose"\npattern = \'\\b(top||super)\\b\'\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="fire on every text") as caught:
        CueClassifier().use_language_packs([pack])
    assert caught.value.field == "messages.praise[0].pattern"
