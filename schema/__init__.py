"""Strawberry types that map the engine's models to GraphQL; no business logic lives here."""

from __future__ import annotations

import strawberry

from socialaudit.schema.assessment import Assessment
from socialaudit.schema.custom import CustomDefinition
from socialaudit.schema.jobs import AssessmentJob
from socialaudit.schema.operations import Mutation, Query
from socialaudit.schema.organisation import Channel, ChannelImport, Organization


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[Organization, Channel, Assessment, ChannelImport, CustomDefinition, AssessmentJob],
    )


__all__ = ["build_schema"]
