"""Relay plumbing: the `Node` interface, page sizes and cursors, and the one builder every
connection (a page of organisations, of assessments) is made with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, NamedTuple, Protocol, TypeVar

import strawberry
from graphql import GraphQLError

from socialaudit.schema.context import RequestContext, context_of
from socialaudit.schema.ids import from_cursor, to_cursor


@strawberry.interface(description="An object with a global id, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="Global id; names the object's type.")


@strawberry.type(description="Where a page of a connection stands.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the page's first item.")
    end_cursor: str | None = strawberry.field(description="Give as `after` for the next page.")


DEFAULT_PAGE_SIZE = 20

First = Annotated[
    int | None,
    strawberry.argument(description="Page size (default 20), at most the server's maximum."),
]
"""The `first` argument of every connection field."""
After = Annotated[str | None, strawberry.argument(description="`endCursor` of the previous page.")]
"""The `after` argument of every connection field."""


def page_size(first: int | None, maximum: int) -> int:
    if first is None:
        return min(DEFAULT_PAGE_SIZE, maximum)
    if first < 0 or first > maximum:
        raise GraphQLError(
            f"`first` must be between 0 and {maximum}", extensions={"code": "BAD_USER_INPUT"}
        )
    return first


def parse_cursor(after: str | None) -> tuple[datetime, str] | None:
    if after is None:
        return None
    cursor = from_cursor(after)
    if cursor is None:
        raise GraphQLError(
            "`after` is not a cursor this API gave", extensions={"code": "BAD_USER_INPUT"}
        )
    return cursor


class PageRequest(NamedTuple):
    """What a connection field asks of the service: the request's context, the page size and
    the position after which the page starts."""

    context: RequestContext
    size: int
    after: tuple[datetime, str] | None


def page_request(info: Any, first: int | None, after: str | None) -> PageRequest:
    """The start of every connection field: its time checked before any work, then `first` and
    `after` checked, each with the error that names the argument."""
    context = context_of(info)
    context.check_time()
    return PageRequest(context, page_size(first, context.max_page_size), parse_cursor(after))


class _Paged(Protocol):
    """A record a connection pages through: ordered by (created_at, id)."""

    @property
    def id(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...


R = TypeVar("R", bound=_Paged)
C = TypeVar("C")


def connection(
    connection_type: Callable[..., C],
    edge_type: Callable[..., Any],
    records: Sequence[R],
    node: Callable[[R], Any],
    *,
    more: bool,
    after: tuple[datetime, str] | None,
    total: int,
) -> C:
    """A page of `records` as a connection, each record's cursor its (created_at, id)."""
    edges = [edge_type(cursor=to_cursor(r.created_at, r.id), node=node(r)) for r in records]
    return connection_type(
        edges=edges,
        page_info=PageInfo(
            has_next_page=more,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
