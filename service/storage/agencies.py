"""Agencies (the tenants) and their API keys: the tables read before any tenant is known, to
find out who is calling. Nothing here touches an agency's data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Select, insert, select, update
from sqlalchemy.exc import IntegrityError

from socialaudit.service.storage.rows import as_utc
from socialaudit.service.storage.scoped import new_id, now
from socialaudit.service.storage.tables import agencies, api_keys

# last_used_at is written at most this often per key, so reads do not all become writes
LAST_USED_PRECISION = timedelta(minutes=1)


class AgencyExists(Exception):
    """Another agency has this name."""


@dataclass(frozen=True)
class AgencyRecord:
    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class KeyRecord:
    id: str
    agency_id: str
    agency_name: str
    name: str
    prefix: str
    role: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _agency(row: Any) -> AgencyRecord:
    return AgencyRecord(row.id, row.name, as_utc(row.created_at))  # type: ignore[arg-type]


def _key(row: Any) -> KeyRecord:
    return KeyRecord(
        id=row.id,
        agency_id=row.agency_id,
        agency_name=row.agency_name,
        name=row.name,
        prefix=row.prefix,
        role=row.role,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        last_used_at=as_utc(row.last_used_at),
        revoked_at=as_utc(row.revoked_at),
    )


_KEY_COLUMNS = (*api_keys.c, agencies.c.name.label("agency_name"))


def create_agency(engine: Engine, name: str) -> AgencyRecord:
    record = AgencyRecord(new_id(), name, now())
    try:
        with engine.begin() as conn:
            conn.execute(
                insert(agencies).values(id=record.id, name=name, created_at=record.created_at)
            )
    except IntegrityError as exc:
        raise AgencyExists(name) from exc
    return record


def find_agency(engine: Engine, name: str) -> AgencyRecord | None:
    with engine.connect() as conn:
        row = conn.execute(select(agencies).where(agencies.c.name == name)).first()
    return _agency(row) if row else None


def list_agencies(engine: Engine) -> list[AgencyRecord]:
    with engine.connect() as conn:
        rows = conn.execute(select(agencies).order_by(agencies.c.name)).all()
    return [_agency(row) for row in rows]


def insert_key(
    engine: Engine, agency: AgencyRecord, name: str, prefix: str, digest: str, role: str
) -> KeyRecord:
    key_id = new_id()
    with engine.begin() as conn:
        conn.execute(
            insert(api_keys).values(
                id=key_id,
                agency_id=agency.id,
                name=name,
                prefix=prefix,
                hash=digest,
                role=role,
                created_at=now(),
            )
        )
    found = get_key(engine, key_id)
    assert found is not None
    return found


def _keys_query() -> Select[Any]:
    return select(*_KEY_COLUMNS).join(agencies, agencies.c.id == api_keys.c.agency_id)


def get_key(engine: Engine, key_id: str) -> KeyRecord | None:
    with engine.connect() as conn:
        row = conn.execute(_keys_query().where(api_keys.c.id == key_id)).first()
    return _key(row) if row else None


def list_keys(engine: Engine, agency: AgencyRecord | None = None) -> list[KeyRecord]:
    query = _keys_query().order_by(agencies.c.name, api_keys.c.created_at)
    if agency is not None:
        query = query.where(api_keys.c.agency_id == agency.id)
    with engine.connect() as conn:
        return [_key(row) for row in conn.execute(query).all()]


def key_by_hash(engine: Engine, digest: str) -> KeyRecord | None:
    """The live key with this hash; a revoked key is as good as none."""
    with engine.connect() as conn:
        row = conn.execute(
            _keys_query().where(api_keys.c.hash == digest, api_keys.c.revoked_at.is_(None))
        ).first()
    return _key(row) if row else None


def revoke_key(engine: Engine, key_id_or_prefix: str) -> KeyRecord | None:
    """Revoke by id or by the prefix `apikey list` shows; None when nothing live matches."""
    with engine.begin() as conn:
        matches = conn.execute(
            select(api_keys.c.id).where(
                (api_keys.c.id == key_id_or_prefix) | (api_keys.c.prefix == key_id_or_prefix),
                api_keys.c.revoked_at.is_(None),
            )
        ).all()
        if len(matches) != 1:
            return None
        conn.execute(
            update(api_keys).where(api_keys.c.id == matches[0].id).values(revoked_at=now())
        )
    return get_key(engine, matches[0].id)


def mark_used(engine: Engine, key: KeyRecord) -> None:
    moment = now()
    if key.last_used_at is not None and moment - key.last_used_at < LAST_USED_PRECISION:
        return
    with engine.begin() as conn:
        conn.execute(update(api_keys).where(api_keys.c.id == key.id).values(last_used_at=moment))
