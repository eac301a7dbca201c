"""Strawberry types that map the engine's models to GraphQL; no business logic lives here."""

from __future__ import annotations

import strawberry

from socialaudit.schema.assessment import Assessment
from socialaudit.schema.custom import CustomDefinition
from socialaudit.schema.execution import SyncExecutionContext, all_resolvers_sync
from socialaudit.schema.jobs import AssessmentJob
from socialaudit.schema.operations import Mutation, Query
from socialaudit.schema.organisation import Channel, ChannelImport, Organization


def build_schema() -> strawberry.Schema:
    schema = strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[Organization, Channel, Assessment, ChannelImport, CustomDefinition, AssessmentJob],
        execution_context_class=SyncExecutionContext,
    )
    if not all_resolvers_sync(schema):
        raise TypeError("resolvers must be synchronous; they run in a worker thread")
    return schema


__all__ = ["build_schema"]
