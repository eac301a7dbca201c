"""Reading and writing rows. Functions take a connection, so the caller decides what one
transaction holds (an import is one), and hold no state of their own.

Post and interaction rows are upserted per (channel, id): a metric a file leaves empty keeps the
value an earlier import gave it, the way `engine.normalise` merges several files of a channel.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import polars as pl
from sqlalchemy import Connection, Table, delete, func, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from api.storage.tables import assessments, channels, imports, interactions, organisations, posts
from engine.model.channel_data import INTERACTION_SCHEMA, POST_SCHEMA, UTC_TIME


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands times back without a zone; everything is stored in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class OrganisationRecord:
    id: str
    name: str
    profile: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ChannelRecord:
    id: str
    organisation_id: str
    key: str
    position: int
    profile: dict[str, Any]
    data_followers: int | None
    organisation_ids: list[str]
    messages_known: bool
    created_at: datetime


@dataclass(frozen=True)
class ImportRecord:
    id: str
    organisation_id: str
    channel_id: str
    digest: str
    filename: str
    format: str
    posts: int
    interactions: int
    created_at: datetime


@dataclass(frozen=True)
class AssessmentRecord:
    """An assessment's columns; `result` (the whole JSON) is only read when asked for."""

    id: str
    organisation_id: str
    created_at: datetime
    as_of: datetime
    language: str
    overall_score: float
    maturity_stage: str
    ruleset_revision: str
    input_digest: str
    engine_version: str
    plugin_versions: dict[str, str]
    rule_versions: dict[str, str]
    result: dict[str, Any] | None = field(default=None, compare=False)


def _organisation(row: Any) -> OrganisationRecord:
    return OrganisationRecord(
        id=row.id,
        name=row.name,
        profile=row.profile,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        updated_at=as_utc(row.updated_at),  # type: ignore[arg-type]
    )


def _channel(row: Any) -> ChannelRecord:
    return ChannelRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        key=row.key,
        position=row.position,
        profile=row.profile,
        data_followers=row.data_followers,
        organisation_ids=list(row.organisation_ids or []),
        messages_known=bool(row.messages_known),
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
    )


def _import(row: Any) -> ImportRecord:
    return ImportRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        channel_id=row.channel_id,
        digest=row.digest,
        filename=row.filename,
        format=row.format,
        posts=row.posts,
        interactions=row.interactions,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
    )


_ASSESSMENT_COLUMNS = [c for c in assessments.c if c.name != "result"]


def _assessment(row: Any, result: dict[str, Any] | None = None) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        organisation_id=row.organisation_id,
        created_at=as_utc(row.created_at),  # type: ignore[arg-type]
        as_of=as_utc(row.as_of),  # type: ignore[arg-type]
        language=row.language,
        overall_score=row.overall_score,
        maturity_stage=row.maturity_stage,
        ruleset_revision=row.ruleset_revision,
        input_digest=row.input_digest,
        engine_version=row.engine_version,
        plugin_versions=row.plugin_versions,
        rule_versions=row.rule_versions,
        result=result,
    )


# -- organisations -----------------------------------------------------------------------------


def insert_organisation(conn: Connection, name: str, profile: dict[str, Any]) -> str:
    moment = now()
    organisation_id = new_id()
    conn.execute(
        insert(organisations).values(
            id=organisation_id, name=name, profile=profile, created_at=moment, updated_at=moment
        )
    )
    return organisation_id


def get_organisation(conn: Connection, organisation_id: str) -> OrganisationRecord | None:
    row = conn.execute(select(organisations).where(organisations.c.id == organisation_id)).first()
    return _organisation(row) if row else None


def get_organisations(conn: Connection, ids: Sequence[str]) -> dict[str, OrganisationRecord]:
    rows = conn.execute(select(organisations).where(organisations.c.id.in_(ids))).all()
    return {row.id: _organisation(row) for row in rows}


def page_organisations(
    conn: Connection, after: tuple[datetime, str] | None, limit: int
) -> list[OrganisationRecord]:
    """Oldest first, by (created_at, id), so a page never shifts when organisations are added."""
    query = select(organisations).order_by(organisations.c.created_at, organisations.c.id)
    if after is not None:
        query = query.where(tuple_(organisations.c.created_at, organisations.c.id) > after)
    return [_organisation(row) for row in conn.execute(query.limit(limit)).all()]


def count_organisations(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(organisations)).scalar_one()


def update_organisation(
    conn: Connection, organisation_id: str, name: str, profile: dict[str, Any]
) -> None:
    conn.execute(
        update(organisations)
        .where(organisations.c.id == organisation_id)
        .values(name=name, profile=profile, updated_at=now())
    )


def touch_organisation(conn: Connection, organisation_id: str) -> None:
    conn.execute(
        update(organisations).where(organisations.c.id == organisation_id).values(updated_at=now())
    )


def delete_organisation(conn: Connection, organisation_id: str) -> bool:
    result = conn.execute(delete(organisations).where(organisations.c.id == organisation_id))
    return result.rowcount > 0


# -- channels ----------------------------------------------------------------------------------


def channels_of(
    conn: Connection, organisation_ids: Iterable[str]
) -> dict[str, list[ChannelRecord]]:
    ids = list(organisation_ids)
    found: dict[str, list[ChannelRecord]] = {i: [] for i in ids}
    rows = conn.execute(
        select(channels)
        .where(channels.c.organisation_id.in_(ids))
        .order_by(channels.c.organisation_id, channels.c.position)
    ).all()
    for row in rows:
        found[row.organisation_id].append(_channel(row))
    return found


def get_channel(conn: Connection, channel_id: str) -> ChannelRecord | None:
    row = conn.execute(select(channels).where(channels.c.id == channel_id)).first()
    return _channel(row) if row else None


def insert_channel(
    conn: Connection, organisation_id: str, key: str, profile: dict[str, Any]
) -> str:
    position = conn.execute(
        select(func.coalesce(func.max(channels.c.position), -1) + 1).where(
            channels.c.organisation_id == organisation_id
        )
    ).scalar_one()
    channel_id = new_id()
    conn.execute(
        insert(channels).values(
            id=channel_id,
            organisation_id=organisation_id,
            key=key,
            position=position,
            profile=profile,
            data_followers=None,
            organisation_ids=[],
            messages_known=False,
            created_at=now(),
        )
    )
    return channel_id


def delete_channel(conn: Connection, channel_id: str) -> bool:
    return conn.execute(delete(channels).where(channels.c.id == channel_id)).rowcount > 0


def record_channel_data(
    conn: Connection,
    channel: ChannelRecord,
    followers: int | None,
    organisation_ids: Iterable[str],
    carries_interactions: bool,
) -> None:
    """What an import tells about the channel besides its rows."""
    conn.execute(
        update(channels)
        .where(channels.c.id == channel.id)
        .values(
            data_followers=followers if followers is not None else channel.data_followers,
            organisation_ids=sorted({*channel.organisation_ids, *organisation_ids}),
            messages_known=channel.messages_known or carries_interactions,
        )
    )


def row_counts(conn: Connection, channel_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    counts = {i: [0, 0] for i in channel_ids}
    for index, table in enumerate((posts, interactions)):
        query = (
            select(table.c.channel_id, func.count())
            .where(table.c.channel_id.in_(channel_ids))
            .group_by(table.c.channel_id)
        )
        for channel_id, count in conn.execute(query).all():
            counts[channel_id][index] = count
    return {k: (v[0], v[1]) for k, v in counts.items()}


# -- posts and interactions --------------------------------------------------------------------


def _dedupe(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per id, keeping per column the last known value (as `engine.normalise` does),
    because one upsert statement may not touch a row twice."""
    if frame["id"].n_unique() == frame.height:
        return frame
    return (
        frame.group_by("id", maintain_order=True)
        .agg([pl.col(c).drop_nulls().last() for c in frame.columns if c != "id"])
        .select(frame.columns)
    )


def _upsert(conn: Connection, table: Table, channel_id: str, frame: pl.DataFrame) -> int:
    if frame.height == 0:
        return 0
    frame = _dedupe(frame)
    rows = [{"channel_id": channel_id, **row} for row in frame.to_dicts()]
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(table)
    keep_known = {
        c.name: func.coalesce(statement.excluded[c.name], c)
        for c in table.c
        if c.name not in ("channel_id", "id")
    }
    statement = statement.on_conflict_do_update(
        index_elements=["channel_id", "id"], set_=keep_known
    )
    for start in range(0, len(rows), 5000):
        conn.execute(statement, rows[start : start + 5000])
    return frame.height


def upsert_posts(conn: Connection, channel_id: str, frame: pl.DataFrame) -> int:
    return _upsert(conn, posts, channel_id, frame.select(list(POST_SCHEMA)))


def upsert_interactions(conn: Connection, channel_id: str, frame: pl.DataFrame) -> int:
    return _upsert(conn, interactions, channel_id, frame.select(list(INTERACTION_SCHEMA)))


def _frame(conn: Connection, table: Table, channel_id: str, schema: dict[str, Any]) -> pl.DataFrame:
    names = list(schema)
    rows = conn.execute(
        select(*(table.c[name] for name in names))
        .where(table.c.channel_id == channel_id)
        .order_by(table.c.id)
    ).all()
    series = []
    for index, (name, dtype) in enumerate(schema.items()):
        values = [row[index] for row in rows]
        if dtype == UTC_TIME:
            values = [as_utc(value) for value in values]
        series.append(pl.Series(name, values, dtype=dtype))
    return pl.DataFrame(series)


def channel_frames(conn: Connection, channel_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    return (
        _frame(conn, posts, channel_id, POST_SCHEMA),
        _frame(conn, interactions, channel_id, INTERACTION_SCHEMA),
    )


# -- imports -----------------------------------------------------------------------------------


def find_import(conn: Connection, channel_id: str, digest: str) -> ImportRecord | None:
    row = conn.execute(
        select(imports).where(imports.c.channel_id == channel_id, imports.c.digest == digest)
    ).first()
    return _import(row) if row else None


def insert_import(
    conn: Connection,
    channel: ChannelRecord,
    digest: str,
    filename: str,
    adapter: str,
    post_count: int,
    interaction_count: int,
) -> str:
    import_id = new_id()
    conn.execute(
        insert(imports).values(
            id=import_id,
            organisation_id=channel.organisation_id,
            channel_id=channel.id,
            digest=digest,
            filename=filename,
            format=adapter,
            posts=post_count,
            interactions=interaction_count,
            created_at=now(),
        )
    )
    return import_id


def get_import(conn: Connection, import_id: str) -> ImportRecord | None:
    row = conn.execute(select(imports).where(imports.c.id == import_id)).first()
    return _import(row) if row else None


def imports_of(conn: Connection, channel_id: str) -> list[ImportRecord]:
    rows = conn.execute(
        select(imports).where(imports.c.channel_id == channel_id).order_by(imports.c.created_at)
    ).all()
    return [_import(row) for row in rows]


# -- assessments -------------------------------------------------------------------------------


def insert_assessment(
    conn: Connection,
    organisation_id: str,
    result: dict[str, Any],
    rule_versions: dict[str, str],
    as_of: datetime,
) -> str:
    assessment_id = new_id()
    conn.execute(
        insert(assessments).values(
            id=assessment_id,
            organisation_id=organisation_id,
            created_at=now(),
            as_of=as_of,
            language=result["language"],
            overall_score=result["overallScore"],
            maturity_stage=result["maturityStage"],
            ruleset_revision=result["rulesetRevision"],
            input_digest=result["inputDigest"],
            engine_version=result["engineVersion"],
            plugin_versions=result["pluginVersions"],
            rule_versions=rule_versions,
            result=result,
        )
    )
    return assessment_id


def get_assessment(
    conn: Connection, assessment_id: str, with_result: bool = False
) -> AssessmentRecord | None:
    columns = [*_ASSESSMENT_COLUMNS, assessments.c.result] if with_result else _ASSESSMENT_COLUMNS
    row = conn.execute(select(*columns).where(assessments.c.id == assessment_id)).first()
    if row is None:
        return None
    return _assessment(row, row.result if with_result else None)


def assessment_result(conn: Connection, assessment_id: str) -> dict[str, Any] | None:
    return conn.execute(
        select(assessments.c.result).where(assessments.c.id == assessment_id)
    ).scalar_one_or_none()


def page_assessments(
    conn: Connection, organisation_id: str, after: tuple[datetime, str] | None, limit: int
) -> list[AssessmentRecord]:
    """Newest first, by (created_at, id)."""
    query = (
        select(*_ASSESSMENT_COLUMNS)
        .where(assessments.c.organisation_id == organisation_id)
        .order_by(assessments.c.created_at.desc(), assessments.c.id.desc())
    )
    if after is not None:
        query = query.where(tuple_(assessments.c.created_at, assessments.c.id) < after)
    return [_assessment(row) for row in conn.execute(query.limit(limit)).all()]


def count_assessments(conn: Connection, organisation_id: str) -> int:
    return conn.execute(
        select(func.count())
        .select_from(assessments)
        .where(assessments.c.organisation_id == organisation_id)
    ).scalar_one()


def latest_assessments(
    conn: Connection, organisation_ids: Sequence[str]
) -> dict[str, AssessmentRecord]:
    """The newest assessment of each organisation, in one query for a whole page."""
    newest = (
        select(
            assessments.c.id,
            func.row_number()
            .over(
                partition_by=assessments.c.organisation_id,
                order_by=(assessments.c.created_at.desc(), assessments.c.id.desc()),
            )
            .label("rank"),
        )
        .where(assessments.c.organisation_id.in_(organisation_ids))
        .subquery()
    )
    rows = conn.execute(
        select(*_ASSESSMENT_COLUMNS)
        .join(newest, newest.c.id == assessments.c.id)
        .where(newest.c.rank == 1)
    ).all()
    return {row.organisation_id: _assessment(row) for row in rows}
