"""Small in-process plugins for engine tests: one well-behaved, several that misbehave."""

from __future__ import annotations

import time
import types

from pydantic import BaseModel, ConfigDict

from socialaudit.engine import hookimpl
from socialaudit.engine.definitions import Dimension, Hit, Kpi, Rule, Severity, Unit


class ThresholdOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    max_share: float = 0.5


def _module(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))  # type: ignore[arg-type]
    return module


def rule(code: str, check: object, *, per_channel: bool = False, **extra: object) -> Rule:
    """A test rule: `check(ctx, view, options)` per channel, else `check(ctx, options)` once."""
    return Rule(
        code=code,
        slug=f"test-{code.lower()}",
        name={"en": f"Test {code}"},
        category=extra.pop("category", Dimension.EXECUTION),  # type: ignore[arg-type]
        severity=extra.pop("severity", Severity.MEDIUM),  # type: ignore[arg-type]
        message={"en": "share {share:.0%} above {limit:.0%}", "nl": "aandeel {share:.0%}"},
        rationale={"en": "because"},
        remediation={"en": "do less", "nl": "doe minder"},
        source="Test Study",
        per_channel=check if per_channel else None,  # type: ignore[arg-type]
        per_organisation=None if per_channel else check,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def threshold_plugin() -> types.ModuleType:
    """A rule with options, firing when a channel's text share is above `max_share`."""

    def evaluate(ctx, view, options):  # type: ignore[no-untyped-def]
        share = ctx.kpi("test_text_share", view.key)
        if share is not None and share > options.max_share:
            return Hit({"share": share, "limit": options.max_share})
        return None

    def text_share(ctx, view):  # type: ignore[no-untyped-def]
        posts = view.recent_posts
        return posts["text"].is_not_null().mean() if posts.height else None

    return _module(
        "threshold",
        socialaudit_kpis=lambda: [
            Kpi(
                id="test_text_share",
                name={"en": "Text share"},
                unit=Unit.RATIO,
                description={"en": "posts with text"},
                formula="posts with text / posts",
                per_channel=text_share,
            )
        ],
        socialaudit_rules=lambda: [
            rule("TST001", evaluate, per_channel=True, options=ThresholdOptions)
        ],
    )


def failing_plugin() -> types.ModuleType:
    """A KPI and rules that raise, time out or return nonsense during an assessment."""

    def raising_kpi(ctx):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("division by zero")

    def slow_rule(ctx, options):  # type: ignore[no-untyped-def]
        time.sleep(2)
        return Hit({})

    return _module(
        "failing",
        socialaudit_kpis=lambda: [
            Kpi(
                id="broken_kpi",
                name={"en": "Broken"},
                unit=Unit.COUNT,
                description={"en": "raises"},
                formula="1/0",
                per_organisation=raising_kpi,
            ),
            Kpi(
                id="wrong_type_kpi",
                name={"en": "Wrong"},
                unit=Unit.COUNT,
                description={"en": "returns text"},
                formula="text",
                per_organisation=lambda ctx: "many",
            ),
        ],
        socialaudit_rules=lambda: [
            rule("TST101", lambda ctx, options: 1 / 0),
            rule("TST102", slow_rule),
            rule("TST103", lambda ctx, options: "fired!"),
            rule("TST104", lambda ctx, options: Hit({"share": 0.9, "limit": 0.5})),
        ],
    )
