"""Hook specifications for socialaudit plugins.

A plugin is a module (or object) with functions named after these hooks and marked with
``@hookimpl`` (``from socialaudit.plugin import hookimpl``). Built-in plugins and third-party
ones register the same way: an entry point in the ``socialaudit`` group of the distribution's
metadata, for example::

    [project.entry-points.socialaudit]
    pinterest = "socialaudit_pinterest.plugin"

Every hook here *returns registration records* (the conda pattern). The engine calls each
plugin's implementation on its own, inside its own error boundary, validates what comes back,
and collects it into one registry at start-up; a plugin that raises or returns something
malformed is listed as failed (``socialaudit plugins``) and the others still load. None of the
hooks is ``firstresult``: every plugin's records are collected.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pluggy

from socialaudit.engine import PROJECT_NAME
from socialaudit.engine.definitions import Benchmark, ChannelAdapter, ContentClassifier, Kpi, Rule

hookspec = pluggy.HookspecMarker(PROJECT_NAME)


# -------------------------------------------------------------------------
# Reading data
# -------------------------------------------------------------------------


@hookspec
def socialaudit_channel_adapters() -> Iterable[ChannelAdapter]:
    """Return the channel adapters this plugin provides.

    Called once, when the plugin registry is built (before any organisation is read).

    :returns: `ChannelAdapter` instances. Each has a unique ``name`` (the
        ``format`` value users write in ``organisation.toml``) and implements ``detect`` (is this
        file in my format?) and ``read`` (the file as posts and interactions columns).

    Example::

        @hookimpl
        def socialaudit_channel_adapters():
            return [PinterestPinsCsv()]
    """
    raise NotImplementedError  # a spec: pluggy only calls the implementations


# -------------------------------------------------------------------------
# Understanding content
# -------------------------------------------------------------------------


@hookspec
def socialaudit_content_classifiers() -> Iterable[ContentClassifier]:
    """Return content classifiers that label posts and audience messages.

    Called once, when the plugin registry is built. The classifier used in an assessment is
    the one named by ``[classifier] use = "..."`` in ``plugins.toml``, else the built-in one;
    each assessment gives it, in one batch per kind, the texts of the assessment window.

    :returns: `ContentClassifier` instances with a unique ``name``.
        ``classify_posts`` labels promotional / informational / conversational,
        ``classify_messages`` labels question / complaint / praise / other; both return one
        row per text, in input order, with the columns of ``CLASSIFICATION_SCHEMA``
        (language, label, confidence, evidence).

    Example::

        class AgencyModel(ContentClassifier):
            name = "agency-model"
            def classify_posts(self, texts):
                return pl.DataFrame({"language": ..., "label": ..., "confidence": ...,
                                     "evidence": ...}, schema=CLASSIFICATION_SCHEMA)
            def classify_messages(self, texts): ...

        @hookimpl
        def socialaudit_content_classifiers():
            return [AgencyModel()]
    """
    raise NotImplementedError  # a spec: pluggy only calls the implementations


@hookspec
def socialaudit_language_packs() -> Iterable[Path]:
    """Return paths of language pack files (TOML cue lists) for the built-in classifier.

    Called once, when the plugin registry is built; the paths of every plugin are handed to
    each classifier's ``use_language_packs`` after all plugins are loaded (a classifier that
    uses no packs ignores them). Packs add cues to a language the classifier knows, or add a
    language or a sector's jargon, without code changes.

    :returns: paths of TOML files in the language pack format (see ``docs/classifier.md``).

    Example::

        @hookimpl
        def socialaudit_language_packs():
            return [Path(__file__).with_name("bouw_nl.toml")]
    """
    raise NotImplementedError  # a spec: pluggy only calls the implementations


# -------------------------------------------------------------------------
# Measuring and advising
# -------------------------------------------------------------------------


@hookspec
def socialaudit_kpis() -> Iterable[Kpi]:
    """Return KPI definitions.

    Called once, when the plugin registry is built. KPI ids are unique across plugins; a
    second definition of an id is reported as a failure of the plugin that brought it.
    During an assessment KPIs are computed in dependency order (``Kpi.depends_on``), each
    inside its own error boundary and time limit.

    :returns: `Kpi` records. A formula returns a `Measurement` (value and the detail it
        rests on), a number, or None for unknown (never 0 for "the data does not tell").

    Example::

        def video_share(ctx, channel):
            posts = channel.recent_posts
            if posts.height == 0:
                return None
            videos = posts.filter(pl.col("media_type") == "video").height
            return Measurement(videos / posts.height, {"posts": posts.height})

        @hookimpl
        def socialaudit_kpis():
            yield Kpi(id="video_share", name={"en": "Video share"}, unit=Unit.RATIO,
                      description={"en": "Share of posts that are videos."},
                      formula="video posts / posts in the window", per_channel=video_share)
    """
    raise NotImplementedError  # a spec: pluggy only calls the implementations


@hookspec
def socialaudit_rules() -> Iterable[Rule]:
    """Return advice rules.

    Called once, when the plugin registry is built. Rule codes (``MIX001``) are unique and
    stable: agencies and outside tools refer to them. During an assessment each enabled rule
    is evaluated after all KPIs, once per channel (``Rule.per_channel``), once for the
    organisation (``Rule.per_organisation``) or both, as a KPI is computed, inside its own
    error boundary and time limit.

    :returns: `Rule` records. ``per_channel(ctx, channel, options)`` and
        ``per_organisation(ctx, options)`` return a `Hit` (its evidence fills the message's
        placeholders), several, or None when the rule does not fire.
        Every KPI the rule reads must be named in ``Rule.kpis``: the registry checks they
        exist, and a KPI that failed is reported against the rule instead of it going quiet.

    Example::

        def no_video(ctx, channel, options):
            share = ctx.kpi("video_share", channel.key)
            return Hit({"share": share}) if share == 0 else None

        @hookimpl
        def socialaudit_rules():
            yield Rule(code="AGY001", slug="no-video", name={"en": "No video"},
                       category=Dimension.EXECUTION, severity=Severity.LOW,
                       message={"en": "None of the posts on {channel} is a video."},
                       rationale={"en": "..."}, remediation={"en": "..."},
                       source="Agency playbook", per_channel=no_video, kpis=("video_share",))
    """
    raise NotImplementedError  # a spec: pluggy only calls the implementations


@hookspec
def socialaudit_benchmarks() -> Iterable[Benchmark]:
    """Return reference figures to compare KPI values with.

    Called once, when the plugin registry is built. Each benchmark names its study, year and
    population; one linked to a KPI (``Benchmark.kpi``) is shown next to that KPI's value for
    organisations in its market and sector.

    :returns: `Benchmark` records with unique ids.

    Example::

        @hookimpl
        def socialaudit_benchmarks():
            yield Benchmark(id="agency-er-retail", value=0.021, unit=Unit.RATIO,
                            kpi="engagement_rate",
                            description={"en": "Median engagement rate of our retail clients"},
                            source="Agency client base", population="38 retail SMEs", year=2025,
                            sector=Sector.RETAIL)
    """
    raise NotImplementedError  # a spec: pluggy only calls the implementations
