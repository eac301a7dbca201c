"""CPU-bound work that holds the interpreter lock runs in a worker process with a deadline, so
the server goes on answering while an agency's definition is checked."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest

from socialaudit.service import custom_definitions
from tests.api.test_custom_definitions import KPI, save

pytestmark = pytest.mark.anyio


def lock_holding_check(*_: Any) -> None:
    """Stands in for a pathological expression: a backtracking regular expression runs in C
    and never releases the interpreter lock while it runs."""
    re.match(r"(a+)+$", "a" * 40 + "b")


async def test_healthz_answers_while_a_heavy_definition_is_checked(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(custom_definitions, "prove_definition", lock_holding_check)
    saving = asyncio.ensure_future(save(client, "Kpi", KPI))
    await asyncio.sleep(0.5)  # the check is running
    health = await client.get("/healthz")
    assert health.status_code == 200
    assert not saving.done()  # answered while the check still ran
    payload = await saving
    assert payload["definition"] is None
    error = payload["userErrors"][0]
    assert error["code"] == "EXPRESSION_TOO_COMPLEX"
    assert error["field"] == ["input", "expression"]
    # the stopped worker is replaced: the next check runs
    monkeypatch.undo()
    assert (await save(client, "Kpi", KPI))["userErrors"] == []
