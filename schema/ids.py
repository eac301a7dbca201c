"""Global ids and connection cursors: opaque to clients, checked when they come back.

A global id names its type (``Organization:<uuid>``, base64url), so `node(id)` looks in one
table only and an id of one type never resolves as another.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(value: str) -> str | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _stored_id(text: str) -> bool:
    """Every local id is a UUID the storage made; anything else (a NUL byte, 150 characters)
    names nothing, and is refused here the same on every database."""
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def to_global_id(type_name: str, local_id: str) -> str:
    return _encode(f"{type_name}:{local_id}")


def from_global_id(global_id: str) -> tuple[str, str] | None:
    """(type name, local id), or None for anything that is not one of our ids."""
    text = _decode(global_id) if len(global_id) <= 200 else None
    if not text or ":" not in text:
        return None
    type_name, local_id = text.split(":", 1)
    return (type_name, local_id) if type_name and _stored_id(local_id) else None


def local_id(global_id: str, type_name: str) -> str | None:
    """The local id when `global_id` names `type_name`, else None."""
    parsed = from_global_id(global_id)
    return parsed[1] if parsed and parsed[0] == type_name else None


def to_cursor(created_at: datetime, record_id: str) -> str:
    return _encode(f"{created_at.isoformat()}|{record_id}")


def from_cursor(cursor: str) -> tuple[datetime, str] | None:
    text = _decode(cursor) if len(cursor) <= 200 else None
    if not text or "|" not in text:
        return None
    moment, record_id = text.split("|", 1)
    try:
        created_at = datetime.fromisoformat(moment)
    except ValueError:
        return None
    if created_at.tzinfo is None or not _stored_id(record_id):
        return None
    return created_at, record_id
