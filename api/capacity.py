"""Capacity per kind of operation, so reads never wait behind assessments.

Every operation runs in a worker thread; which pool of threads it may take depends on what it
does. Assessments, previews, imports, classifications and saving a custom definition are
*heavy*: a few run at once and the others queue for their turn (their wait counts against the
time limit, and one still queued at the limit never starts). Everything else is a *read*, with
a pool of its own that heavy work cannot fill. A root field hidden in a fragment counts as
heavy, so it cannot slip past the queue.
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from graphql import FieldNode, OperationDefinitionNode

HEAVY_FIELDS = frozenset(
    {
        "runAssessment",
        "previewAssessment",
        "importChannelData",
        "classifyTexts",
        "createCustomKpi",
        "updateCustomKpi",
        "createCustomRule",
        "updateCustomRule",
    }
)


def is_heavy(operation: OperationDefinitionNode) -> bool:
    return any(
        not isinstance(selection, FieldNode) or selection.name.value in HEAVY_FIELDS
        for selection in operation.selection_set.selections
    )


@dataclass
class Capacity:
    heavy: anyio.CapacityLimiter
    reads: anyio.CapacityLimiter

    @classmethod
    def of(cls, heavy: int, reads: int) -> Capacity:
        return cls(anyio.CapacityLimiter(heavy), anyio.CapacityLimiter(reads))

    def for_operation(self, operation: OperationDefinitionNode) -> anyio.CapacityLimiter:
        return self.heavy if is_heavy(operation) else self.reads
