"""Who is calling: API keys, their roles, and the development mode that needs none.

A key is `sa_` + 8 characters of prefix + `_` + 43 of secret (256 random bits). Only its SHA-256
is stored: a key carries enough entropy that a slow password hash would add nothing but
latency to every request, and the hash is looked up by equality, so no comparison leaks timing.
The prefix is stored in the clear so `apikey list` can tell keys apart without showing them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine

from socialaudit.service.storage import agencies as store
from socialaudit.service.storage.agencies import AgencyRecord, KeyRecord

KEY_PREFIX = "sa_"
DEVELOPMENT_AGENCY = "development"


class Role(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Caller:
    """The agency a request acts for, and what it may do."""

    agency_id: str
    agency_name: str
    role: Role
    key_id: str | None  # None in development mode

    @property
    def can_write(self) -> bool:
        return self.role is Role.WRITE


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(
    engine: Engine, agency: AgencyRecord, name: str, role: Role
) -> tuple[KeyRecord, str]:
    """The stored record and the key itself, which is shown once and never stored."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return store.insert_key(engine, agency, name, prefix, key_digest(key), role.value), key


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def authenticate(engine: Engine, key: str) -> Caller | None:
    """The caller a live key belongs to; records when the key was last used."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    record = store.key_by_hash(engine, key_digest(key))
    if record is None:
        return None
    store.mark_used(engine, record)
    return Caller(record.agency_id, record.agency_name, Role(record.role), record.id)


def development_caller(engine: Engine) -> Caller:
    """Development mode acts for one agency, made on first use, with full rights."""
    agency = store.find_agency(engine, DEVELOPMENT_AGENCY)
    if agency is None:
        try:
            agency = store.create_agency(engine, DEVELOPMENT_AGENCY)
        except store.AgencyExists:  # another worker made it a moment ago
            agency = store.find_agency(engine, DEVELOPMENT_AGENCY)
            assert agency is not None
    return Caller(agency.id, agency.name, Role.WRITE, None)
