"""The report page: Jinja2 templates (autoescaped) filled from `facts`, charts inlined as SVG,
the stylesheet inlined, so that the one HTML file shows everything offline."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from socialaudit.api.report import charts, facts
from socialaudit.api.report.texts import STAGE_MEANING, TEXTS
from socialaudit.engine.formatting import (
    DIMENSION_NAMES,
    STAGE_NAMES,
    UNKNOWN,
    Formatter,
    Vocabulary,
)
from socialaudit.engine.text import pick
from socialaudit.service.branding import Brand


@pass_context
def _channel_name(context: Context, key: str | None) -> str | None:
    """A channel key as the reader knows the channel ("Instagram", "Instagram @shop_outlet"):
    the assessment's own names, so the page says what its texts say."""
    return context["a"].channel_names.get(key, key) if key else key


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("socialaudit.api.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["channel"] = _channel_name
    return environment


@cache
def stylesheet() -> str:
    return (files("socialaudit.api.report") / "static" / "report.css").read_text("utf-8")


def _charts(
    inp: facts.ReportInput, t: dict[str, str], fmt: Formatter, lang: str
) -> dict[str, object]:
    a = inp.assessment
    out: dict[str, object] = {}

    def name(key: str) -> str:
        return a.channel_names.get(key, key)

    dims = [(DIMENSION_NAMES[lang][d.name.value], d.score) for d in a.dimensions]
    out["dimensions"] = {
        "svg": Markup(charts.dimensions_radar(dims, t["dimensions_chart"])),
        "caption": t["dimensions_chart"],
        "head": [t["dimension"], t["score"]],
        "rows": [[name, fmt.number(score, 0)] for name, score in dims],
    }
    mix = facts.content_mix(inp)
    if mix:
        names = [t[label] for label in facts.MIX]
        out["mix"] = {
            "svg": Markup(
                charts.content_mix(
                    [(name(key), [v[label] for label in facts.MIX]) for key, v in mix.items()],
                    names,
                    t["mix_chart"],
                )
            ),
            "caption": t["mix_chart"],
            "head": [t["channel"], *names],
            "rows": [
                [name(key), *(fmt.percent(v[label], 1) for label in facts.MIX)]
                for key, v in mix.items()
            ],
        }
    cadence = facts.weekly_cadence(inp)
    if cadence and cadence[1]:
        weeks, by_key = cadence
        series = {name(key): counts for key, counts in by_key.items()}
        labels = [fmt.date(w) for w in weeks]
        out["cadence"] = {
            "svg": Markup(charts.weekly_lines(labels, series, t["cadence_chart"])),
            "caption": t["cadence_chart"],
            "head": [t["week_of"], *series],
            "rows": [[w, *(str(s[i]) for s in series.values())] for i, w in enumerate(labels)],
        }
    times = facts.response_times(inp)
    if times and sum(times):
        labels = [t[key] for _, key in facts.RESPONSE_BUCKETS]
        out["responses"] = {
            "svg": Markup(charts.bars(labels, times, t["messages"], t["response_chart"])),
            "caption": t["response_chart"],
            "head": [t["first_response"], t["messages"]],
            "rows": [[label, fmt.number(n, 0)] for label, n in zip(labels, times, strict=True)],
        }
    history = sorted(inp.history)
    if len(history) >= 2:
        dates = [fmt.date(when) for when, _ in history]
        out["trend"] = {
            "svg": Markup(charts.score_trend(dates, [s for _, s in history], t["score_trend"])),
            "caption": t["score_trend"],
            "head": [t["date"], t["overall_score"]],
            "rows": [[d, fmt.number(s, 0)] for d, (_, s) in zip(dates, history, strict=True)],
        }
    return out


def render_html(
    inp: facts.ReportInput,
    language: str,
    brand: Brand | None = None,
    downloads: dict[str, str] | None = None,
) -> str:
    """The whole page. `downloads` maps a format (csv, xlsx) to the link the page offers."""
    lang = language if language in TEXTS else "en"
    a = inp.assessment
    t = {**TEXTS[lang], "unknown": pick(UNKNOWN, lang)}
    # the engine's formatter, as the terminal's: the same numbers, dates and words
    vocabulary = Vocabulary(channels=a.channel_names, country=a.country)
    fmt = Formatter(lang, vocabulary, unknown=t["unknown"])
    window_start = facts.window_start(inp)
    context = {
        "lang": lang,
        "t": t,
        "fmt": fmt,
        "a": a,
        "brand": brand or Brand(),
        "css": Markup(stylesheet()),
        "stage_name": STAGE_NAMES[lang][a.maturity_stage.value],
        "stage_meaning": STAGE_MEANING[lang][a.maturity_stage.value],
        "kpis": facts.kpi_index(a),
        "goals": facts.goals(inp),
        "channels": facts.channels(inp),
        "posts": facts.ranked_posts(inp),
        "messages_known": facts.response_times(inp) is not None,
        "benchmarked": facts.benchmarked(a),
        "comparison": facts.compare(inp),
        "unknown_kpis": facts.unknown_kpis(a),
        "kpi_reason": facts.kpi_reason,
        "evidence_for": lambda code: facts.evidence_for(a, code),
        "data_notes": facts.data_notes(a),
        "failures": facts.failures(a),
        "sources": facts.sources(inp),
        "window_start": window_start,
        "window_days": inp.window_days,
        "charts": _charts(inp, t, fmt, lang),
        "downloads": downloads or {},
    }
    return _environment().get_template("report.html").render(context)
