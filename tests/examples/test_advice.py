"""The examples' advice: true of the data it cites, ranked as a consultant would work, and
readable in en, nl and fr (no ids, no templates, no raw numbers)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from socialaudit.api.cli.report import print_report
from socialaudit.engine.definitions import Dimension
from socialaudit.engine.loading import OrganisationInput, load_organisation
from socialaudit.engine.localise import localise
from socialaudit.engine.model.assessment import Assessment
from socialaudit.engine.pipeline import assess
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.engine.text import SUPPORTED_LANGUAGES

ROOT = Path(__file__).parents[2]
EXAMPLES = ["agency-retail-chain", "bakkerij-van-acker", "noorderlicht-it", "real-formats"]
needs_classifier = pytest.mark.skipif(
    not (ROOT / "plugins" / "classifier" / "__init__.py").exists(),
    reason="plugins/classifier is not in this checkout",
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry()


@pytest.fixture(scope="module")
def inputs(registry: Registry) -> dict[str, OrganisationInput]:
    return {
        name: load_organisation(ROOT / "examples" / name, registry.adapters) for name in EXAMPLES
    }


@pytest.fixture(scope="module")
def assessed(
    registry: Registry, inputs: dict[str, OrganisationInput]
) -> dict[tuple[str, str], Assessment]:
    return {
        (name, language): assess(data, registry, language=language)
        for name, data in inputs.items()
        for language in SUPPORTED_LANGUAGES
    }


def _evidence(assessment: Assessment, code: str) -> list[dict]:
    return [f.evidence | {"channel": f.channel} for f in assessment.findings if f.code == code]


@needs_classifier
def test_a_goals_targets_are_judged_on_the_goals_channels(
    assessed: dict[tuple[str, str], Assessment],
) -> None:
    agency = assessed[("agency-retail-chain", "en")]
    missed = _evidence(agency, "EVAL004")
    # 50,000 followers for TikTok, YouTube and the outlet account: they have 11,100; the
    # organisation's 53,700 across seven channels does not meet the awareness goal
    awareness = next(m for m in missed if m["kpi"] == "followers")
    assert awareness["value"] == 9100 + 700 + 1300
    assert sorted(awareness["scope"]) == ["instagram-outlet", "tiktok", "youtube"]
    # a 4-hour answer target is not met while Instagram, one of its channels, takes 85 hours
    slow = next(m for m in missed if m["kpi"] == "median_first_response_hours")
    assert slow["channel"] == "instagram" and slow["value"] > 80
    # X has one question: too few for a response rate against a target
    assert not [m for m in missed if m["channel"] == "x"]


@needs_classifier
def test_no_statistic_from_too_few_cases(assessed: dict[tuple[str, str], Assessment]) -> None:
    agency = assessed[("agency-retail-chain", "en")]
    tiktok = next(
        k for k in agency.kpis if k.id == "median_first_response_hours" and k.channel == "tiktok"
    )
    assert tiktok.detail["sample"] == 1
    assert ("CONV002", "tiktok") not in {(f.code, f.channel) for f in agency.findings}
    for kpi in agency.kpis:
        if kpi.id in ("response_rate", "reply_rate", "promotional_share", "engagement_rate"):
            assert "sample" in kpi.detail, kpi


@needs_classifier
@pytest.mark.parametrize("name", EXAMPLES)
def test_recommendations_follow_the_priority_model(
    assessed: dict[tuple[str, str], Assessment], name: str
) -> None:
    recommendations = assessed[(name, "en")].recommendations
    weights = [r.severity.weight for r in recommendations]
    assert weights == sorted(weights, reverse=True), "a HIGH ranks below a MEDIUM"
    for weight in set(weights):
        level = [r for r in recommendations if r.severity.weight == weight]
        harm = [r.category is Dimension.CONVERSATION for r in level]
        assert harm == sorted(harm, reverse=True), "paperwork before customers waiting"
        for first, second in itertools.pairwise(level):
            if (first.category is Dimension.CONVERSATION) == (
                second.category is Dimension.CONVERSATION
            ):
                assert first.impact >= second.impact


@needs_classifier
def test_the_agencys_first_recommendations_are_the_customers_waiting(
    assessed: dict[tuple[str, str], Assessment],
) -> None:
    agency = assessed[("agency-retail-chain", "en")]
    assert [r.code for r in agency.recommendations[:2]] == ["CONV001", "CONV003"]
    assert agency.maturity_stage != "integrated"  # integration findings of medium severity


ID_IN_PROSE = re.compile(
    r"\{|\}|\w\(s\)|\bboth\b|(?<![\d.,])0\.\d{3,}|\b(?:instagram-outlet|customer_service|"
    r"click_through_rate|median_first_response_hours|followers_count|b2c|b2b)\b"
)
PLATFORM_KEYS = re.compile(r"(?<![@\w.])(?:facebook|instagram|linkedin|tiktok|youtube)(?![\w.])")


def _prose(assessment: Assessment) -> list[str]:
    return [f.message for f in assessment.findings] + [
        text for r in assessment.recommendations for text in (r.action, r.title)
    ]


@needs_classifier
@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_texts_read_like_a_person_wrote_them(
    assessed: dict[tuple[str, str], Assessment], name: str, language: str
) -> None:
    for text in _prose(assessed[(name, language)]):
        assert not ID_IN_PROSE.search(text), text
        assert not PLATFORM_KEYS.search(text), text
        if language == "fr":
            assert not re.search(r" [:;?!%]", text), f"no narrow no-break space: {text}"


@needs_classifier
def test_every_language_gives_the_same_findings(
    assessed: dict[tuple[str, str], Assessment],
) -> None:
    for name in EXAMPLES:
        facts = {
            language: [(f.code, f.channel, f.evidence) for f in assessed[(name, language)].findings]
            for language in SUPPORTED_LANGUAGES
        }
        assert facts["nl"] == facts["en"] == facts["fr"]


@needs_classifier
def test_a_stored_assessment_rendered_again_reads_as_a_fresh_one(
    registry: Registry, assessed: dict[tuple[str, str], Assessment]
) -> None:
    english = assessed[("agency-retail-chain", "en")]
    again = localise(english, registry.rules, registry.kpis, "fr")
    fresh = assessed[("agency-retail-chain", "fr")]
    assert [f.message for f in again.findings] == [f.message for f in fresh.findings]
    assert [r.action for r in again.recommendations] == [r.action for r in fresh.recommendations]


@needs_classifier
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["HIGH", "What to do first", "points"]),
        ("nl", ["HOOG", "Wat eerst te doen", "punten", "Kerncijfers"]),
        ("fr", ["ÉLEVÉ", "Par où commencer", "Chiffres clés"]),
    ],
)
def test_the_report_speaks_the_readers_language(
    registry: Registry,
    assessed: dict[tuple[str, str], Assessment],
    tmp_path: Path,
    language: str,
    words: list[str],
) -> None:
    target = tmp_path / "report.txt"
    print_report(assessed[("agency-retail-chain", language)], registry, language, target)
    report = target.read_text(encoding="utf-8")
    for word in words:
        assert word in report
    assert "audience-left-unanswered" not in report  # no rule slugs
    assert "instagram-outlet" not in report  # the channel's name, not its key


@needs_classifier
def test_benchmarks_are_read_in_the_direction_they_mean(
    assessed: dict[tuple[str, str], Assessment],
) -> None:
    bakery = assessed[("bakkerij-van-acker", "en")]
    reply = next(k for k in bakery.kpis if k.id == "reply_rate" and k.channel is None)
    assert reply.benchmark is not None
    assert reply.benchmark.measures == "failure_rate"
    assert reply.benchmark.display == "85.0% of consumers got no answer (Maritz)"
    assert reply.benchmark.reference == pytest.approx(0.15)
    # 17.5% answered is above the 15% Maritz found, but a failure figure is no target
    assert reply.value > reply.benchmark.reference and reply.benchmark.meets is None  # type: ignore[operator]
    response = next(k for k in bakery.kpis if k.id == "response_rate" and k.channel is None)
    assert response.benchmark is not None and response.benchmark.measures == "floor"
    assert response.benchmark.meets is False  # 48% against the 60% who expect an answer
    channels = next(k for k in bakery.kpis if k.id == "channel_count")
    assert (
        channels.benchmark is not None
        and channels.benchmark.display == "4.1 on average (NSMA 2018)"
    )


def test_a_value_worse_than_a_failure_rate_does_not_meet_it() -> None:
    from socialaudit.engine.context import AssessmentContext
    from socialaudit.engine.definitions import Benchmark, Kpi, Measures, Unit
    from socialaudit.engine.formatting import Formatter
    from socialaudit.engine.kpi_runner import _comparison
    from socialaudit.engine.model.profile import Organisation

    failure = Benchmark(
        id="f",
        kpi="reply_rate",
        value=0.85,
        unit=Unit.RATIO,
        description={"en": "d"},
        source="Maritz",
        population="p",
        measures=Measures.FAILURE_RATE,
    )
    ctx = AssessmentContext(
        organisation=Organisation(name="o", market="b2c"),
        channels={},
        as_of=__import__("datetime").datetime(2024, 1, 1),
        benchmarks={"f": failure},
    )
    kpi = Kpi(
        id="reply_rate",
        name={"en": "Reply rate"},
        unit=Unit.RATIO,
        description={"en": "d"},
        formula="f",
        higher_is_better=True,
        per_organisation=lambda ctx: None,
    )
    worse = _comparison(ctx, kpi, 0.05, Formatter("fr"))
    assert worse is not None and worse.meets is False
    assert worse.difference == pytest.approx(-0.10)
    assert worse.display == "85,0\u202f% d'échecs (Maritz)"
