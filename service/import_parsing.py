"""Reading an uploaded file into frames, in a worker process with a deadline.

Parsing a file is CPU-bound Python and native code (CSV and JSON readers, spreadsheets, regular
expressions) that holds the interpreter lock: in a thread of the server it stalls every read
for as long as it runs. In a worker process it competes for a core, not for the lock. The
worker only reads: it returns the frames, checked against what the tables can store, and the
server writes them in its own transaction, so an import is still all or nothing and the same
file twice is still recognised by its digest. A worker not back by the deadline is stopped and
nothing of the file was written; the next parse gets a fresh worker.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import re
import tempfile
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from socialaudit.engine.config import find_config, load_settings
from socialaudit.engine.definitions import ChannelAdapter
from socialaudit.engine.definitions.adapter import ReadOptions
from socialaudit.engine.errors import InputError
from socialaudit.engine.loading import choose_adapter, sample_file
from socialaudit.engine.model.channel_data import (
    DATE_ONLY,
    POST_SCHEMA,
    ChannelDataPart,
    conform,
)
from socialaudit.engine.model.profile import ChannelProfile, Organisation
from socialaudit.engine.normalise import identified_interactions
from socialaudit.engine.registry import build_registry
from socialaudit.service.errors import file_error
from socialaudit.service.input_limits import check_frame
from socialaudit.service.parent_watch import exit_with_parent, run_in_background
from socialaudit.service.storage.tables import interactions, posts
from socialaudit.service.user_errors import UserError, UserErrorCode, UserErrors

log = logging.getLogger("socialaudit.service")

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

TASKS_PER_WORKER = 25
"""Files a worker reads before a fresh one replaces it: the columnar allocator keeps what the
largest file needed, so a long-lived worker only grows."""


@dataclass(frozen=True)
class InlineFile:
    """A file sent with a request: an upload's bytes or inline content."""

    filename: str
    content: bytes
    format: str | None = None


@dataclass(frozen=True)
class ParsedFile:
    """What the adapter read: its posts and interactions in the tables' shape, which of their
    rows have a date without a time of day (when the adapter says), and the rest of the part
    (its frames left out: they would cross from the worker twice)."""

    part: ChannelDataPart
    posts: pl.DataFrame | None
    interactions: pl.DataFrame | None
    posts_date_only: pl.Series | None
    interactions_date_only: pl.Series | None


def _date_only(frame: pl.DataFrame | None) -> pl.Series | None:
    return frame[DATE_ONLY] if frame is not None and DATE_ONLY in frame.columns else None


class ParseTimedOut(Exception):
    """The file was not read by the deadline; its worker was stopped."""


def read_upload(
    adapters: Mapping[str, ChannelAdapter],
    upload: InlineFile,
    profile: ChannelProfile,
    organisation: Organisation,
    field: list[str],
) -> ChannelDataPart:
    """Through the adapters, exactly as `socialaudit assess` reads a file in a folder."""
    if upload.format:
        if upload.format not in adapters:
            known = ", ".join(sorted(adapters))
            raise UserErrors.one(
                [*field[:-1], "format"],
                UserErrorCode.UNKNOWN_FORMAT,
                f"unknown format '{upload.format}' (known formats: {known})",
            )
        profile = profile.model_copy(update={"format": upload.format})
    name = _SAFE_NAME.sub("_", Path(upload.filename).name).strip("._") or "upload"
    with tempfile.TemporaryDirectory(prefix="socialaudit-") as folder:
        path = Path(folder) / name
        path.write_bytes(upload.content)
        try:
            adapter = choose_adapter(sample_file(path), profile, dict(adapters), "format")
        except InputError as exc:
            raise file_error(exc, field, UserErrorCode.FORMAT_NOT_RECOGNISED) from exc
        options = ReadOptions(
            channel=profile, timezone=profile.timezone or organisation.effective_timezone
        )
        try:
            return adapter.read(path, options)
        except InputError as exc:
            raise file_error(exc, field, UserErrorCode.MALFORMED_FILE) from exc
        except Exception as exc:  # an adapter's own bug is reported on the file, and logged
            log.exception("adapter %s failed", adapter.name)
            raise UserErrors.one(
                field,
                UserErrorCode.MALFORMED_FILE,
                f"the '{adapter.name}' adapter could not read it: {type(exc).__name__}",
            ) from exc


def parse_for_storage(
    adapters: Mapping[str, ChannelAdapter],
    upload: InlineFile,
    profile: ChannelProfile,
    organisation: Organisation,
    field: list[str],
) -> ParsedFile:
    """The file read and shaped as the tables store it; a row they cannot store is refused."""
    part = read_upload(adapters, upload, profile, organisation, field)
    post_frame = conform(part.posts, POST_SCHEMA) if part.posts is not None else None
    interaction_frame = (
        identified_interactions(part.interactions) if part.interactions is not None else None
    )
    if post_frame is not None:
        check_frame(post_frame, posts, "post", field)
    if interaction_frame is not None:
        check_frame(interaction_frame, interactions, "interaction", field)
    return ParsedFile(
        replace(part, posts=None, interactions=None),
        post_frame,
        interaction_frame,
        _date_only(part.posts),
        _date_only(part.interactions),
    )


# -- the worker process ------------------------------------------------------------------------

_adapters: dict[str, ChannelAdapter] | None = None


def _start(plugins_toml: str | None, extra_plugins: tuple[str, ...]) -> None:
    global _adapters
    exit_with_parent()
    run_in_background()
    registry = build_registry(
        load_settings(find_config(plugins_toml)),
        extra_plugins=[importlib.import_module(name) for name in extra_plugins],
    )
    _adapters = dict(registry.adapters)


def _ready() -> None:
    """Nothing: submitted once per worker so that the workers start before a file waits."""


def _parse(
    upload: InlineFile, profile: ChannelProfile, organisation: Organisation, field: list[str]
) -> ParsedFile | list[UserError]:
    """The parsed file, or the problems with it (plain data: `UserErrors` does not pickle)."""
    assert _adapters is not None, "the worker was started without its adapters"
    try:
        return parse_for_storage(_adapters, upload, profile, organisation, field)
    except UserErrors as exc:
        return exc.errors


class ImportParsers:
    """Worker processes that read uploaded files, each read with a deadline.

    The workers build their adapters from the same `plugins.toml` as the server (and
    `extra_plugins`, modules registered as an embedding application registers them)."""

    def __init__(
        self, processes: int, plugins_toml: Path | None, extra_plugins: tuple[str, ...] = ()
    ) -> None:
        self.processes = processes
        self.initargs = (str(plugins_toml) if plugins_toml else None, extra_plugins)
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._warm: list[Future[None]] = []

    def _executor(self) -> tuple[ProcessPoolExecutor, list[Future[None]]]:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.processes,
                    # a fresh interpreter, never a fork of a server with running threads
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=self.initargs,
                    max_tasks_per_child=TASKS_PER_WORKER,
                )
                self._warm = [self._pool.submit(_ready) for _ in range(self.processes)]
            return self._pool, self._warm

    def start(self) -> None:
        """Start the workers now, without waiting for them: the first file then does not pay
        for a fresh interpreter importing the engine."""
        self._executor()

    def wait_started(self, seconds: float) -> None:
        """Until the workers have started (and built their adapters), at most `seconds`."""
        for started in self._executor()[1]:
            started.result(timeout=seconds)

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        """Stop a pool whose worker is past its deadline, and start its successor at once, so
        that the next file does not wait for a fresh interpreter."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        processes = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        self.start()

    def parse(
        self,
        upload: InlineFile,
        profile: ChannelProfile,
        organisation: Organisation,
        field: list[str],
        seconds: float | None,
    ) -> ParsedFile:
        """The file read in a worker within `seconds` (None: no limit), else `ParseTimedOut`;
        the file's problems as `UserErrors`, as if read here."""
        deadline = time.monotonic() + seconds if seconds is not None else None

        def left() -> float | None:
            return max(deadline - time.monotonic(), 0) if deadline is not None else None

        for attempt in (1, 2):
            pool, warm = self._executor()
            try:
                for started in warm:
                    started.result(timeout=left())
                future = pool.submit(_parse, upload, profile, organisation, field)
                result = future.result(timeout=left())
            except FutureTimeout as exc:
                self._discard(pool)
                raise ParseTimedOut from exc
            except BrokenProcessPool:  # its worker was stopped for another file, or died
                self._discard(pool)
                if attempt == 2:
                    raise
                continue
            if isinstance(result, list):
                raise UserErrors(*result)
            return result
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
