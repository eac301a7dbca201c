"""Stored assessments, parsed once per process instead of once per read.

A stored assessment never changes: its result is written once with the row and no statement
updates it. Reading it back costs a query for the JSON, decoding it and validating it into the
engine's model (about 1 ms for a large one, as much as answering the rest of a GraphQL query),
so the parsed models of the most recently read are kept. The cache is consulted only with a
record the caller has already read through its agency's tenancy, so it never lets one agency
see another's assessment; it holds the stored language, and localising stays per request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from socialaudit.engine.model.assessment import Assessment

MAX_PARSED = 32


class ParsedAssessments:
    def __init__(self, size: int = MAX_PARSED) -> None:
        self.size = size
        self._parsed: OrderedDict[tuple[str, datetime], Assessment] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, assessment_id: str, created_at: datetime, parse: Callable[[], Assessment]
    ) -> Assessment:
        """The parsed assessment, by `parse()` the first time (outside the lock: two threads
        may both parse it once, which is cheaper than making every read wait)."""
        key = (assessment_id, created_at)
        with self._lock:
            found = self._parsed.get(key)
            if found is not None:
                self._parsed.move_to_end(key)
                return found
        parsed = parse()
        with self._lock:
            self._parsed[key] = parsed
            while len(self._parsed) > self.size:
                self._parsed.popitem(last=False)
        return parsed


parsed_assessments = ParsedAssessments()
