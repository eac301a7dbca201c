"""The service's classification cache keeps results in the database, on SQLite and
PostgreSQL: what one process stored, another finds; the same rows twice are no error."""

from __future__ import annotations

import polars as pl

from socialaudit.engine.classification import RESULT_SCHEMA, text_digests
from socialaudit.service.storage.classification_cache import DatabaseClassificationCache
from socialaudit.service.storage.database import create_database_engine, migrate


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
