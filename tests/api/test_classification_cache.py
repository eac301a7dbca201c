"""The service's classification cache keeps results in the database, on SQLite and
PostgreSQL: what one process stored, another finds; the same rows twice are no error; rows no
assessment used for longer than the service keeps them are removed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import anyio
import polars as pl
import pytest
from sqlalchemy import Engine, event, select, text

from socialaudit.engine.classification import RESULT_SCHEMA, text_digests
from socialaudit.engine.registry import Registry
from socialaudit.service.storage.classification_cache import (
    DatabaseClassificationCache,
    classification_cache,
    prune_classification_cache,
)
from socialaudit.service.storage.database import create_database_engine, migrate
from tests.api.conftest import make_app


def rows(texts: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "digest": text_digests(pl.Series(texts)),
            "language": ["nl"] * len(texts),
            "label": ["question"] * len(texts),
            "confidence": [0.875] * len(texts),
            "evidence": [["question:vraagteken"]] * len(texts),
            "sentiment": ["neutral"] * len(texts),
        },
        schema={"digest": pl.String(), **RESULT_SCHEMA},
    )


def test_stored_results_are_found_again(database_url: str) -> None:
    engine = create_database_engine(database_url)
    migrate(engine)
    stored = rows(["Zijn jullie open?", "Wat kost dat?"])
    DatabaseClassificationCache(engine).store("model:1", "messages", stored)
    DatabaseClassificationCache(engine).store("model:1", "messages", stored)  # again: no error
    other_process = DatabaseClassificationCache(engine)
    wanted = text_digests(pl.Series(["Wat kost dat?", "Nieuw?", "Zijn jullie open?"]))
    found = other_process.lookup("model:1", "messages", wanted).sort("digest")
    assert found.equals(stored.sort("digest"))
    assert other_process.lookup("model:2", "messages", wanted).height == 0
    assert other_process.lookup("model:1", "posts", wanted).height == 0
    engine.dispose()


class Today:
    """A settable UTC day for the rows' marks of use."""

    def __init__(self) -> None:
        self.day = date(2026, 1, 1)

    def __call__(self) -> date:
        return self.day


def cached(engine: Engine) -> dict[str, date]:
    with engine.connect() as connection:
        return {
            row.digest: row.used
            for row in connection.execute(
                select(classification_cache.c.digest, classification_cache.c.used)
            )
        }


def test_rows_unused_for_longer_than_kept_are_removed(database_url: str) -> None:
    engine = create_database_engine(database_url)
    migrate(engine)
    today = Today()
    cache = DatabaseClassificationCache(engine, today)
    cache.store("model:1", "messages", rows(["read again"]))
    today.day += timedelta(days=10)
    cache.store("model:1", "messages", rows(["stored once"]))
    today.day += timedelta(days=90)
    cache.store("model:1", "messages", rows(["stored lately"]))
    today.day += timedelta(days=50)
    found = cache.lookup("model:1", "messages", text_digests(pl.Series(["read again"])))
    assert found.height == 1
    texts = ["read again", "stored once", "stored lately"]
    digest = dict(zip(text_digests(pl.Series(texts)).to_list(), texts, strict=True))
    assert {digest[d]: used for d, used in cached(engine).items()} == {
        "read again": date(2026, 5, 31),  # marked when read
        "stored once": date(2026, 1, 11),
        "stored lately": date(2026, 4, 11),
    }
    today.day += timedelta(days=30)  # 2026-06-30: keeping 60 days keeps what was used since 05-01
    assert prune_classification_cache(engine, keep_days=60, today=today.day) == 2
    assert [digest[d] for d in cached(engine)] == ["read again"]
    assert prune_classification_cache(engine, keep_days=60, today=today.day) == 0
    engine.dispose()


def test_a_row_read_again_the_same_day_is_not_written(database_url: str) -> None:
    engine = create_database_engine(database_url)
    migrate(engine)
    today = Today()
    DatabaseClassificationCache(engine, today).store("model:1", "posts", rows(["a"]))
    wanted = text_digests(pl.Series(["a"]))
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert DatabaseClassificationCache(engine, today).lookup("model:1", "posts", wanted).height
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    engine.dispose()


def test_rows_from_before_the_upgrade_count_as_used_that_day(database_url: str) -> None:
    from alembic import command

    from socialaudit.service.storage.database import _alembic_config

    engine = create_database_engine(database_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO classification_cache (version, kind, digest, label) "
                "VALUES ('model:1', 'posts', 'abc', 'question')"
            )
        )
    migrate(engine)
    assert cached(engine) == {"abc": datetime.now(UTC).date()}
    engine.dispose()


@pytest.mark.anyio
async def test_the_server_removes_old_rows_when_it_starts(
    database_url: str, registry: Registry
) -> None:
    engine = create_database_engine(database_url)
    migrate(engine)
    long_ago = Today()
    DatabaseClassificationCache(engine, long_ago).store("model:1", "posts", rows(["old"]))
    DatabaseClassificationCache(engine).store("model:1", "posts", rows(["new"]))
    app = make_app(database_url, registry, classification_cache_days=30)
    async with app.router.lifespan_context(app):  # as uvicorn starts it
        with anyio.move_on_after(20):
            while len(cached(engine)) > 1:
                await anyio.sleep(0.05)
    assert list(cached(engine)) == text_digests(pl.Series(["new"])).to_list()
    app.state.engine.dispose()
    engine.dispose()
