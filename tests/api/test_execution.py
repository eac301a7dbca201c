"""The schema's execution context completes plain data by a plan; it must answer exactly as
strawberry's own, data and errors, in the cases that go by the plan and those that do not."""

from __future__ import annotations

import enum
import time
from typing import Any

import httpx
import pytest
import strawberry
from graphql import ExecutionResult, execute, parse, validate
from starlette.applications import Starlette
from strawberry.scalars import JSON
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from socialaudit.api.auth import DEVELOPMENT_AGENCY
from socialaudit.schema import build_schema
from socialaudit.schema.context import RequestContext
from socialaudit.schema.execution import SyncExecutionContext, all_resolvers_sync
from socialaudit.service.service import Service
from socialaudit.service.storage.agencies import find_agency
from socialaudit.service.storage.tenancy import Tenancy
from tests.api.test_assessments import EVERYTHING, _assessed


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Inner:
    label: str
    weight: float | None
    colour: Colour


@strawberry.type
class Item:
    name: str
    count: int | None
    detail: JSON
    inner: Inner | None
    inners: list[Inner]

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


class Broken:
    """An item whose `name` raises, as a buggy property would."""

    def __init__(self) -> None:
        self.count, self.detail, self.inner, self.inners = 1, {}, None, []

    @property
    def name(self) -> str:
        raise ValueError("no name")


def good_items() -> list[Any]:
    return [
        Item(
            name=f"item {i}",
            count=i if i % 2 else None,
            detail={"i": i, "nested": [1, 2]},
            inner=Inner(label="x", weight=0.5, colour=Colour.RED) if i % 3 else None,
            inners=[Inner(label=f"{i}-{j}", weight=None, colour=Colour.BLUE) for j in range(2)],
        )
        for i in range(4)
    ]


CASES: dict[str, list[Any]] = {
    "plain": good_items(),
    "null in a non-null field": [
        *good_items(),
        Item(name=None, count=1, detail={}, inner=None, inners=[]),
    ],  # type: ignore[arg-type]
    "a wrong value for a leaf": [
        Item(name="ok", count="many", detail={}, inner=None, inners=[])  # type: ignore[arg-type]
    ],
    "a wrong enum value": [
        Item(
            name="e",
            count=1,
            detail={},
            inner=Inner(label="l", weight=1.0, colour="green"),
            inners=[],
        )  # type: ignore[arg-type]
    ],
    "a raising attribute": [Broken(), *good_items()],
    "a tuple": [tuple(good_items())],  # not a list of Items: an error either way
}


@strawberry.type
class Query:
    case: strawberry.Private[str]

    @strawberry.field
    def items(self) -> list[Item]:
        return CASES[self.case]

    @strawberry.field
    def maybe_items(self) -> list[Item] | None:
        return CASES[self.case]


TOY = strawberry.Schema(query=Query)
DOCUMENTS = [
    "{ items { name count detail inner { label weight colour } inners { label colour } } }",
    "{ items { __typename n: name c: count shout inner { __typename label } } }",
    "{ maybeItems { name ...F inners { ... on Inner { weight } } } } "
    "fragment F on Item { count inner { colour } }",
    "query($skip: Boolean!) { items { name @skip(if: $skip) count @include(if: $skip) } }",
]


def outcome(result: Any) -> tuple[Any, list[tuple[str, Any]]]:
    assert isinstance(result, ExecutionResult)
    errors = [(e.message, e.path) for e in result.errors or ()]
    return result.data, errors


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("document", DOCUMENTS)
def test_same_answer_as_strawberrys_execution(case: str, document: str) -> None:
    parsed = parse(document)
    assert not validate(TOY._schema, parsed)
    answers = [
        outcome(
            execute(
                TOY._schema,
                parsed,
                root_value=Query(case=case),
                variable_values={"skip": True},
                executor_class=executor,
            )
        )
        for executor in (StrawberryGraphQLCoreExecutionContext, SyncExecutionContext)
    ]
    assert answers[0] == answers[1]


def test_the_plain_case_goes_by_the_plan() -> None:
    """So the comparison above is not between two ordinary executions."""
    planned: list[int] = []
    original = SyncExecutionContext._make_plan

    def counting(self: SyncExecutionContext, *args: Any) -> Any:
        plan = original(self, *args)
        planned.append(plan is not None)
        return plan

    SyncExecutionContext._make_plan = counting  # type: ignore[method-assign]
    try:
        parsed = parse(DOCUMENTS[0])
        execute(
            TOY._schema, parsed, root_value=Query(case="plain"), executor_class=SyncExecutionContext
        )
    finally:
        SyncExecutionContext._make_plan = original  # type: ignore[method-assign]
    assert any(planned)


def test_an_async_resolver_is_refused_when_the_schema_is_built() -> None:
    @strawberry.type
    class AsyncQuery:
        @strawberry.field
        async def slow(self) -> int:
            return 1

    assert all_resolvers_sync(TOY)
    assert not all_resolvers_sync(strawberry.Schema(query=AsyncQuery))
    assert all_resolvers_sync(build_schema())


@pytest.mark.anyio
async def test_a_stored_assessment_reads_the_same_both_ways(
    client: httpx.AsyncClient, app: Starlette
) -> None:
    _, assessment_id = await _assessed(client)
    engine = app.state.engine
    agency = find_agency(engine, DEVELOPMENT_AGENCY)
    assert agency is not None
    schema = build_schema()
    service = Service(
        Tenancy(engine, agency.id, app.state.settings.database_role), app.state.registry
    )
    document = parse(EVERYTHING)
    answers = []
    for executor in (StrawberryGraphQLCoreExecutionContext, SyncExecutionContext):
        context = RequestContext(
            service=service,
            language="nl",
            request_id="",
            max_page_size=100,
            deadline=time.monotonic() + 30,
        )
        result = execute(
            schema._schema,
            document,
            context_value=context,
            variable_values={"id": assessment_id},
            executor_class=executor,
        )
        answers.append(outcome(result))
    assert answers[0] == answers[1]
    assert answers[0][1] == [] and answers[0][0]["assessment"]["findings"]
