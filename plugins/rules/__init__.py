"""The built-in advice rules, one module per family.

GOAL: goals, targets, budget and strategy. CHK: the checklist mentality (channels without a
purpose, dormant or barely used, more than peers, copied posts). MIX: what the posts are for.
CONV: answering the audience. EVAL: measuring what the goals ask. INT: integration in the
organisation. REP: what the audience says, for a reputation goal. `socialaudit rules --explain
CODE` prints each rule's page.
"""

from __future__ import annotations

from collections.abc import Iterator

from socialaudit.plugin import Rule, hookimpl
from socialaudit.plugins.rules import (
    checklist,
    conversation,
    evaluation,
    goals,
    integration,
    mix,
    reputation,
)


@hookimpl
def socialaudit_rules() -> Iterator[Rule]:
    for module in (goals, checklist, mix, conversation, evaluation, integration, reputation):
        yield from module.RULES
