"""Read an organisation folder: `organisation.toml` and the data files it names."""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from socialaudit.engine.config import validation_error
from socialaudit.engine.definitions import ChannelAdapter, FileSample
from socialaudit.engine.definitions.adapter import ReadOptions
from socialaudit.engine.errors import ConfigError, ErrorCode, InputError
from socialaudit.engine.model.channel_data import ChannelData, ChannelDataPart
from socialaudit.engine.model.profile import ChannelProfile, Organisation, Platform
from socialaudit.engine.normalise import merge_channel
from socialaudit.engine.tabular import SAMPLE_BYTES, decode_head, sniff_csv

HEADER_SEARCH_LINES = 5

PROFILE_FILE = "organisation.toml"

Progress = Callable[[str, int, int], None]
"""Called as ``progress(description, done, total)`` while files load."""


@dataclass
class OrganisationInput:
    """Everything an assessment needs: the profile and each channel's data by channel key."""

    organisation: Organisation
    channels: dict[str, ChannelData]


def parse_profile(data: dict[str, Any], source: str, text: str | None = None) -> Organisation:
    """Validate a profile given as a dict (from TOML, whose `text` locates errors, or from an
    API request)."""
    try:
        return Organisation.model_validate(data)
    except ValidationError as exc:
        raise validation_error(source, exc, model=Organisation, source=text) from exc


def read_profile(path: Path) -> Organisation:
    if not path.is_file():
        raise InputError(
            "file not found", file=path, hint=f"an organisation folder needs a {PROFILE_FILE}"
        )
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=path) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("not UTF-8 text", file=path, hint="save it as UTF-8") from exc
    return parse_profile(data, str(path), text)


def sample_file(path: Path) -> FileSample:
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    return FileSample(path=path, head=head, text=decode_head(head))


def check_readable(sample: FileSample) -> None:
    """Refuse, with what to do, a file no adapter can read as text: an empty one, or text in
    UTF-16 (what Excel saves as "Unicode text"), which every adapter would call unknown."""
    body = sample.head.removeprefix(b"\xef\xbb\xbf")
    if not body.strip():
        raise InputError(
            "the file is empty",
            file=sample.path,
            hint="export it again; a download that was cut off or a file saved before the "
            "export finished is empty",
        )
    if body.startswith(_BINARY) or b"\0" not in body[:4096]:
        return
    import charset_normalizer  # only for a file with NUL bytes; its import is 0.05 s

    guess = charset_normalizer.from_bytes(body[:16384]).best()
    encoding = guess.encoding if guess is not None else ""
    if encoding.startswith(("utf_16", "utf_32")):
        raise InputError(
            f'the file is {encoding.replace("_", "-").upper()} text (Excel\'s "Unicode text"), '
            "expected UTF-8 or Windows-1252",
            file=sample.path,
            line=1,
            hint='open it in Excel and save it as "CSV UTF-8 (Comma delimited) (*.csv)"',
        )


_BINARY = (b"PK", b"\xd0\xcf\x11\xe0")  # zip (xlsx) and OLE (xls) archives


def choose_adapter(
    sample: FileSample,
    channel: ChannelProfile,
    adapters: dict[str, ChannelAdapter],
    field: str,
) -> ChannelAdapter:
    """The adapter `format` names, else the one format that recognises the file."""
    check_readable(sample)
    if channel.format:
        if channel.format not in adapters:
            raise InputError(
                f"unknown format '{channel.format}'",
                file=PROFILE_FILE,
                field=field.rsplit(".", 1)[0] + ".format",
                hint=f"known formats: {', '.join(sorted(adapters))}",
            )
        return adapters[channel.format]
    fitting = [
        adapter
        for adapter in adapters.values()
        if (not adapter.platforms or channel.platform in adapter.platforms)
        and _detects(adapter, sample)
    ]
    if len(fitting) == 1:
        return fitting[0]
    candidates = [
        a.name for a in adapters.values() if not a.platforms or channel.platform in a.platforms
    ]
    if not fitting:
        nearest = _nearest_headers(sample, [adapters[name] for name in candidates])
        raise InputError(
            f"matches no known {channel.platform} format{nearest}",
            file=sample.path,
            hint=f"expected one of: {', '.join(sorted(candidates))}; "
            f"see docs/formats.md, or set `format` for this channel",
        )
    raise InputError(
        f"could be any of the formats {', '.join(sorted(a.name for a in fitting))}",
        file=sample.path,
        hint=f'set `format = "..."` in the channel\'s entry ({field})',
    )


def _nearest_headers(sample: FileSample, candidates: list[ChannelAdapter]) -> str:
    """For a CSV: the columns found, and the columns the closest CSV formats expect."""
    if sample.suffix not in (".csv", ".txt", ""):
        return ""
    lines = sample.text.splitlines()[:HEADER_SEARCH_LINES]
    delimiter = sniff_csv(sample.head).delimiter
    rows = [
        [c.lstrip("\ufeff").strip() for c in row]
        for row in csv.reader(lines, delimiter=delimiter)
        if any(c.strip() for c in row)
    ]
    if not rows:
        return ""
    found = max(rows, key=len)
    names = {c.lower() for row in rows for c in row}
    scored = sorted(
        (
            (-len(set(a.header) & names), a.name, [c for c in a.header if c not in names], a)
            for a in candidates
            if a.header
        ),
        key=lambda item: item[:2],
    )
    shown = ", ".join(found[:15]) + (", …" if len(found) > 15 else "")
    text = f": its header names {shown}"
    for _score, name, missing, adapter in [s for s in scored if s[0] < 0][:3] or scored[:2]:
        text += f"; {name} expects {', '.join(adapter.header)} (missing: {', '.join(missing)})"
    return text


def _detects(adapter: ChannelAdapter, sample: FileSample) -> bool:
    try:
        return bool(adapter.detect(sample))
    except Exception:  # a broken third-party detector must not block the built-in ones
        return False


def _read(adapter: ChannelAdapter, path: Path, options: ReadOptions) -> ChannelDataPart:
    """An adapter's own bug surfaces as an error on the file, naming the adapter to report."""
    try:
        return adapter.read(path, options)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            f"the '{adapter.name}' adapter could not read it: {type(exc).__name__}: {exc}",
            file=path,
            hint="if the file is as the platform exported it, report this to the adapter's plugin",
        ) from exc


def _expand(folder: Path, pattern: str, field: str) -> list[Path]:
    """The files a `data` entry names: a path or glob relative to the organisation folder, or
    an absolute one (pathlib globs only relative patterns, so those start at the root)."""
    given = Path(pattern).expanduser()
    base, relative = (
        (Path(given.anchor), str(given.relative_to(given.anchor)))
        if (given.is_absolute())
        else (folder, pattern)
    )
    try:
        matches = sorted(p for p in base.glob(relative) if p.is_file()) if relative else []
    except (ValueError, NotImplementedError, OSError) as exc:
        raise InputError(
            f"'{pattern}' is not a path or glob that can be searched: {exc}",
            file=folder / PROFILE_FILE,
            field=field,
            hint="write a path relative to the organisation folder, e.g. data/*.csv",
        ) from exc
    if not matches:
        where = "" if given.is_absolute() else f" in {folder}"
        raise InputError(
            f"'{pattern}' matches no file{where}",
            file=folder / PROFILE_FILE,
            field=field,
            hint="paths and globs are relative to the organisation folder, or absolute",
        )
    return matches


def load_channel(
    folder: Path,
    index: int,
    channel: ChannelProfile,
    organisation: Organisation,
    adapters: dict[str, ChannelAdapter],
    progress: Progress | None = None,
) -> ChannelData:
    """Read and merge one channel's files. Any error leaves nothing of the channel loaded."""
    field = f"channels[{index}].data"
    files = [path for pattern in channel.data for path in _expand(folder, pattern, field)]
    files = list(dict.fromkeys(files))
    options = ReadOptions(
        channel=channel, timezone=channel.timezone or organisation.effective_timezone
    )
    parts: list[ChannelDataPart] = []
    for done, path in enumerate(files):
        if progress:
            progress(f"{channel.key}: {path.name}", done, len(files))
        adapter = choose_adapter(sample_file(path), channel, adapters, field)
        parts.append(_read(adapter, path, options))
    return merge_channel(channel, parts) if parts else ChannelData.empty(channel.followers)


def known_platforms(adapters: dict[str, ChannelAdapter]) -> list[str]:
    """The built-in platform names plus any platform a loaded adapter declares."""
    names = {p.value for p in Platform}
    for adapter in adapters.values():
        names.update(adapter.platforms)
    return sorted(names)


def check_platforms(
    organisation: Organisation, adapters: dict[str, ChannelAdapter], source: Path | str
) -> None:
    known = known_platforms(adapters)
    for index, channel in enumerate(organisation.channels):
        if channel.platform not in known:
            raise InputError(
                f"unknown platform '{channel.platform}'",
                file=source,
                field=f"channels[{index}].platform",
                hint=f"known platforms: {', '.join(known)}; a plugin can add others",
                code=ErrorCode.UNKNOWN_PLATFORM,
            )


def load_organisation(
    folder: Path | str,
    adapters: dict[str, ChannelAdapter],
    progress: Progress | None = None,
) -> OrganisationInput:
    """Read `organisation.toml` in `folder` and every channel's data."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("not a folder", file=folder, hint="give the organisation's folder")
    organisation = read_profile(folder / PROFILE_FILE)
    check_platforms(organisation, adapters, folder / PROFILE_FILE)
    channels = {
        channel.key: load_channel(folder, index, channel, organisation, adapters, progress)
        for index, channel in enumerate(organisation.channels)
    }
    return OrganisationInput(organisation=organisation, channels=channels)
