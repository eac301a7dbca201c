"""`page_request`, the start every connection field shares: the time limit before any work,
then `first` and `after` checked, as the pages of organisations, assessments and jobs read
them."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from graphql import GraphQLError

from socialaudit.schema.context import ExecutionTimeout, RequestContext
from socialaudit.schema.ids import to_cursor
from socialaudit.schema.relay import page_request


def info(max_page_size: int = 100, seconds_left: float = 30) -> Any:
    context = RequestContext(
        service=None,  # type: ignore[arg-type]  # the preamble never reaches the service
        language="en",
        request_id="",
        max_page_size=max_page_size,
        deadline=time.monotonic() + seconds_left,
    )
    return SimpleNamespace(context=context)


def test_defaults_to_twenty_or_the_servers_maximum_from_the_start() -> None:
    request = info()
    context, size, after = page_request(request, None, None)
    assert context is request.context and size == 20 and after is None
    assert page_request(info(max_page_size=5), None, None).size == 5


def test_reads_the_cursor_a_page_ended_with() -> None:
    moment = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    record = "0b9c6c2e-6a4f-4d2b-9a55-3f1d2e8c7a10"
    request = page_request(info(), 3, to_cursor(moment, record))
    assert request.size == 3 and request.after == (moment, record)


@pytest.mark.parametrize(("first", "after"), [(101, None), (-1, None), (2, "bogus")])
def test_a_bad_first_or_after_is_the_users_input_error(first: int, after: str | None) -> None:
    with pytest.raises(GraphQLError) as raised:
        page_request(info(), first, after)
    assert raised.value.extensions == {"code": "BAD_USER_INPUT"}


def test_past_the_time_limit_it_stops_before_reading_the_arguments() -> None:
    with pytest.raises(ExecutionTimeout):
        page_request(info(seconds_left=-1), 101, "bogus")
