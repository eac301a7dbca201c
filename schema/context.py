"""What a resolver gets besides its arguments: the service, the request's language and limits,
and per-request caches that load a page's related rows in one query instead of one per row."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphql import GraphQLError

if TYPE_CHECKING:
    from socialaudit.service.service import Service
    from socialaudit.service.storage.channel_rows import RowKind
    from socialaudit.service.storage.records import AssessmentRecord, ChannelRecord


EXECUTION_TIMEOUT_MESSAGE = "the operation ran past its time limit"


class ExecutionTimeout(GraphQLError):
    """The operation ran past its time limit."""


@dataclass
class RequestContext:
    service: Service
    language: str
    request_id: str
    max_page_size: int
    deadline: float
    _channels: dict[str, list[ChannelRecord]] = field(default_factory=dict)
    _latest: dict[str, AssessmentRecord | None] = field(default_factory=dict)
    _counts: dict[tuple[RowKind, str], int] = field(default_factory=dict)

    def check_time(self) -> None:
        """Called where work starts, so a slow operation stops at the next step past its limit."""
        if time.monotonic() > self.deadline:
            raise ExecutionTimeout(EXECUTION_TIMEOUT_MESSAGE, extensions={"code": "TIMEOUT"})

    def channels(self, organisation_id: str, batch: list[str]) -> list[ChannelRecord]:
        if organisation_id not in self._channels:
            self.check_time()
            wanted = [
                i for i in dict.fromkeys([organisation_id, *batch]) if i not in self._channels
            ]
            self._channels.update(self.service.channels(wanted))
        return self._channels[organisation_id]

    def loaded_channel_ids(self) -> list[str]:
        """Every channel loaded in this request so far: a page's channels count their rows in
        one query, not one per organisation."""
        return [c.id for records in self._channels.values() for c in records]

    def latest_assessment(self, organisation_id: str, batch: list[str]) -> AssessmentRecord | None:
        if organisation_id not in self._latest:
            self.check_time()
            wanted = [i for i in dict.fromkeys([organisation_id, *batch]) if i not in self._latest]
            found = self.service.latest_assessments(wanted)
            self._latest.update({i: found.get(i) for i in wanted})
        return self._latest[organisation_id]

    def row_count(self, kind: RowKind, channel_id: str, batch: list[str]) -> int:
        if (kind, channel_id) not in self._counts:
            self.check_time()
            ids = dict.fromkeys([channel_id, *batch])
            wanted = [i for i in ids if (kind, i) not in self._counts]
            counted = self.service.row_counts(wanted, kind)
            self._counts.update({(kind, i): n for i, n in counted.items()})
        return self._counts[(kind, channel_id)]


def context_of(info: Any) -> RequestContext:
    return info.context  # type: ignore[no-any-return]
