"""Mutation payloads: the object changed and the `userErrors` a user can fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import strawberry

from socialaudit.schema.assessment import Assessment, AssessmentResult
from socialaudit.schema.enums import UserErrorCode
from socialaudit.schema.organisation import Channel, ChannelImport, Organization
from socialaudit.service.user_errors import UserError as ServiceUserError
from socialaudit.service.user_errors import UserErrors


@strawberry.type(description="Something in the input the user can fix.")
class UserError:
    field: list[str] = strawberry.field(
        description='Path to the argument or input field at fault, e.g. ["input", "name"].'
    )
    code: UserErrorCode = strawberry.field(description="What kind of problem it is.")
    message: str = strawberry.field(description="What is wrong and how to fix it.")
    column: int | None = strawberry.field(
        default=None, description="For an expression: the 1-based column where it goes wrong."
    )


def user_errors(errors: list[ServiceUserError]) -> list[UserError]:
    return [
        UserError(field=e.field, code=e.code.value, message=e.message, column=e.column)  # type: ignore[arg-type]
        for e in errors
    ]


P = TypeVar("P")


def refused(payload: Callable[..., P], exc: UserErrors) -> P:
    """The payload a resolver answers when the service refused the input: nothing changed,
    the problems in `userErrors`."""
    return payload(user_errors=user_errors(exc.errors))


@strawberry.type(description="The organisation after the change.")
class OrganizationPayload:
    organization: Organization | None = strawberry.field(
        default=None, description="Null when the input was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The result of deleting an organisation.")
class DeleteOrganizationPayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the deleted organisation."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The channel added.")
class AddChannelPayload:
    channel: Channel | None = strawberry.field(default=None, description="The new channel.")
    organization: Organization | None = strawberry.field(
        default=None, description="Its organisation."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The result of removing a channel with its data.")
class RemoveChannelPayload:
    removed_id: strawberry.ID | None = strawberry.field(
        default=None, description="Global id of the removed channel."
    )
    organization: Organization | None = strawberry.field(
        default=None, description="Its organisation."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="The file imported, or recognised as imported before.")
class ImportChannelDataPayload:
    channel_import: ChannelImport | None = strawberry.field(
        default=None, description="The import; the earlier one when `duplicate`."
    )
    channel: Channel | None = strawberry.field(default=None, description="The channel.")
    duplicate: bool = strawberry.field(
        default=False, description="The same file was imported before; nothing changed."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input or file; empty on success."
    )


@strawberry.type(description="The assessment computed and stored.")
class RunAssessmentPayload:
    assessment: Assessment | None = strawberry.field(default=None, description="The assessment.")
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input; empty on success."
    )


@strawberry.type(description="An assessment of data sent in the request; nothing was stored.")
class PreviewAssessmentPayload:
    assessment: AssessmentResult | None = strawberry.field(
        default=None, description="The assessment."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Problems with the input or files; empty on success."
    )
