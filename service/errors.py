"""Translating the engine's `InputError`s into the user errors the API answers with.

The engine says what kind of problem it found in `InputError.code` and where in its location
fields; this module maps both onto the request's field path, so no caller matches message text.
"""

from __future__ import annotations

from socialaudit.engine.errors import ErrorCode, InputError
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors, field_path

_CODES = {
    ErrorCode.UNKNOWN_PLATFORM: UserErrorCode.UNKNOWN_PLATFORM,
    ErrorCode.DUPLICATE_CHANNEL_KEY: UserErrorCode.ALREADY_EXISTS,
}


def user_code(exc: InputError) -> UserErrorCode:
    """The user error code for a profile problem the engine found."""
    return _CODES.get(exc.code, UserErrorCode.INVALID)


def file_error(exc: InputError, field: list[str], code: UserErrorCode) -> UserErrors:
    """The engine's message without the temporary path the file was read from."""
    where = ", ".join(
        part
        for part in (
            f"line {exc.line}" if exc.line is not None else "",
            f"field '{exc.field}'" if exc.field else "",
        )
        if part
    )
    message = f"{where}: {exc.message}" if where else exc.message
    if exc.hint:
        message += f" ({exc.hint})"
    return UserErrors.one(field, code, message)


def profile_errors(exc: InputError, prefix: list[str]) -> UserErrors:
    """One user error per problem pydantic found (the engine joins them with '; ')."""
    code = user_code(exc)
    errors = []
    for part in exc.message.split("; "):
        path, sep, message = part.partition(": ")
        if sep and not path.count(" "):
            errors.append(UserError(field_path(prefix, path), code, message))
        else:
            hint = f" ({exc.hint})" if exc.hint else ""
            errors.append(UserError(field_path(prefix, exc.field), code, part + hint))
    return UserErrors(*errors)
